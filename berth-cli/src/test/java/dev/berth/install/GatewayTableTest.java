package dev.berth.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.install.InstallResolution.Sourced;
import dev.berth.settings.Setting;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/** The schema-2 driver table: the admission settings reach it typed, as the gateway reads them. */
class GatewayTableTest {

  @Test
  void mirroredSettingsWithAValueBecomeTypedEntriesOfTheDriverTable() throws Exception {
    Map<String, Sourced> chosen =
        Map.of(
            "allow_driver_config", new Sourced("true", "values file key 'allow_driver_config'"),
            "resource_admission.required_labels",
                new Sourced("openshell.ai/sandbox-attachable=true", "values file"),
            "topology", new Sourced("sidecar", "values file"));

    Map<String, JsonNode> entries = GatewayTable.entries(GatewayTable.MIRRORED, chosen);

    assertThat(entries.get("allow_driver_config").isBoolean()).isTrue();
    assertThat(entries)
        .containsOnlyKeys("allow_driver_config", "resource_admission.required_labels");
    assertThat(GatewayTable.entries(GatewayTable.MIRRORED, Map.of())).isEmpty();

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
  void theAdmissionSettingsAreTheMirroredOnes() {
    assertThat(GatewayTable.MIRRORED)
        .extracting(Setting::key)
        .containsExactlyInAnyOrder(
            "allow_driver_config",
            "resource_admission.enabled",
            "resource_admission.required_labels");
  }
}
