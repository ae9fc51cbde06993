package dev.berth.settings;

import java.util.List;

/**
 * The request size limits ({@link RequestLimits}). Each defaults to the OpenShell gateway's own
 * limit and may only be raised; the budget of the rendered object is fixed and not a setting.
 */
public final class LimitSettings {

  private LimitSettings() {}

  private static final long MOST = 1L << 30;

  private static final String RAISE_ONLY =
      " The gateway's own limit is the default and the least accepted; raise it only for clients"
          + " that call the driver directly.";

  public static final Setting<Long> MAX_ENVIRONMENT_ENTRIES =
      limit(
          "max_environment_entries",
          "OPENSHELL_MAX_ENVIRONMENT_ENTRIES",
          "--max-environment-entries",
          RequestLimits.GATEWAY.environmentEntries(),
          "Most entries in each of spec.environment and spec.template.environment, and in"
              + " spec.template.labels.");

  public static final Setting<Long> MAX_MAP_KEY_BYTES =
      limit(
          "max_map_key_bytes",
          "OPENSHELL_MAX_MAP_KEY_BYTES",
          "--max-map-key-bytes",
          RequestLimits.GATEWAY.mapKeyBytes(),
          "Longest key, in bytes, of the environment and label maps.");

  public static final Setting<Long> MAX_MAP_VALUE_BYTES =
      limit(
          "max_map_value_bytes",
          "OPENSHELL_MAX_MAP_VALUE_BYTES",
          "--max-map-value-bytes",
          RequestLimits.GATEWAY.mapValueBytes(),
          "Longest value, in bytes, of the environment and label maps.");

  public static final Setting<Long> MAX_ENVIRONMENT_BYTES =
      limit(
          "max_environment_bytes",
          "OPENSHELL_MAX_ENVIRONMENT_BYTES",
          "--max-environment-bytes",
          RequestLimits.GATEWAY.environmentBytes(),
          "Most bytes of both environment maps together, keys and values.");

  public static final Setting<Long> MAX_TEMPLATE_STRUCT_BYTES =
      limit(
          "max_template_struct_bytes",
          "OPENSHELL_MAX_TEMPLATE_STRUCT_BYTES",
          "--max-template-struct-bytes",
          RequestLimits.GATEWAY.templateStructBytes(),
          "Most bytes of driver_config, and of platform_config, each as compact JSON.");

  private static Setting<Long> limit(
      String key, String env, String flag, long gateway, String description) {
    return new Setting<>(
        key,
        env,
        flag,
        "integer",
        Long.toString(gateway),
        "Berth only. " + description + RAISE_ONLY,
        SettingGroup.CONTRACT,
        Parsers.wholeNumber(gateway, MOST));
  }

  static RequestLimits limits(SettingValues v) {
    return new RequestLimits(
        v.get(MAX_ENVIRONMENT_ENTRIES),
        v.get(MAX_MAP_KEY_BYTES),
        v.get(MAX_MAP_VALUE_BYTES),
        v.get(MAX_ENVIRONMENT_BYTES),
        v.get(MAX_TEMPLATE_STRUCT_BYTES));
  }

  static final List<Setting<?>> ALL =
      List.of(
          MAX_ENVIRONMENT_ENTRIES,
          MAX_MAP_KEY_BYTES,
          MAX_MAP_VALUE_BYTES,
          MAX_ENVIRONMENT_BYTES,
          MAX_TEMPLATE_STRUCT_BYTES);
}
