package dev.berth.settings;

import dev.berth.result.Result;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Upstream's one-JSON form of the admission policy, as its Kubernetes driver takes it in {@code
 * OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON}: {@code {"allow_driver_config": bool,
 * "resource_admission": {"enabled": bool, "required_labels": {"key": "value"}}}}. Read as strictly
 * as upstream reads it: an absent key is unset, an unknown key or a wrong type is refused.
 */
final class AdmissionJson {

  private AdmissionJson() {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static final String ALLOW_DRIVER_CONFIG = "allow_driver_config";
  static final String RESOURCE_ADMISSION = "resource_admission";
  static final String ENABLED = "enabled";
  static final String REQUIRED_LABELS = "required_labels";

  /**
   * The policy in {@code text}; problems never repeat the text, which may be long, and name the
   * part that is wrong instead.
   */
  static Result<AdmissionConfig> parse(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      return problem(
          "is not valid JSON; give one object, such as '{\"allow_driver_config\":true}'");
    }
    if (root == null || !root.isObject()) {
      return problem(
          "is not a JSON object; give one object, such as '{\"allow_driver_config\":true}'");
    }
    Optional<String> unknown =
        unknownKey(root, List.of(ALLOW_DRIVER_CONFIG, RESOURCE_ADMISSION), "");
    if (unknown.isPresent()) {
      return problem(unknown.get());
    }
    Result<Optional<Boolean>> allow = bool(root, ALLOW_DRIVER_CONFIG, ALLOW_DRIVER_CONFIG);
    if (allow instanceof Result.Invalid<?> p) {
      return problem(p.problem().orElseThrow());
    }
    JsonNode admission = root.get(RESOURCE_ADMISSION);
    Optional<Boolean> enabled = Optional.empty();
    Optional<SortedMap<String, String>> labels = Optional.empty();
    if (admission != null) {
      if (!admission.isObject()) {
        return problem("has '" + RESOURCE_ADMISSION + "' that is not an object");
      }
      Optional<String> inner =
          unknownKey(admission, List.of(ENABLED, REQUIRED_LABELS), RESOURCE_ADMISSION + ".");
      if (inner.isPresent()) {
        return problem(inner.get());
      }
      Result<Optional<Boolean>> on = bool(admission, ENABLED, RESOURCE_ADMISSION + "." + ENABLED);
      if (on instanceof Result.Invalid<?> p) {
        return problem(p.problem().orElseThrow());
      }
      enabled = on.orElseThrow();
      Result<Optional<SortedMap<String, String>>> required = labels(admission);
      if (required instanceof Result.Invalid<?> p) {
        return problem(p.problem().orElseThrow());
      }
      labels = required.orElseThrow();
    }
    if (labels.isPresent() && labels.get().isEmpty() && !enabled.equals(Optional.of(false))) {
      return problem(
          "has an empty '"
              + RESOURCE_ADMISSION
              + "."
              + REQUIRED_LABELS
              + "' while admission is enabled; name at least one label, or set '"
              + RESOURCE_ADMISSION
              + "."
              + ENABLED
              + "' to false");
    }
    return Parsed.value(new AdmissionConfig(allow.orElseThrow(), enabled, labels));
  }

  private static Result<Optional<SortedMap<String, String>>> labels(JsonNode admission) {
    JsonNode node = admission.get(REQUIRED_LABELS);
    String where = RESOURCE_ADMISSION + "." + REQUIRED_LABELS;
    if (node == null) {
      return Parsed.value(Optional.empty());
    }
    if (!node.isObject()) {
      return problem("has '" + where + "' that is not an object of label keys and values");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isString()) {
        return problem(
            "has '"
                + where
                + "' entry '"
                + Setting.printable(e.getKey())
                + "' whose value is not text");
      }
      labels.put(e.getKey(), e.getValue().asString());
    }
    Optional<String> wrong = RequiredLabels.problem(labels);
    if (wrong.isPresent()) {
      return problem("has '" + where + "' whose " + wrong.get());
    }
    return Parsed.value(Optional.of(RequiredLabels.copy(labels)));
  }

  private static Result<Optional<Boolean>> bool(JsonNode object, String key, String where) {
    JsonNode node = object.get(key);
    if (node == null) {
      return Parsed.value(Optional.empty());
    }
    if (!node.isBoolean()) {
      return problem("has '" + where + "' that is not true or false");
    }
    return Parsed.value(Optional.of(node.booleanValue()));
  }

  private static Optional<String> unknownKey(JsonNode object, List<String> known, String path) {
    Iterator<String> names = object.propertyNames().iterator();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        return Optional.of(
            "has the unknown key '"
                + Setting.printable(path + name)
                + "'; the keys are "
                + Parsers.quoted(known.stream().map(k -> path + k).toList()));
      }
    }
    return Optional.empty();
  }

  private static <T> Result<T> problem(String phrase) {
    return Parsed.problemHidingValue(phrase);
  }
}
