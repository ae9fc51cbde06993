package dev.berth.install;

import dev.berth.config.UnknownFields;
import dev.berth.result.Violation;
import dev.berth.settings.Setting;
import dev.berth.settings.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The values file as a flat map from declared key to value. A key is a driver setting's {@code key}
 * or an install-only key ({@link InstallSettings}); dotted keys may be written as nested maps, and
 * a map is descended into only where a declared key continues below it. Unknown keys are refused
 * with the closest declared key as a hint.
 */
final class ValuesFile {

  static final String SOURCE = "values file";

  /**
   * @param values declared key to the value as written
   * @param violations unknown keys, keys given twice, a file that is not a map
   */
  record Flat(Map<String, JsonNode> values, List<Violation> violations) {}

  private ValuesFile() {}

  /** Every declared key: the driver settings' then the install's. */
  static Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    Settings.ALL.stream().map(Setting::key).forEach(keys::add);
    InstallSettings.ALL.stream().map(InstallKey::key).forEach(keys::add);
    return keys;
  }

  static Flat flatten(JsonNode tree) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    List<Violation> violations = new ArrayList<>();
    if (tree.isNull() || tree.isMissingNode()) {
      return new Flat(values, violations);
    }
    if (!tree.isObject()) {
      violations.add(
          new Violation(SOURCE, "the values file must be a map of keys to values; it is not"));
      return new Flat(values, violations);
    }
    descend(tree, "", keys(), values, violations);
    return new Flat(values, violations);
  }

  private static void descend(
      JsonNode map,
      String prefix,
      Set<String> keys,
      Map<String, JsonNode> values,
      List<Violation> violations) {
    for (var e : map.properties()) {
      String key = prefix + e.getKey();
      JsonNode value = e.getValue();
      if (keys.contains(key)) {
        if (values.put(key, value) != null) {
          violations.add(
              new Violation(
                  SOURCE, "key '" + key + "' is given twice (dotted and nested); give it once"));
        }
      } else if (value.isObject() && keys.stream().anyMatch(k -> k.startsWith(key + "."))) {
        descend(value, key + ".", keys, values, violations);
      } else {
        violations.add(new Violation(SOURCE, unknown(key, keys)));
      }
    }
  }

  private static String unknown(String key, Set<String> keys) {
    return "unknown key '"
        + key
        + "'; "
        + UnknownFields.suggestion(key, keys)
            .map(k -> "did you mean '" + k + "'?")
            .orElse("see docs/configuration.md and docs/install.md for the keys");
  }
}
