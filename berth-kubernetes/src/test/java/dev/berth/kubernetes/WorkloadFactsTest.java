package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.driver.DriverException;
import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The workload identity and child environment read from the workload pod. */
class WorkloadFactsTest {

  private static PodBuilder pod() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("demo")
        .endMetadata()
        .withNewSpec()
        .withNewSecurityContext()
        .withRunAsUser(1000L)
        .withRunAsGroup(1000L)
        .withFsGroup(1000L)
        .endSecurityContext()
        .addNewContainer()
        .withName("agent")
        .addNewEnv()
        .withName("TOKEN_HINT")
        .withValue("x")
        .endEnv()
        .addNewEnv()
        .withName("EMPTY")
        .endEnv()
        .addNewEnv()
        .withName("RYNO_SANDBOX_UID")
        .withValue("1000")
        .endEnv()
        .addNewEnv()
        .withName("OPENSHELL_LOG_LEVEL")
        .withValue("info")
        .endEnv()
        .endContainer()
        .endSpec();
  }

  @Test
  void theAgentsOwnContextWinsOverThePods() throws DriverException {
    Pod pod =
        pod()
            .editSpec()
            .editFirstContainer()
            .withNewSecurityContext()
            .withRunAsUser(2000L)
            .withRunAsGroup(3000L)
            .endSecurityContext()
            .endContainer()
            .editSecurityContext()
            .withSupplementalGroups(5000L, 3000L, 4000L, 5000L)
            .endSecurityContext()
            .endSpec()
            .build();

    WorkloadFacts facts = WorkloadFacts.of(pod, new IsolationNames(Generation.G3));

    assertThat(facts.uid()).isEqualTo(2000L);
    assertThat(facts.gid()).isEqualTo(3000L);
    // fsGroup 1000 is a supplementary group too; the primary group is not repeated.
    assertThat(facts.supplementaryGids()).containsExactly(1000L, 4000L, 5000L);
  }

  @Test
  void thePodsContextAppliesWhenTheAgentSetsNone() throws DriverException {
    WorkloadFacts facts = WorkloadFacts.of(pod().build(), new IsolationNames(Generation.G3));

    assertThat(facts.uid()).isEqualTo(1000L);
    assertThat(facts.gid()).isEqualTo(1000L);
    assertThat(facts.supplementaryGids()).isEmpty();
  }

  @Test
  void childrenGetTheUsersVariablesOnly() throws DriverException {
    WorkloadFacts g3 = WorkloadFacts.of(pod().build(), new IsolationNames(Generation.G3));
    WorkloadFacts g2 = WorkloadFacts.of(pod().build(), new IsolationNames(Generation.G2));

    assertThat(g3.childEnv()).isEqualTo(Map.of("EMPTY", "", "TOKEN_HINT", "x"));
    // G2 reserves only OPENSHELL_, so a RYNO_ variable is the user's own there.
    assertThat(g2.childEnv())
        .isEqualTo(Map.of("EMPTY", "", "TOKEN_HINT", "x", "RYNO_SANDBOX_UID", "1000"));
  }

  @Test
  void aRootOrMissingIdentityIsRefused() {
    Pod root =
        pod()
            .editSpec()
            .editSecurityContext()
            .withRunAsUser(0L)
            .endSecurityContext()
            .endSpec()
            .build();
    Pod none =
        pod()
            .editSpec()
            .editSecurityContext()
            .withRunAsGroup(null)
            .endSecurityContext()
            .endSpec()
            .build();
    Pod rootGroup =
        pod()
            .editSpec()
            .editSecurityContext()
            .withSupplementalGroups(List.of(0L))
            .endSecurityContext()
            .endSpec()
            .build();
    IsolationNames names = new IsolationNames(Generation.G3);

    assertThatThrownBy(() -> WorkloadFacts.of(root, names))
        .isInstanceOf(DriverException.class)
        .hasMessageContaining("workload pod demo runs its agent with runAsUser 0");
    assertThatThrownBy(() -> WorkloadFacts.of(none, names))
        .hasMessageContaining("workload pod demo runs its agent without a runAsGroup");
    assertThatThrownBy(() -> WorkloadFacts.of(rootGroup, names))
        .hasMessageContaining("root group 0");
  }
}
