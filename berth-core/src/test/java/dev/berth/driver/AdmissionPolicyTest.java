package dev.berth.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.Generation;
import dev.berth.settings.AdmissionConfig;
import dev.berth.settings.DriverSettings;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AdmissionPolicyTest {

  @Test
  void unsetPartsTakeTheGenerationsDefaultsByteForByte() {
    assertThat(AdmissionPolicy.of(AdmissionConfig.UNSET, Generation.G2).acknowledgement())
        .isEqualTo(
            "v1:{\"allow_driver_config\":false,\"resource_admission\":{\"enabled\":true,"
                + "\"required_labels\":{\"openshell.ai/sandbox-attachable\":\"true\","
                + "\"openshell.ai/sandbox-attachable-workspace\":\"${workspace}\"}}}");
    assertThat(AdmissionPolicy.of(AdmissionConfig.UNSET, Generation.G3).acknowledgement())
        .isEqualTo(
            "v1:{\"allow_driver_config\":false,\"resource_admission\":{\"enabled\":true,"
                + "\"required_labels\":{\"ryno.ai/sandbox-attachable\":\"true\","
                + "\"ryno.ai/sandbox-attachable-workspace\":\"${workspace}\"}}}");
    AdmissionPolicy g1 = AdmissionPolicy.of(AdmissionConfig.UNSET, Generation.G1);
    assertThat(g1.allowDriverConfig()).isTrue();
    assertThat(g1.enabled()).isFalse();
  }

  @Test
  void configuredPartsApplyToEveryGeneration() {
    AdmissionConfig configured =
        new AdmissionConfig(
            Optional.of(true),
            Optional.empty(),
            Optional.of(
                new TreeMap<>(Map.of("z.example/ok", "yes", "a.example/ws", "${workspace}"))));
    AdmissionPolicy g1 = AdmissionPolicy.of(configured, Generation.G1);
    AdmissionPolicy g3 = AdmissionPolicy.of(configured, Generation.G3);

    assertThat(g1.allowDriverConfig()).isTrue();
    assertThat(g1.enabled()).isFalse();
    assertThat(g3.enabled()).isTrue();
    assertThat(g3.acknowledgement())
        .isEqualTo(
            "v1:{\"allow_driver_config\":true,\"resource_admission\":{\"enabled\":true,"
                + "\"required_labels\":{\"a.example/ws\":\"${workspace}\",\"z.example/ok\":\"yes\"}}}");
  }

  @Test
  void theSettingsFormsGiveTheSameBytes() {
    // The JSON and the separate settings, with labels in different orders, are one policy.
    DriverSettings json =
        DriverSettings.fromMap(
                Map.of(
                    "OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON",
                    "{\"resource_admission\":{\"required_labels\":"
                        + "{\"b.example/x\":\"1\",\"a.example/y\":\"${workspace}\"}},"
                        + "\"allow_driver_config\":true}"))
            .orElseThrow();
    DriverSettings separate =
        DriverSettings.fromMap(
                Map.of(
                    "OPENSHELL_ALLOW_DRIVER_CONFIG", "true",
                    "OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS",
                        "a.example/y=${workspace},b.example/x=1"))
            .orElseThrow();
    for (Generation g : Generation.values()) {
      String a = AdmissionPolicy.of(json.contract().admission(), g).acknowledgement();
      String b = AdmissionPolicy.of(separate.contract().admission(), g).acknowledgement();
      assertThat(a).isEqualTo(b);
      assertThat(AdmissionPolicy.of(json.contract().admission(), g).acknowledgement()).isEqualTo(a);
    }
  }

  @Test
  void theWorkspaceIsFilledIntoThePlaceholderOnly() {
    AdmissionPolicy policy = AdmissionPolicy.of(AdmissionConfig.UNSET, Generation.G2);
    assertThat(policy.labelsFor("team-a"))
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "openshell.ai/sandbox-attachable", "true",
                    "openshell.ai/sandbox-attachable-workspace", "team-a")));
  }
}
