package dev.berth.validate;

import static dev.berth.validate.RuleCase.D;
import static dev.berth.validate.RuleCase.of;
import static dev.berth.validate.RuleCase.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.plan.SandboxPlan;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Security overrides may only tighten, and never break the topology's contract. */
class SecurityRulesTest {

  private static final String P = D + "pod.security_context";
  private static final String C = D + "containers.agent.security_context";
  private static final Map<String, String> SIDECAR = Map.of("OPENSHELL_K8S_TOPOLOGY", "sidecar");

  static List<RuleCase> cases() {
    return List.of(
        of(
            "pod run_as_non_root combined",
            m -> m.set("/pod/security_context/run_as_non_root", "true"),
            P + ".run_as_non_root",
            "cannot be true: the combined topology runs the OpenShell supervisor as root inside the agent container, so the pod cannot require non-root; use --topology sidecar to run the agent as the sandbox user."),
        with(
            "pod run_as_non_root sidecar",
            SIDECAR,
            m -> m.set("/pod/security_context/run_as_non_root", "true"),
            P + ".run_as_non_root",
            "cannot be true: the sidecar topology's network-init container needs root to install the pod's firewall rules; set run_as_non_root under containers.agent.security_context instead."),
        of(
            "pod run_as_user root",
            m -> m.set("/pod/security_context/run_as_user", "0"),
            P + ".run_as_user",
            "is 0 (root), which loosens rather than tightens the pod; leave it out or use a non-root UID."),
        of(
            "id out of range",
            m -> m.set("/pod/security_context/fs_group", "-5"),
            P + ".fs_group",
            "is -5; Kubernetes accepts IDs from 0 to 2147483647."),
        of(
            "supplemental group out of range",
            m -> m.set("/pod/security_context/supplemental_groups", "[1, 3000000000]"),
            P + ".supplemental_groups[1]",
            "is 3000000000; Kubernetes accepts IDs from 0 to 2147483647."),
        of(
            "fs group change policy",
            m -> m.set("/pod/security_context/fs_group_change_policy", "\"Never\""),
            P + ".fs_group_change_policy",
            "'Never' is not a policy; use 'OnRootMismatch' or 'Always'."),
        of(
            "seccomp unconfined",
            m -> m.set("/pod/security_context/seccomp_profile/type", "\"Unconfined\""),
            P + ".seccomp_profile.type",
            "cannot be 'Unconfined': it removes the system-call filter the sandbox relies on; use 'RuntimeDefault' or a 'Localhost' profile."),
        of(
            "seccomp unknown type",
            m -> m.set("/pod/security_context/seccomp_profile/type", "\"Strict\""),
            P + ".seccomp_profile.type",
            "'Strict' is not a seccomp profile type; use 'RuntimeDefault' or 'Localhost'."),
        of(
            "seccomp localhost needs profile",
            m -> m.set("/pod/security_context/seccomp_profile/type", "\"Localhost\""),
            P + ".seccomp_profile.localhost_profile",
            "is required with type 'Localhost'; name the profile file on the node, for example 'profiles/agent.json'."),
        of(
            "seccomp profile without localhost",
            m -> m.set("/pod/security_context/seccomp_profile/localhost_profile", "\"p.json\""),
            P + ".seccomp_profile.localhost_profile",
            "applies only with type 'Localhost'; remove it or set type: Localhost."),
        of(
            "selinux user",
            m -> m.set("/pod/security_context/se_linux_options", "{\"user\": \"system_u\"}"),
            P + ".se_linux_options.user",
            "is set: would loosen SELinux confinement and is refused by Pod Security baseline; remove it."),
        of(
            "selinux type",
            m -> m.set("/pod/security_context/se_linux_options", "{\"type\": \"spc_t\"}"),
            P + ".se_linux_options.type",
            "'spc_t' is not an allowed SELinux type; use container_t, container_init_t or container_kvm_t, or leave it out."),
        of(
            "unsafe sysctl",
            m -> m.set("/pod/security_context/sysctls/0/name", "\"kernel.msgmax\""),
            P + ".sysctls[0].name",
            "'kernel.msgmax' is not a safe sysctl; a sandbox may set only the namespaced ones Kubernetes allows by default, such as 'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_local_reserved_ports' … (9 more)."),
        of(
            "privilege escalation",
            m -> m.set("/containers/agent/security_context/allow_privilege_escalation", "true"),
            C + ".allow_privilege_escalation",
            "cannot be true: it would let agent processes gain privileges through setuid binaries; leave it out or set it to false."),
        of(
            "combined agent non-root uid",
            m -> m.set("/containers/agent/security_context/run_as_user", "1000"),
            C + ".run_as_user",
            "is 1000, but the combined topology runs the OpenShell supervisor as root inside the agent container (it switches agent processes to the sandbox user itself); leave it out, or use --topology sidecar to run the whole container as the sandbox user."),
        of(
            "combined agent run_as_non_root",
            m -> m.set("/containers/agent/security_context/run_as_non_root", "true"),
            C + ".run_as_non_root",
            "is true, but the combined topology runs the OpenShell supervisor as root inside the agent container (it switches agent processes to the sandbox user itself); leave it out, or use --topology sidecar to run the whole container as the sandbox user."),
        with(
            "sidecar agent uid must be the sandbox uid",
            SIDECAR,
            m -> m.set("/containers/agent/security_context/run_as_user", "0"),
            C + ".run_as_user",
            "is 0, but the sidecar topology runs the agent as the sandbox UID 1000 (from the default); leave it out or set it to 1000."),
        with(
            "sidecar agent gid",
            SIDECAR,
            m -> m.set("/containers/agent/security_context/run_as_group", "5"),
            C + ".run_as_group",
            "is 5, but the sidecar topology runs the agent with the sandbox GID 1000; leave it out or set it to 1000."),
        with(
            "sidecar agent must stay non-root",
            SIDECAR,
            m -> m.set("/containers/agent/security_context/run_as_non_root", "false"),
            C + ".run_as_non_root",
            "cannot be false: the sidecar topology always runs the agent as the non-root sandbox user; leave it out."),
        of(
            "capability add combined",
            m -> m.set("/containers/agent/security_context/capabilities/add", "[\"NET_RAW\"]"),
            C + ".capabilities.add",
            "cannot add capabilities: the combined topology already grants the agent container exactly what the supervisor needs (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYSLOG); remove 'add'."),
        with(
            "capability add combined with user namespaces",
            Map.of("OPENSHELL_ENABLE_USER_NAMESPACES", "true"),
            m -> m.set("/containers/agent/security_context/capabilities/add", "[\"NET_RAW\"]"),
            C + ".capabilities.add",
            "cannot add capabilities: the combined topology already grants the agent container exactly what the supervisor needs (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYSLOG, SETUID, SETGID, DAC_READ_SEARCH); remove 'add'."),
        with(
            "capability add sidecar",
            SIDECAR,
            m ->
                m.set(
                    "/containers/agent/security_context/capabilities/add",
                    "[\"NET_BIND_SERVICE\"]"),
            C + ".capabilities.add",
            "cannot add capabilities: the sidecar topology runs the agent with every capability dropped; network enforcement happens in the sidecar; remove 'add'."),
        of(
            "drop ALL combined",
            m -> m.set("/containers/agent/security_context/capabilities/drop", "[\"ALL\"]"),
            C + ".capabilities.drop[0]",
            "cannot drop ALL: the combined topology's supervisor needs SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYSLOG, SETUID, SETGID; drop only other capabilities, or use --topology sidecar, which drops ALL."),
        of(
            "drop a needed capability",
            m ->
                m.set(
                    "/containers/agent/security_context/capabilities/drop",
                    "[\"NET_RAW\", \"SYS_ADMIN\"]"),
            C + ".capabilities.drop[1]",
            "cannot drop SYS_ADMIN: the combined topology's supervisor needs SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYSLOG, SETUID, SETGID; drop only other capabilities, or use --topology sidecar, which drops ALL."),
        of(
            "capability spelling",
            m -> m.set("/containers/agent/security_context/capabilities/drop", "[\"cap_net_raw\"]"),
            C + ".capabilities.drop[0]",
            "'cap_net_raw' is not a capability name; write it in capitals without the CAP_ prefix, for example 'NET_RAW', or 'ALL'."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachRuleReportsExactlyItsViolation(RuleCase c) {
    assertThat(c.run()).containsExactlyElementsOf(c.expected());
  }

  @Test
  void sidecarAcceptsTheSandboxUserAndDroppingAll() {
    assertThat(
            new RuleCase(
                    "ok",
                    SIDECAR,
                    m ->
                        m.set(
                            "/containers/agent/security_context",
                            "{\"run_as_user\": 1000, \"run_as_group\": 1000, \"run_as_non_root\": true,"
                                + " \"read_only_root_filesystem\": true, \"capabilities\": {\"drop\": [\"ALL\"]}}"),
                    List.of())
                .run())
        .isEmpty();
  }

  @Test
  void openShiftRangeBecomesTheSandboxUserAndIsNamedInSentences() {
    Mutable m = new Mutable();
    m.set("/containers/agent/security_context/run_as_user", "1000");
    ClusterFacts openshift =
        new ClusterFacts(
            SandboxApiVersion.V1BETA1,
            Map.of(
                "openshift.io/sa.scc.uid-range", "1000660000/10000",
                "openshift.io/sa.scc.supplemental-groups", "1000670000/10000"));

    List<Violation> v =
        SandboxValidator.validate(
                m.request(), DriverSettings.fromMap(SIDECAR).orElseThrow(), openshift)
            .violations();

    assertThat(v)
        .containsExactly(
            new Violation(
                C + ".run_as_user",
                "is 1000, but the sidecar topology runs the agent as the sandbox UID 1000660000 (from"
                    + " the namespace's openshift.io/sa.scc.uid-range annotation); leave it out or set"
                    + " it to 1000660000."));
  }

  @Test
  void uidAndGidResolveFromSettingsThenOpenShiftThenDefault() {
    ClusterFacts openshift =
        new ClusterFacts(
            SandboxApiVersion.V1BETA1,
            Map.of(
                "openshift.io/sa.scc.uid-range", "1000660000/10000",
                "openshift.io/sa.scc.supplemental-groups", "1000670000/10000"));
    Mutable m = new Mutable();

    SandboxPlan fromAnnotations =
        SandboxValidator.validate(m.request(), DriverSettings.defaults(), openshift).orElseThrow();
    SandboxPlan fromSettings =
        SandboxValidator.validate(
                m.request(),
                DriverSettings.fromMap(Map.of("OPENSHELL_K8S_SANDBOX_UID", "2000")).orElseThrow(),
                openshift)
            .orElseThrow();
    SandboxPlan fallback =
        SandboxValidator.validate(m.request(), DriverSettings.defaults(), ClusterFacts.DEFAULT)
            .orElseThrow();

    assertThat(fromAnnotations.security().sandboxUid()).isEqualTo(1000660000L);
    assertThat(fromAnnotations.security().sandboxGid()).isEqualTo(1000670000L);
    assertThat(fromSettings.security().sandboxUid()).isEqualTo(2000L);
    assertThat(fromSettings.security().sandboxGid())
        .as("as upstream: a configured UID is also the GID")
        .isEqualTo(2000L);
    assertThat(fallback.security().sandboxUid()).isEqualTo(1000L);
    assertThat(fallback.security().sandboxGid()).isEqualTo(1000L);
  }
}
