package dev.berth.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.naming.Generation;
import dev.berth.plan.ClusterFacts;
import dev.berth.render.isolation.RenderedIsolationSandbox;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.Container;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pods of each sandbox shape a namespace's enforce level is compared with. */
class SandboxPodSecurityTest {

  private static final DriverSettings SETTINGS = DriverSettings.fromMap(Map.of()).orElseThrow();

  private static RenderedIsolationSandbox rendered(Generation generation) {
    return SampleSandboxes.minimalIsolation(SETTINGS, ClusterFacts.DEFAULT, generation)
        .orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(
      value = Generation.class,
      names = {"G2", "G3"})
  void bothTwoPodPodsMeetRestrictedSoEveryLevelAdmitsThem(Generation generation) {
    var pods = SandboxPodSecurity.isolationPods(SETTINGS, generation).orElseThrow();

    assertThat(pods).extracting(JudgedPod::name).containsExactly("workload pod", "supervisor pod");
    for (JudgedPod pod : pods) {
      assertThat(pod.report().level()).as(pod.name()).isEqualTo(PssLevel.RESTRICTED);
      for (PssLevel enforced : PssLevel.values()) {
        assertThat(pod.admittedAt(enforced)).as(pod.name() + " at " + enforced).isTrue();
        assertThat(pod.firstRefused(enforced)).isEmpty();
      }
    }
  }

  @Test
  void theConfiguredTopologyDoesNotChangeTheTwoPodPods() {
    // Combined pods meet only privileged; the two-pod shape never uses the configured topology.
    assertThat(SandboxPodSecurity.report(SETTINGS).orElseThrow().level())
        .isEqualTo(PssLevel.PRIVILEGED);
    DriverSettings sidecar =
        DriverSettings.fromMap(Map.of("OPENSHELL_K8S_TOPOLOGY", "sidecar")).orElseThrow();
    assertThat(SandboxPodSecurity.isolationPods(sidecar, Generation.G3).orElseThrow())
        .allSatisfy(p -> assertThat(p.report().level()).isEqualTo(PssLevel.RESTRICTED));
  }

  @Test
  void aSupervisorPodOnTheHostNetworkIsRefusedByBaselineNamingItsField() {
    RenderedIsolationSandbox r = rendered(Generation.G3);
    r.supervisorPod().getSpec().setHostNetwork(true);
    JudgedPod supervisor =
        new JudgedPod(JudgedPod.SUPERVISOR, PodSecurityReport.of(r.supervisorPod().getSpec()));

    assertThat(supervisor.report().level()).isEqualTo(PssLevel.PRIVILEGED);
    assertThat(supervisor.admittedAt(PssLevel.PRIVILEGED)).isTrue();
    assertThat(supervisor.admittedAt(PssLevel.BASELINE)).isFalse();
    assertThat(supervisor.admittedAt(PssLevel.RESTRICTED)).isFalse();
    assertThat(supervisor.firstRefused(PssLevel.BASELINE))
        .hasValueSatisfying(
            f -> {
              assertThat(f.scope()).isEqualTo(PodSecurityReport.POD);
              assertThat(f.field()).contains("hostNetwork");
            });
  }

  @Test
  void aWorkloadContainerThatMayEscalateIsRefusedOnlyByRestricted() {
    RenderedIsolationSandbox r = rendered(Generation.G2);
    Container agent = r.workloadTemplate().getSpec().getContainers().get(0);
    agent.getSecurityContext().setAllowPrivilegeEscalation(true);
    JudgedPod workload =
        new JudgedPod(JudgedPod.WORKLOAD, PodSecurityReport.of(r.workloadTemplate()));

    assertThat(workload.report().level()).isEqualTo(PssLevel.BASELINE);
    assertThat(workload.admittedAt(PssLevel.PRIVILEGED)).isTrue();
    assertThat(workload.admittedAt(PssLevel.BASELINE)).isTrue();
    assertThat(workload.firstRefused(PssLevel.BASELINE)).isEmpty();
    assertThat(workload.admittedAt(PssLevel.RESTRICTED)).isFalse();
    assertThat(workload.firstRefused(PssLevel.RESTRICTED))
        .hasValueSatisfying(
            f -> {
              assertThat(f.scope()).isEqualTo(agent.getName());
              assertThat(f.field()).endsWith("allowPrivilegeEscalation");
            });
  }

  @Test
  void g1HasNoTwoPodShape() {
    assertThatThrownBy(() -> SandboxPodSecurity.isolationPods(SETTINGS, Generation.G1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("g1");
  }
}
