package dev.berth.settings;

import dev.berth.naming.Generation;
import dev.berth.result.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Which contract generation the gateway speaks, and the resource admission policy Berth enforces
 * and reports to it. The three policy settings whose {@link Setting#key() key} is a key of the
 * gateway's {@code [<root>.drivers.<name>]} table are listed in {@link Settings#GATEWAY_TABLE}.
 */
public final class ContractSettings {

  private ContractSettings() {}

  /** The spelling of "decide from what the gateway sends". */
  public static final String AUTO = "auto";

  private static final String UNSET_FOLLOWS =
      " Unset follows the gateway's contract generation: allowed for G1 (which has no such gate),"
          + " refused for G2 and G3, as their gateways default it.";

  public static final Setting<Optional<Generation>> GATEWAY_GENERATION =
      new Setting<>(
          "gateway_generation",
          "OPENSHELL_GATEWAY_GENERATION",
          "--gateway-generation",
          "enum: " + AUTO + "|g1|g2|g3",
          AUTO,
          "Berth only. The compute-driver contract generation of the gateway: 'auto' decides from"
              + " each call (the ryno.compute.v1 service is G3; on openshell.compute.v1 a"
              + " GetCapabilities with gateway metadata is G2, without it G1), 'g1', 'g2' or 'g3'"
              + " pins it.",
          SettingGroup.CONTRACT,
          ContractSettings::generation);

  public static final Setting<Optional<Boolean>> ALLOW_DRIVER_CONFIG =
      new Setting<>(
          "allow_driver_config",
          "OPENSHELL_ALLOW_DRIVER_CONFIG",
          "--allow-driver-config",
          "boolean",
          "",
          "Whether callers may send a non-empty driver_config (volumes, mounts, pod settings);"
              + " otherwise such a sandbox is refused with FAILED_PRECONDITION. Mirrored into the"
              + " gateway's driver table, which must say the same."
              + UNSET_FOLLOWS,
          SettingGroup.CONTRACT,
          Parsers.optional(Parsers.bool()));

  public static final Setting<Optional<Boolean>> RESOURCE_ADMISSION_ENABLED =
      new Setting<>(
          "resource_admission.enabled",
          "OPENSHELL_RESOURCE_ADMISSION_ENABLED",
          "--resource-admission-enabled",
          "boolean",
          "",
          "Whether every PersistentVolumeClaim a caller mounts (read-only ones too) must carry the"
              + " required labels, checked at ValidateSandboxCreate, CreateSandbox and"
              + " StartSandbox. Mirrored into the gateway's driver table. Unset follows the"
              + " generation: off for G1, on for G2 and G3.",
          SettingGroup.CONTRACT,
          Parsers.optional(Parsers.bool()));

  public static final Setting<Optional<SortedMap<String, String>>>
      RESOURCE_ADMISSION_REQUIRED_LABELS =
          new Setting<>(
              "resource_admission.required_labels",
              "OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS",
              "--resource-admission-required-labels",
              "map (key=value, comma-separated)",
              "",
              "The labels a caller's PersistentVolumeClaim must carry; a value of "
                  + Generation.WORKSPACE_PLACEHOLDER
                  + " stands for the sandbox's workspace name, and at least one value must be"
                  + " fixed. Mirrored into the gateway's driver table. Unset follows the"
                  + " generation: '<prefix>sandbox-attachable=true' and"
                  + " '<prefix>sandbox-attachable-workspace="
                  + Generation.WORKSPACE_PLACEHOLDER
                  + "' with prefix 'openshell.ai/' (G1, G2) or 'ryno.ai/' (G3).",
              SettingGroup.CONTRACT,
              Parsers.optional(RequiredLabels::parseText));

  public static final Setting<Optional<AdmissionConfig>> DRIVER_ADMISSION_CONFIG_JSON =
      new Setting<>(
          "driver_admission_config_json",
          "OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON",
          "--admission-config-json",
          "JSON object",
          "",
          "The same policy as upstream's driver takes it, as one object:"
              + " {\"allow_driver_config\": bool, \"resource_admission\": {\"enabled\": bool,"
              + " \"required_labels\": {...}}}; absent keys follow the generation. Give either this"
              + " or the three settings above, not both.",
          SettingGroup.CONTRACT,
          Parsers.optional(AdmissionJson::parse));

  private static Result<Optional<Generation>> generation(String text) {
    if (text.equals(AUTO)) {
      return Parsed.value(Optional.empty());
    }
    Optional<Generation> pinned = Generation.parse(text);
    if (pinned.isEmpty()) {
      List<String> choices = new ArrayList<>(List.of(AUTO));
      for (Generation g : Generation.values()) {
        choices.add(g.value());
      }
      return Parsed.problem("use " + Parsers.quoted(choices));
    }
    return Parsed.value(pinned);
  }

  /** The separate policy settings, which the JSON form replaces. */
  static final List<Setting<?>> SEPARATE_POLICY =
      List.of(ALLOW_DRIVER_CONFIG, RESOURCE_ADMISSION_ENABLED, RESOURCE_ADMISSION_REQUIRED_LABELS);

  static final List<Setting<?>> ALL =
      List.of(
          GATEWAY_GENERATION,
          ALLOW_DRIVER_CONFIG,
          RESOURCE_ADMISSION_ENABLED,
          RESOURCE_ADMISSION_REQUIRED_LABELS,
          DRIVER_ADMISSION_CONFIG_JSON);
}
