package dev.berth.install;

import dev.berth.install.InstallResolution.Sourced;
import dev.berth.settings.Setting;
import dev.berth.settings.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which driver settings the install mirrors into the gateway's {@code [<root>.drivers.<name>]}
 * table under config schema 2, and their TOML values. The gateway derives its admission policy from
 * that table and activates the driver only when the driver reports the same policy, so both read
 * the operator's values from this one place. Only values the operator set (in the values file or
 * already in the gateway's table) are written; unset ones stay at each side's generation default.
 */
final class GatewayTable {

  /**
   * The mirrored settings. The admission settings ({@code allow_driver_config}, {@code
   * resource_admission.enabled}, {@code resource_admission.required_labels}) join this list when
   * their declarations land; connect it to their shared declaration (a list or an attribute on
   * {@link Setting}) rather than naming them here.
   */
  static final List<Setting<?>> MIRRORED = Settings.GATEWAY_TABLE;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private GatewayTable() {}

  /**
   * The table entries, by dotted key: each mirrored setting that has a value in {@code chosen},
   * typed as its parser reads it (booleans, numbers, maps as tables, lists as arrays).
   */
  static Map<String, JsonNode> entries(List<Setting<?>> mirrored, Map<String, Sourced> chosen) {
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    for (Setting<?> setting : mirrored) {
      Sourced given = chosen.get(setting.key());
      if (given == null || given.text().isEmpty()) {
        continue;
      }
      setting
          .parse(given.text())
          .asOptional()
          .flatMap(GatewayTable::present)
          .ifPresent(v -> entries.put(setting.key(), JSON.valueToTree(v)));
    }
    return entries;
  }

  private static Optional<Object> present(Object value) {
    if (value instanceof Optional<?> o) {
      return o.map(x -> x);
    }
    return Optional.of(value);
  }
}
