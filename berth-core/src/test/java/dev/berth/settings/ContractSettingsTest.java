package dev.berth.settings;

import static dev.berth.settings.SettingsLoaderTest.load;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractSettingsTest {

  private static final String JSON = "{\"allow_driver_config\":true}";

  @Test
  void thePolicyIsGivenInOneFormOnly() {
    Result<DriverSettings> both =
        load(
            "OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON",
            JSON,
            "OPENSHELL_ALLOW_DRIVER_CONFIG",
            "true",
            "OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS",
            "a=b");

    assertThat(both.violations())
        .containsExactly(
            new Violation(
                "OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON",
                "--admission-config-json (OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON) and"
                    + " --allow-driver-config (OPENSHELL_ALLOW_DRIVER_CONFIG) are both set; give"
                    + " the admission policy either as the JSON object or as the separate"
                    + " settings, not both."),
            new Violation(
                "OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON",
                "--admission-config-json (OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON) and"
                    + " --resource-admission-required-labels"
                    + " (OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS) are both set; give the"
                    + " admission policy either as the JSON object or as the separate settings,"
                    + " not both."));
  }

  @Test
  void eitherFormAloneIsTakenAsIs() {
    assertThat(load("OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON", JSON).orElseThrow().contract())
        .isEqualTo(load("OPENSHELL_ALLOW_DRIVER_CONFIG", "true").orElseThrow().contract());
    // Upstream's default value, an empty object, configures nothing.
    assertThat(
            load("OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON", "{}")
                .orElseThrow()
                .contract()
                .admission())
        .isEqualTo(AdmissionConfig.UNSET);
  }

  @Test
  void aRefusedJsonIsNotReportedTwice() {
    assertThat(
            load(
                    "OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON",
                    "{",
                    "OPENSHELL_ALLOW_DRIVER_CONFIG",
                    "true")
                .violations())
        .extracting(Violation::field)
        .containsExactly("OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON");
  }

  @Test
  void theGatewayTableSettingsAreSpelledAsTheGatewaysTable() {
    assertThat(Settings.GATEWAY_TABLE)
        .extracting(Setting::key)
        .containsExactly(
            "allow_driver_config",
            "resource_admission.enabled",
            "resource_admission.required_labels");
    assertThat(Settings.ALL).containsAll(Settings.GATEWAY_TABLE);
    assertThat(ConfigurationDocs.markdown())
        .contains("Gateway table key: `resource_admission.required_labels`");
  }

  @Test
  void theJsonKeysAreTheGatewayTableKeys() {
    // One vocabulary: the JSON form nests exactly the keys the separate settings spell.
    assertThat(
            List.of(
                AdmissionJson.ALLOW_DRIVER_CONFIG,
                AdmissionJson.RESOURCE_ADMISSION + "." + AdmissionJson.ENABLED,
                AdmissionJson.RESOURCE_ADMISSION + "." + AdmissionJson.REQUIRED_LABELS))
        .isEqualTo(Settings.GATEWAY_TABLE.stream().map(Setting::key).toList());
  }
}
