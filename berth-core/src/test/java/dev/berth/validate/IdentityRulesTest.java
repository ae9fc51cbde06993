package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.ClusterFacts;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import dev.berth.testing.TestPlans;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The namespace the driver asks about before validation is the one the validator's plan uses. */
class IdentityRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"shared", "managed"})
  void namespaceAgreesWithTheValidatorsPlan(String mode) {
    for (String workspace : List.of("team-a", "a", "w".repeat(40))) {
      TestPlans plans =
          TestPlans.builder()
              .setting("OPENSHELL_WORKSPACE_MODE", mode)
              .setting("OPENSHELL_GATEWAY_ID", "gw-1")
              .setting("OPENSHELL_SANDBOX_NAMESPACE", "sandboxes")
              .workspace(workspace);

      assertThat(IdentityRules.namespace(plans.settings(), workspace))
          .as(mode + " " + workspace)
          .contains(plans.build().identity().namespace());
      assertThat(IdentityRules.workspace(plans.settings(), workspace)).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "Team_A", "wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww"})
  void workspacesThatCannotNameAManagedNamespaceHaveNoneAndSayWhy(String workspace) {
    TestPlans plans = TestPlans.builder().setting("OPENSHELL_WORKSPACE_MODE", "managed");
    DriverSettings managed = plans.settings();

    assertThat(IdentityRules.namespace(managed, workspace)).isEmpty();
    List<Violation> why = IdentityRules.workspace(managed, workspace);
    assertThat(why).hasSize(1);
    assertThat(why.get(0).field()).isEqualTo(RequestFields.WORKSPACE);
    // The same sentence the validator gives for the whole request.
    assertThat(
            SandboxValidator.validate(
                    plans.workspace(workspace).request(), managed, ClusterFacts.DEFAULT)
                .violations())
        .contains(why.get(0));
  }
}
