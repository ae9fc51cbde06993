package dev.berth.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.LinuxCapabilities;
import dev.berth.plan.SandboxPlan;
import dev.berth.plan.SecurityPlan.AgentOverrides;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecurityOverridesDecoratorTest {

  /** The parts as they reach this decorator: topology and workspace applied. */
  static PodParts upstreamOf(SandboxPlan plan) {
    PodParts parts = PrefabParts.forPlan(plan);
    parts = new TopologyDecorator().apply(parts, plan);
    return new WorkspaceDecorator().apply(parts, plan);
  }

  static PodParts render(SandboxPlan plan) {
    return new SecurityOverridesDecorator().apply(upstreamOf(plan), plan);
  }

  static TestPlans sidecarWith(String driverConfig) {
    return TestPlans.builder()
        .setting("OPENSHELL_K8S_TOPOLOGY", "sidecar")
        .driverConfig(driverConfig);
  }

  @Test
  void withoutOverridesNothingChanges() {
    SandboxPlan plan = TestPlans.basic();
    PodParts before = upstreamOf(plan);

    assertThat(new SecurityOverridesDecorator().apply(before, plan)).isEqualTo(before);
  }

  @Test
  void podOverrideWithoutFsGroupKeepsTheDriversFsGroup() {
    PodParts parts =
        render(
            sidecarWith(
                    """
                    {"pod": {"security_context": {
                      "supplemental_groups": [5000, 5001],
                      "fs_group_change_policy": "OnRootMismatch",
                      "run_as_user": 1000,
                      "run_as_group": 1000,
                      "seccomp_profile": {"type": "RuntimeDefault"},
                      "se_linux_options": {"level": "s0:c123,c456"},
                      "sysctls": [{"name": "net.ipv4.tcp_syncookies", "value": "1"}]}}}
                    """)
                .build());

    PodSecurityContext pod = parts.spec().getSecurityContext();
    assertThat(pod.getFsGroup()).isEqualTo(1000L);
    assertThat(pod.getSupplementalGroups()).containsExactly(5000L, 5001L);
    assertThat(pod.getFsGroupChangePolicy()).isEqualTo("OnRootMismatch");
    assertThat(pod.getRunAsUser()).isEqualTo(1000L);
    assertThat(pod.getRunAsGroup()).isEqualTo(1000L);
    assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getSeccompProfile().getLocalhostProfile()).isNull();
    assertThat(pod.getSeLinuxOptions().getLevel()).isEqualTo("s0:c123,c456");
    assertThat(pod.getSeLinuxOptions().getType()).isNull();
    assertThat(pod.getSysctls())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getName()).isEqualTo("net.ipv4.tcp_syncookies");
              assertThat(s.getValue()).isEqualTo("1");
            });
    // Pod-level overrides leave the containers alone.
    assertThat(parts.agent()).isEqualTo(upstreamOf(sidecarWith("{}").build()).agent());
  }

  @Test
  void podOverrideWithFsGroupReplacesIt() {
    PodParts parts =
        render(
            TestPlans.builder()
                .driverConfig("{\"pod\": {\"security_context\": {\"fs_group\": 4242}}}")
                .build());

    assertThat(parts.spec().getSecurityContext().getFsGroup()).isEqualTo(4242L);
  }

  @Test
  void sidecarAgentOverrideTightensWithoutLosingTopologySettings() {
    PodParts parts =
        render(
            sidecarWith(
                    """
                    {"containers": {"agent": {"security_context": {
                      "read_only_root_filesystem": true,
                      "run_as_user": 1000,
                      "run_as_non_root": true,
                      "allow_privilege_escalation": false,
                      "seccomp_profile": {"type": "Localhost", "localhost_profile": "profiles/agent.json"},
                      "se_linux_options": {"type": "container_t"},
                      "capabilities": {"drop": ["NET_RAW", "ALL"]}}}}}
                    """)
                .build());

    SecurityContext sc = parts.agent().getSecurityContext();
    assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
    assertThat(sc.getRunAsUser()).isEqualTo(1000L);
    assertThat(sc.getRunAsGroup()).isEqualTo(1000L);
    assertThat(sc.getRunAsNonRoot()).isTrue();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(sc.getSeccompProfile().getType()).isEqualTo("Localhost");
    assertThat(sc.getSeccompProfile().getLocalhostProfile()).isEqualTo("profiles/agent.json");
    assertThat(sc.getSeLinuxOptions().getType()).isEqualTo("container_t");
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL", "NET_RAW");
    assertThat(sc.getCapabilities().getAdd()).isEmpty();
  }

  @Test
  void combinedAgentOverrideKeepsRootAndTheSupervisorsCapabilities() {
    PodParts parts =
        render(
            TestPlans.builder()
                .driverConfig(
                    """
                    {"containers": {"agent": {"security_context": {
                      "run_as_user": 0,
                      "capabilities": {"drop": ["NET_RAW", "MKNOD"]}}}}}
                    """)
                .build());

    SecurityContext sc = parts.agent().getSecurityContext();
    assertThat(sc.getRunAsUser()).isZero();
    assertThat(sc.getCapabilities().getAdd()).isEqualTo(LinuxCapabilities.COMBINED_AGENT);
    assertThat(sc.getCapabilities().getDrop()).containsExactly("NET_RAW", "MKNOD");
  }

  @Test
  void mergeNeverLoosensWhatIsAlreadySet() {
    SecurityContext current =
        new SecurityContextBuilder()
            .withReadOnlyRootFilesystem(true)
            .withRunAsNonRoot(true)
            .withAllowPrivilegeEscalation(false)
            .withNewCapabilities()
            .withDrop("ALL")
            .withAdd("NET_BIND_SERVICE")
            .endCapabilities()
            .build();
    // Values the validator refuses, to show the merge alone cannot loosen.
    AgentOverrides loosening =
        new AgentOverrides(
            Optional.of(false),
            Optional.empty(),
            Optional.empty(),
            Optional.of(false),
            Optional.empty(),
            Optional.empty(),
            List.of("ALL"),
            Optional.of(true));

    SecurityContext merged = SecurityOverridesDecorator.agent(current, loosening);

    assertThat(merged.getReadOnlyRootFilesystem()).isTrue();
    assertThat(merged.getRunAsNonRoot()).isTrue();
    assertThat(merged.getAllowPrivilegeEscalation()).isFalse();
    assertThat(merged.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(merged.getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
    assertThat(current.getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void leavesItsInputUntouched() {
    SandboxPlan plan =
        sidecarWith(
                "{\"pod\": {\"security_context\": {\"supplemental_groups\": [7]}},"
                    + " \"containers\": {\"agent\": {\"security_context\":"
                    + " {\"capabilities\": {\"drop\": [\"NET_RAW\"]}}}}}")
            .build();
    PodParts before = upstreamOf(plan);

    new SecurityOverridesDecorator().apply(before, plan);

    assertThat(before).isEqualTo(upstreamOf(plan));
  }
}
