package dev.berth.render;

import static dev.berth.render.Contributions.touched;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Sysctl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PodSecurityDecoratorTest {

  static PodContribution contribute(TestPlans plan) {
    return new PodSecurityDecorator().contribute(plan.build());
  }

  static PodSecurityContext security(TestPlans plan) {
    return contribute(plan).spec().getSecurityContext();
  }

  /**
   * The workspace and the sidecar's shared directories both rely on the sandbox group owning them,
   * so both topologies get the same fsGroup and nothing else.
   */
  @ParameterizedTest
  @ValueSource(strings = {"combined", "sidecar"})
  void theSandboxGroupIsTheFsGroupInBothTopologies(String topology) {
    PodContribution c = contribute(Contributions.topology(topology));

    assertThat(touched(c)).containsExactly("spec.securityContext");
    assertThat(Contributions.setFields(c.spec().getSecurityContext())).containsExactly("fsGroup");
    assertThat(c.spec().getSecurityContext().getFsGroup()).isEqualTo(1000L);
  }

  @Test
  void fsGroupFollowsTheConfiguredOrNamespaceGroup() {
    assertThat(
            security(TestPlans.builder().setting("OPENSHELL_K8S_SANDBOX_GID", "3000")).getFsGroup())
        .isEqualTo(3000L);
    assertThat(
            security(
                    TestPlans.builder()
                        .facts(Contributions.openShift("1000660000/10000", "1000770000/10000")))
                .getFsGroup())
        .isEqualTo(1000770000L);
  }

  /** Kelos's carve-out: an override without fs_group keeps the driver's. */
  @Test
  void podOverrideWithoutFsGroupKeepsTheDriversFsGroup() {
    PodContribution c =
        contribute(
            Contributions.sidecar()
                .driverConfig(
                    """
                    {"pod": {"security_context": {
                      "supplemental_groups": [5000, 5001],
                      "fs_group_change_policy": "OnRootMismatch",
                      "run_as_user": 1000,
                      "run_as_group": 1000,
                      "seccomp_profile": {"type": "RuntimeDefault"},
                      "se_linux_options": {"level": "s0:c123,c456"},
                      "sysctls": [{"name": "net.ipv4.tcp_syncookies", "value": "1"}]}},
                     "containers": {"agent": {"security_context": {"read_only_root_filesystem": true}}}}
                    """));

    PodSecurityContext pod = c.spec().getSecurityContext();
    assertThat(pod.getFsGroup()).isEqualTo(1000L);
    assertThat(pod.getSupplementalGroups()).containsExactly(5000L, 5001L);
    assertThat(pod.getFsGroupChangePolicy()).isEqualTo("OnRootMismatch");
    assertThat(pod.getRunAsUser()).isEqualTo(1000L);
    assertThat(pod.getRunAsGroup()).isEqualTo(1000L);
    assertThat(pod.getRunAsNonRoot()).isNull();
    assertThat(pod.getSeccompProfile()).isEqualTo(new SeccompProfile(null, "RuntimeDefault"));
    assertThat(pod.getSeLinuxOptions())
        .isEqualTo(new SELinuxOptions("s0:c123,c456", null, null, null));
    assertThat(pod.getSysctls()).containsExactly(new Sysctl("net.ipv4.tcp_syncookies", "1"));
    // Pod-level overrides leave the containers alone; the agent's override is AgentSecurity's.
    assertThat(touched(c)).containsExactly("spec.securityContext");
  }

  @Test
  void podOverrideWithFsGroupReplacesIt() {
    assertThat(
            security(
                    TestPlans.builder()
                        .driverConfig("{\"pod\": {\"security_context\": {\"fs_group\": 4242}}}"))
                .getFsGroup())
        .isEqualTo(4242L);
  }
}
