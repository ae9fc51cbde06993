package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmissionCheckTest {

  private static CheckResult check(String... settings) {
    return new AdmissionCheck()
        .run(Fixtures.context(Fixtures.settings(settings), Optional.of(Fixtures.V1_35)));
  }

  @Test
  void requiredLabelsAreReportedWithTheWorkspaceSpelledOut() {
    CheckResult result =
        check(
            "OPENSHELL_GATEWAY_GENERATION", "g2",
            "OPENSHELL_RESOURCE_ADMISSION_ENABLED", "true",
            "OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS",
                "team.example/attachable=true,team.example/workspace=${workspace}");

    assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
    assertThat(result.found())
        .startsWith("G2 gateways:")
        .contains(
            "resource admission on",
            "team.example/attachable=true, team.example/workspace=<the sandbox's workspace>");
  }

  @Test
  void allowDriverConfigFalseSaysWhatCallersLose() {
    CheckResult result =
        check(
            "OPENSHELL_GATEWAY_GENERATION", "g1",
            "OPENSHELL_ALLOW_DRIVER_CONFIG", "false");

    assertThat(result.found())
        .contains("allow_driver_config=false", "refused with FAILED_PRECONDITION")
        .contains("resource admission off");
  }

  @Test
  void anUnpinnedGenerationReportsThePolicyOfEachGeneration() {
    CheckResult result = check();

    assertThat(result.found())
        .contains("G1 gateways: callers may send driver_config, resource admission off")
        .contains("openshell.ai/sandbox-attachable=true")
        .contains("ryno.ai/sandbox-attachable=true");
  }
}
