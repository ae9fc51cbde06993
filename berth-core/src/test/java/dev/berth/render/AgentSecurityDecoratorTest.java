package dev.berth.render;

import static dev.berth.render.Contributions.touched;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.LinuxCapabilities;
import dev.berth.plan.SecurityPlan.AgentOverrides;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentSecurityDecoratorTest {

  static SecurityContext security(TestPlans plan) {
    PodContribution c = new AgentSecurityDecorator().contribute(plan.build());
    assertThat(touched(c))
        .as("the agent's security context only")
        .containsExactly("AGENT.securityContext");
    return c.container(ContainerSlot.AGENT).fields().getSecurityContext();
  }

  @Test
  void combinedAgentRunsTheSupervisorAsRootWithItsCapabilitiesOnly() {
    SecurityContext sc = security(TestPlans.builder());

    assertThat(Contributions.setFields(sc)).containsExactly("capabilities", "runAsUser");
    assertThat(sc.getRunAsUser()).isZero();
    assertThat(sc.getCapabilities())
        .isEqualTo(
            new Capabilities(List.of("SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYSLOG"), List.of()));
    assertThat(sc.getCapabilities().getAdd()).isEqualTo(LinuxCapabilities.COMBINED_AGENT);
  }

  @Test
  void userNamespacesAddTheIdentityCapabilities() {
    SecurityContext sc =
        security(TestPlans.builder().setting("OPENSHELL_ENABLE_USER_NAMESPACES", "true"));

    assertThat(sc.getCapabilities().getAdd())
        .containsExactly(
            "SYS_ADMIN",
            "NET_ADMIN",
            "SYS_PTRACE",
            "SYSLOG",
            "SETUID",
            "SETGID",
            "DAC_READ_SEARCH");
  }

  @Test
  void sidecarAgentRunsAsTheSandboxUserWithEverythingDropped() {
    SecurityContext sc =
        security(
            Contributions.sidecar()
                .setting("OPENSHELL_K8S_SANDBOX_UID", "2000")
                .setting("OPENSHELL_K8S_SANDBOX_GID", "3000"));

    assertThat(sc)
        .isEqualTo(
            new SecurityContextBuilder()
                .withRunAsUser(2000L)
                .withRunAsGroup(3000L)
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withSeccompProfile(new SeccompProfile(null, "RuntimeDefault"))
                .withCapabilities(new Capabilities(List.of(), List.of("ALL")))
                .build());
  }

  /** AppArmor is the agent's in both topologies and keeps the rest of the context. */
  @ParameterizedTest
  @ValueSource(strings = {"combined", "sidecar"})
  void appArmorProfilesGoOnTheAgent(String topology) {
    String setting = "OPENSHELL_K8S_APP_ARMOR_PROFILE";
    SecurityContext runtimeDefault =
        security(Contributions.topology(topology).setting(setting, "RuntimeDefault"));
    SecurityContext localhost =
        security(Contributions.topology(topology).setting(setting, "Localhost/openshell-sandbox"));
    SecurityContext unconfined =
        security(Contributions.topology(topology).setting(setting, "Unconfined"));

    assertThat(runtimeDefault.getAppArmorProfile())
        .isEqualTo(new AppArmorProfile(null, "RuntimeDefault"));
    assertThat(localhost.getAppArmorProfile())
        .isEqualTo(new AppArmorProfile("openshell-sandbox", "Localhost"));
    assertThat(unconfined.getAppArmorProfile()).isEqualTo(new AppArmorProfile(null, "Unconfined"));
    unconfined.setAppArmorProfile(null);
    assertThat(unconfined).isEqualTo(security(Contributions.topology(topology)));
  }

  @Test
  void sidecarAgentOverrideTightensWithoutLosingTopologySettings() {
    SecurityContext sc =
        security(
            Contributions.sidecar()
                .driverConfig(
                    """
                    {"containers": {"agent": {"security_context": {
                      "read_only_root_filesystem": true,
                      "run_as_user": 1000,
                      "run_as_non_root": true,
                      "allow_privilege_escalation": false,
                      "seccomp_profile": {"type": "Localhost", "localhost_profile": "profiles/agent.json"},
                      "se_linux_options": {"type": "container_t"},
                      "capabilities": {"drop": ["NET_RAW", "ALL"]}}}}}
                    """));

    assertThat(sc)
        .isEqualTo(
            new SecurityContextBuilder()
                .withReadOnlyRootFilesystem(true)
                .withRunAsUser(1000L)
                .withRunAsGroup(1000L)
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withSeccompProfile(new SeccompProfile("profiles/agent.json", "Localhost"))
                .withSeLinuxOptions(new SELinuxOptions(null, null, "container_t", null))
                .withCapabilities(new Capabilities(List.of(), List.of("ALL", "NET_RAW")))
                .build());
  }

  @Test
  void combinedAgentOverrideKeepsRootAndTheSupervisorsCapabilities() {
    SecurityContext sc =
        security(
            TestPlans.builder()
                .driverConfig(
                    """
                    {"containers": {"agent": {"security_context": {
                      "run_as_user": 0,
                      "capabilities": {"drop": ["NET_RAW", "MKNOD"]}}}}}
                    """));

    assertThat(sc.getRunAsUser()).isZero();
    assertThat(sc.getCapabilities())
        .isEqualTo(new Capabilities(LinuxCapabilities.COMBINED_AGENT, List.of("NET_RAW", "MKNOD")));
  }

  @Test
  void mergeNeverLoosensWhatIsAlreadySet() {
    Capabilities before = new Capabilities(List.of("NET_BIND_SERVICE"), List.of("ALL"));
    SecurityContext current =
        new SecurityContextBuilder()
            .withReadOnlyRootFilesystem(true)
            .withRunAsNonRoot(true)
            .withAllowPrivilegeEscalation(false)
            .withCapabilities(before)
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

    AgentSecurityDecorator.override(current, loosening);

    assertThat(current.getReadOnlyRootFilesystem()).isTrue();
    assertThat(current.getRunAsNonRoot()).isTrue();
    assertThat(current.getAllowPrivilegeEscalation()).isFalse();
    assertThat(current.getCapabilities())
        .isEqualTo(new Capabilities(List.of("NET_BIND_SERVICE"), List.of("ALL")));
  }

  /** An override may set what the topology left open, but never unsets what it set. */
  @Test
  void overridesFillOnlyWhatTheyName() {
    SecurityContext current = new SecurityContext();
    AgentOverrides setting =
        new AgentOverrides(
            Optional.of(true),
            Optional.of(2000L),
            Optional.of(3000L),
            Optional.of(true),
            Optional.empty(),
            Optional.empty(),
            List.of("NET_RAW"),
            Optional.of(false));

    AgentSecurityDecorator.override(current, setting);

    assertThat(current)
        .isEqualTo(
            new SecurityContextBuilder()
                .withReadOnlyRootFilesystem(true)
                .withRunAsUser(2000L)
                .withRunAsGroup(3000L)
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withCapabilities(new Capabilities(List.of(), List.of("NET_RAW")))
                .build());
  }
}
