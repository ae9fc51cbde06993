package dev.berth.grpc;

import static dev.berth.grpc.testing.Sandboxes.minimal;
import static dev.berth.grpc.testing.Sandboxes.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.grpc.convert.ProtoRequests;
import dev.berth.plan.ClusterFacts;
import dev.berth.settings.DriverSettings;
import dev.berth.validate.SandboxValidator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The namespace asked about before validation is the one the validator's plan uses. */
class SandboxAdmissionTest {

  @ParameterizedTest
  @ValueSource(strings = {"shared", "managed"})
  void namespaceAgreesWithTheValidatorsPlan(String mode) {
    DriverSettings settings =
        settings(
            "OPENSHELL_WORKSPACE_MODE", mode,
            "OPENSHELL_GATEWAY_ID", "gw-1",
            "OPENSHELL_SANDBOX_NAMESPACE", "sandboxes");
    for (String workspace : List.of("team-a", "a", "w".repeat(40))) {
      var request =
          ProtoRequests.toRequest(
              minimal("sb-1", "demo").toBuilder().setWorkspace(workspace).build());
      var plan = SandboxValidator.validate(request, settings, ClusterFacts.DEFAULT).orElseThrow();

      assertThat(SandboxAdmission.namespace(settings, workspace))
          .as(mode + " " + workspace)
          .contains(plan.identity().namespace());
    }
  }

  @Test
  void workspacesThatCannotNameANamespaceHaveNone() {
    DriverSettings managed = settings("OPENSHELL_WORKSPACE_MODE", "managed");

    assertThat(SandboxAdmission.namespace(managed, "")).isEmpty();
    assertThat(SandboxAdmission.namespace(managed, "Team_A")).isEmpty();
    assertThat(SandboxAdmission.namespace(managed, "w".repeat(60))).isEmpty();
  }

  @Test
  void missingClaimSentencesNameEveryClaimAndTheNamespace() {
    assertThat(SandboxAdmission.missingClaimsMessage("ns", List.of("a")))
        .startsWith("PersistentVolumeClaim 'a' does not exist in namespace 'ns'; create it");
    assertThat(SandboxAdmission.missingClaimsMessage("ns", List.of("a", "b")))
        .startsWith("PersistentVolumeClaims 'a', 'b' do not exist in namespace 'ns'; create them");
  }
}
