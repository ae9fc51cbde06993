package dev.berth.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.install.InstallResolution.Sourced;
import dev.berth.settings.ClusterSettings;
import dev.berth.settings.PodSettings;
import dev.berth.settings.Setting;
import dev.berth.settings.SettingGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * The schema-2 driver table: settings marked as mirrored reach it typed, as the gateway reads them.
 * The admission settings are not declared on this branch, so stand-ins with their keys and types
 * show the seam.
 */
class GatewayTableTest {

  private static final Setting<Boolean> ALLOW =
      new Setting<>(
          "allow_driver_config",
          "OPENSHELL_TEST_ALLOW_DRIVER_CONFIG",
          "--test-allow-driver-config",
          "driver.testAllow",
          "boolean",
          "false",
          "stand-in",
          SettingGroup.GATEWAY,
          PodSettings.ENABLE_USER_NAMESPACES.parser());

  private static final Setting<Map<String, String>> LABELS =
      new Setting<>(
          "resource_admission.required_labels",
          "OPENSHELL_TEST_REQUIRED_LABELS",
          "--test-required-labels",
          "driver.testLabels",
          "map",
          "",
          "stand-in",
          SettingGroup.GATEWAY,
          ClusterSettings.MANAGED_SSH_GATEWAY_POD_SELECTOR.parser());

  @Test
  void mirroredSettingsWithAValueBecomeTypedEntriesOfTheDriverTable() throws Exception {
    Map<String, Sourced> chosen =
        Map.of(
            "allow_driver_config", new Sourced("true", "values file key 'allow_driver_config'"),
            "resource_admission.required_labels",
                new Sourced("openshell.ai/sandbox-attachable=true", "values file"),
            "topology", new Sourced("sidecar", "values file"));

    Map<String, JsonNode> entries = GatewayTable.entries(List.of(ALLOW, LABELS), chosen);

    assertThat(entries.get("allow_driver_config").isBoolean()).isTrue();
    assertThat(entries)
        .containsOnlyKeys("allow_driver_config", "resource_admission.required_labels");
    assertThat(GatewayTable.entries(List.of(ALLOW, LABELS), Map.of())).isEmpty();

    GatewayConfig config =
        GatewayConfig.read(GatewayStreams.v2Toml("ryno"), "gateway.toml").orElseThrow();
    JsonNode toml =
        TomlMapper.builder()
            .build()
            .readTree(config.withExternalDriver("berth", "/run/berth.sock", entries));
    JsonNode table = toml.path("ryno").path("drivers").path("berth");
    assertThat(table.path("socket_path").asString()).isEqualTo("/run/berth.sock");
    assertThat(table.path("allow_driver_config").booleanValue()).isTrue();
    assertThat(
            table
                .path("resource_admission")
                .path("required_labels")
                .path("openshell.ai/sandbox-attachable")
                .asString())
        .isEqualTo("true");
    // The rest of the file is unchanged.
    assertThat(toml.path("ryno").path("drivers").path("kubernetes"))
        .isEqualTo(config.tree().path("ryno").path("drivers").path("kubernetes"));
    assertThat(toml.path("ryno").path("gateway").path("compute_driver").asString())
        .isEqualTo("berth");
  }

  @Test
  void nothingIsMirroredUntilTheAdmissionSettingsAreConnected() {
    assertThat(GatewayTable.MIRRORED).isEmpty();
  }
}
