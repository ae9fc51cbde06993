package dev.berth.render;

import static dev.berth.naming.ManagedNames.*;
import static dev.berth.render.PrefabParts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.EnvNames;
import dev.berth.naming.LinuxCapabilities;
import dev.berth.plan.SandboxPlan;
import dev.berth.settings.DriverSettings;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TopologyDecoratorTest {

  static final String SUPERVISOR = "/opt/openshell/bin/openshell-sandbox";
  static final String PROXY = "http://proxy.corp:3128";

  static TestPlans sidecarPlan() {
    return TestPlans.builder().setting("OPENSHELL_K8S_TOPOLOGY", "sidecar");
  }

  static PodParts render(SandboxPlan plan) {
    return new TopologyDecorator().apply(PrefabParts.forPlan(plan), plan);
  }

  @Nested
  class Combined {

    @Test
    void agentRunsTheSupervisorAsRootWithItsCapabilities() {
      PodParts before = PrefabParts.forPlan(TestPlans.basic());
      PodParts parts = new TopologyDecorator().apply(before, TestPlans.basic());

      Container agent = parts.agent();
      assertThat(agent.getCommand()).containsExactly(SUPERVISOR, "--workdir", "/sandbox");
      assertThat(agent.getSecurityContext().getRunAsUser()).isZero();
      assertThat(agent.getSecurityContext().getCapabilities().getAdd())
          .containsExactly("SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYSLOG");
      assertThat(agent.getSecurityContext().getPrivileged()).isNull();
      // Credentials stay on the agent: the supervisor inside it talks to the gateway.
      assertThat(agent.getEnv()).isEqualTo(before.agent().getEnv());
      assertThat(agent.getVolumeMounts()).isEqualTo(before.agent().getVolumeMounts());
      assertThat(parts.sidecars()).isEmpty();
      assertThat(parts.initContainers()).isEmpty();
      assertThat(parts.volumes()).isEqualTo(before.volumes());
      assertThat(parts.spec()).isEqualTo(before.spec());
    }

    @Test
    void userNamespacesAddTheIdentityCapabilities() {
      PodParts parts =
          render(TestPlans.builder().setting("OPENSHELL_ENABLE_USER_NAMESPACES", "true").build());

      assertThat(parts.agent().getSecurityContext().getCapabilities().getAdd())
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
    void keepsTheAppArmorProfileSetEarlier() {
      PodParts parts =
          render(
              TestPlans.builder()
                  .setting("OPENSHELL_K8S_APP_ARMOR_PROFILE", "Localhost/openshell")
                  .build());

      SecurityContext sc = parts.agent().getSecurityContext();
      assertThat(sc.getAppArmorProfile().getType()).isEqualTo("Localhost");
      assertThat(sc.getAppArmorProfile().getLocalhostProfile()).isEqualTo("openshell");
      assertThat(sc.getRunAsUser()).isZero();
    }

    @Test
    void upstreamProxyArgumentsFollowTheWorkdir() {
      PodParts parts =
          render(
              TestPlans.builder()
                  .setting("OPENSHELL_UPSTREAM_PROXY", PROXY)
                  .setting("OPENSHELL_UPSTREAM_NO_PROXY", "10.0.0.0/8,.corp")
                  .setting("OPENSHELL_UPSTREAM_PROXY_CONNECT_BY_HOSTNAME", "true")
                  .build());

      assertThat(parts.agent().getCommand())
          .containsExactly(
              SUPERVISOR,
              "--workdir",
              "/sandbox",
              "--upstream-proxy",
              PROXY,
              "--upstream-no-proxy",
              "10.0.0.0/8,.corp",
              "--upstream-proxy-connect-by-hostname");
      assertThat(volumeNames(parts)).doesNotContain(PROXY_AUTH_VOLUME);
    }

    /**
     * The settings refuse proxy credentials in the combined topology (the workload could read
     * them), so this plan is built by hand to pin upstream's rendering should that ever change.
     */
    @Test
    void proxyCredentialsWouldBeMountedOnTheAgentOwnerReadOnly() {
      SandboxPlan base = TestPlans.basic();
      DriverSettings s = base.settings();
      var proxy =
          new DriverSettings.UpstreamProxy(
              Optional.of(PROXY),
              Optional.empty(),
              Optional.of("proxy-auth"),
              Optional.of("basic"),
              true,
              false);
      var supervisor =
          new DriverSettings.Supervisor(
              s.supervisor().topology(),
              s.supervisor().sidecarProxyUid(),
              s.supervisor().binaryAwareNetworkPolicy(),
              proxy);
      SandboxPlan plan =
          new SandboxPlan(
              base.identity(),
              base.agent(),
              base.resources(),
              base.scheduling(),
              base.storage(),
              base.security(),
              new DriverSettings(
                  s.serving(),
                  s.cluster(),
                  s.images(),
                  supervisor,
                  s.podIdentity(),
                  s.gateway(),
                  s.workspace(),
                  s.contract()),
              base.facts());
      PodParts prefab = PrefabParts.forPlan(plan);

      PodParts parts = new TopologyDecorator().apply(prefab, plan);

      assertThat(parts.agent().getCommand())
          .endsWith(
              "--upstream-proxy",
              PROXY,
              "--upstream-proxy-auth-file",
              "/etc/openshell/auth/upstream-proxy",
              "--upstream-proxy-auth-allow-insecure");
      assertThat(mountOf(parts.agent(), PROXY_AUTH_VOLUME).getMountPath())
          .isEqualTo("/etc/openshell/auth");
      assertThat(volume(parts, PROXY_AUTH_VOLUME).getSecret().getDefaultMode()).isEqualTo(0400);
      // A volume an earlier decorator already added is not duplicated.
      PodParts again =
          new TopologyDecorator().apply(prefab.addVolumes(volume(parts, PROXY_AUTH_VOLUME)), plan);
      assertThat(volumeNames(again)).containsOnlyOnce(PROXY_AUTH_VOLUME);
    }

    @Test
    void leavesItsInputUntouched() {
      SandboxPlan plan =
          TestPlans.builder().setting("OPENSHELL_ENABLE_USER_NAMESPACES", "true").build();
      PodParts before = PrefabParts.forPlan(plan);
      PodParts copy = PrefabParts.forPlan(plan);

      new TopologyDecorator().apply(before, plan);

      assertThat(before).isEqualTo(copy);
    }
  }

  @Nested
  class Sidecar {

    @Test
    void podSharesProcessNamespaceAndOwnsVolumesBySandboxGroup() {
      PodParts parts = render(sidecarPlan().build());

      assertThat(parts.spec().getShareProcessNamespace()).isTrue();
      assertThat(parts.spec().getSecurityContext().getFsGroup()).isEqualTo(1000L);
      assertThat(parts.spec().getRestartPolicy()).isEqualTo("Never");
      assertThat(volumeNames(parts))
          .containsSubsequence(SIDECAR_STATE_VOLUME, SIDECAR_TLS_VOLUME)
          .contains(SA_TOKEN_VOLUME);
      assertThat(volume(parts, SIDECAR_STATE_VOLUME).getEmptyDir()).isNotNull();
      assertThat(volume(parts, SIDECAR_TLS_VOLUME).getEmptyDir()).isNotNull();
    }

    @Test
    void networkInitPreparesTheFirewallAsRootWithFourCapabilities() {
      PodParts parts = render(sidecarPlan().build());

      assertThat(initNames(parts)).containsExactly(NETWORK_INIT);
      Container init = init(parts, NETWORK_INIT);
      assertThat(init.getImage()).isEqualTo("ghcr.io/nvidia/openshell/supervisor:0.1.2");
      assertThat(init.getImagePullPolicy()).isNull();
      assertThat(init.getCommand())
          .containsExactly(
              "/openshell-sandbox",
              "--mode=network-init",
              "--proxy-uid",
              "0",
              "--proxy-gid",
              "1000",
              "--sidecar-state-dir",
              "/run/openshell-sidecar",
              "--sidecar-tls-dir",
              "/etc/openshell-tls/proxy");
      SecurityContext sc = init.getSecurityContext();
      assertThat(sc.getRunAsUser()).isZero();
      assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
      assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(sc.getCapabilities().getAdd())
          .containsExactly("NET_ADMIN", "NET_RAW", "CHOWN", "FOWNER");
      assertThat(mountPaths(init))
          .containsExactly("/run/openshell-sidecar", "/etc/openshell-tls/proxy");
    }

    @Test
    void agentRunsAsTheSandboxUserWithoutCredentials() {
      SandboxPlan plan =
          sidecarPlan()
              .setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls")
              .setting("OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET", "/run/spire/agent.sock")
              .build();
      PodParts parts = render(plan);

      Container agent = parts.agent();
      assertThat(agent.getCommand())
          .containsExactly(SUPERVISOR, "--mode=process", "--workdir", "/sandbox");
      SecurityContext sc = agent.getSecurityContext();
      assertThat(sc.getRunAsUser()).isEqualTo(1000L);
      assertThat(sc.getRunAsGroup()).isEqualTo(1000L);
      assertThat(sc.getRunAsNonRoot()).isTrue();
      assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
      assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(sc.getCapabilities().getAdd()).isEmpty();

      assertThat(mountNames(agent))
          .doesNotContain(SA_TOKEN_VOLUME, CLIENT_TLS_VOLUME, SPIFFE_VOLUME)
          .containsSubsequence(SIDECAR_STATE_VOLUME, SIDECAR_TLS_VOLUME);
      assertThat(mountOf(agent, SIDECAR_STATE_VOLUME).getMountPath())
          .isEqualTo("/run/openshell-sidecar");
      assertThat(mountOf(agent, SIDECAR_TLS_VOLUME).getMountPath())
          .isEqualTo("/etc/openshell-tls/proxy");

      assertThat(envNames(agent)).doesNotContainAnyElementsOf(EnvNames.SIDECAR_AGENT_REMOVED);
      assertThat(envValue(agent, USER_VAR)).isEqualTo("kept");
      assertThat(envValue(agent, EnvNames.SANDBOX_UID)).isEqualTo("1000");
      assertThat(envValue(agent, "OPENSHELL_SUPERVISOR_TOPOLOGY")).isEqualTo("sidecar");
      assertThat(envValue(agent, "OPENSHELL_NETWORK_ENFORCEMENT_MODE"))
          .isEqualTo("sidecar-nftables");
      assertThat(envValue(agent, "OPENSHELL_SSH_SOCKET_PATH")).isEqualTo("@openshell-sidecar-ssh");
      assertThat(envValue(agent, "OPENSHELL_SIDECAR_CONTROL_SOCKET"))
          .isEqualTo("/run/openshell-sidecar/control.sock");
      assertThat(envValue(agent, "OPENSHELL_PROXY_TLS_DIR")).isEqualTo("/etc/openshell-tls/proxy");
      // The SSH socket variable is replaced where it was, not duplicated.
      assertThat(envNames(agent)).containsOnlyOnce("OPENSHELL_SSH_SOCKET_PATH");
      assertThat(envNames(agent).indexOf("OPENSHELL_SSH_SOCKET_PATH"))
          .isEqualTo(
              envNames(PrefabParts.forPlan(plan).agent()).indexOf("OPENSHELL_SSH_SOCKET_PATH") - 1);
    }

    @Test
    void binaryAwareSidecarRunsAsRootWithInspectionCapabilities() {
      PodParts parts = render(sidecarPlan().build());

      Container net = sidecar(parts, NETWORK_SIDECAR_CONTAINER);
      assertThat(parts.sidecars()).hasSize(1);
      assertThat(net.getImage()).isEqualTo("ghcr.io/nvidia/openshell/supervisor:0.1.2");
      assertThat(net.getCommand()).containsExactly("/openshell-sandbox", "--mode=network");
      SecurityContext sc = net.getSecurityContext();
      assertThat(sc.getRunAsUser()).isZero();
      assertThat(sc.getRunAsGroup()).isEqualTo(1000L);
      assertThat(sc.getRunAsNonRoot()).isFalse();
      assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
      assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(sc.getCapabilities().getAdd()).containsExactly("SYS_PTRACE", "DAC_READ_SEARCH");
      assertThat(net.getVolumeMounts())
          .containsExactly(
              mount(SIDECAR_STATE_VOLUME, "/run/openshell-sidecar", false, null).toBuilder()
                  .withReadOnly(null)
                  .build(),
              mount(SIDECAR_TLS_VOLUME, "/etc/openshell-tls/proxy", false, null).toBuilder()
                  .withReadOnly(null)
                  .build(),
              mount(SA_TOKEN_VOLUME, "/var/run/secrets/openshell", true, null));
      assertThat(envNames(net)).doesNotContain("OPENSHELL_NETWORK_BINARY_IDENTITY", USER_VAR);
    }

    @Test
    void sidecarEnvironmentCarriesGatewayIdentityAndTopology() {
      SandboxPlan plan =
          sidecarPlan()
              .setting("OPENSHELL_GRPC_ENDPOINT", "https://gw.openshell.svc:8080")
              .logLevel("debug")
              .build();
      Container net = sidecar(render(plan), NETWORK_SIDECAR_CONTAINER);

      assertThat(net.getEnv())
          .containsExactly(
              env("OPENSHELL_SANDBOX_ID", "sb-1"),
              env("OPENSHELL_SANDBOX", "demo"),
              env("OPENSHELL_ENDPOINT", "https://gw.openshell.svc:8080"),
              env("OPENSHELL_TELEMETRY_ENABLED", "true"),
              env("OPENSHELL_NETWORK_RUNTIME_CAPABILITIES", ""),
              env("OPENSHELL_K8S_SA_TOKEN_FILE", "/var/run/secrets/openshell/token"),
              env("OPENSHELL_LOG_LEVEL", "debug"),
              env("OPENSHELL_SUPERVISOR_TOPOLOGY", "sidecar"),
              env("OPENSHELL_NETWORK_ENFORCEMENT_MODE", "sidecar-nftables"),
              env("OPENSHELL_SSH_SOCKET_PATH", "@openshell-sidecar-ssh"),
              env("OPENSHELL_SIDECAR_CONTROL_SOCKET", "/run/openshell-sidecar/control.sock"),
              env("OPENSHELL_PROXY_TLS_DIR", "/etc/openshell-tls/proxy"),
              env("OPENSHELL_OCI_IMAGE_USER", ""),
              env("OPENSHELL_SANDBOX_UID", "1000"),
              env("OPENSHELL_SANDBOX_GID", "1000"));
    }

    @Test
    void tlsAndSpiffeReachOnlyTheSidecarAndNetworkInit() {
      SandboxPlan plan =
          sidecarPlan()
              .setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls")
              .setting("OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET", "/run/spire/agent.sock")
              .build();
      PodParts parts = render(plan);

      Container net = sidecar(parts, NETWORK_SIDECAR_CONTAINER);
      assertThat(envValue(net, "OPENSHELL_TLS_CA"))
          .isEqualTo("/etc/openshell-tls/proxy/client/ca.crt");
      assertThat(envValue(net, "OPENSHELL_TLS_CERT"))
          .isEqualTo("/etc/openshell-tls/proxy/client/tls.crt");
      assertThat(envValue(net, "OPENSHELL_TLS_KEY"))
          .isEqualTo("/etc/openshell-tls/proxy/client/tls.key");
      assertThat(envValue(net, "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET"))
          .isEqualTo("/run/spire/agent.sock");
      assertThat(mountOf(net, SPIFFE_VOLUME).getMountPath()).isEqualTo("/run/spire");
      assertThat(mountOf(net, SPIFFE_VOLUME).getReadOnly()).isTrue();
      // The sidecar reads the copies network-init made, never the Secret itself.
      assertThat(mountNames(net)).doesNotContain(CLIENT_TLS_VOLUME);

      Container init = init(parts, NETWORK_INIT);
      assertThat(mountOf(init, CLIENT_TLS_VOLUME).getMountPath())
          .isEqualTo("/etc/openshell-tls/client");
      assertThat(mountOf(init, CLIENT_TLS_VOLUME).getReadOnly()).isTrue();
    }

    @Test
    void nonBinaryAwareSidecarRunsAsTheProxyUid() {
      PodParts parts =
          render(
              sidecarPlan()
                  .setting("OPENSHELL_K8S_SIDECAR_PROCESS_BINARY_AWARE_NETWORK_POLICY", "false")
                  .setting("OPENSHELL_K8S_SIDECAR_PROXY_UID", "2500")
                  .build());

      Container net = sidecar(parts, NETWORK_SIDECAR_CONTAINER);
      assertThat(net.getSecurityContext().getRunAsUser()).isEqualTo(2500L);
      assertThat(net.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(net.getSecurityContext().getCapabilities().getAdd()).isEmpty();
      assertThat(envValue(net, "OPENSHELL_NETWORK_BINARY_IDENTITY")).isEqualTo("relaxed");
      assertThat(init(parts, NETWORK_INIT).getCommand())
          .containsSubsequence("--proxy-uid", "2500", "--proxy-gid", "1000");
    }

    @Test
    void proxyCredentialsAreMountedOnlyInTheSidecar() {
      PodParts parts =
          render(
              sidecarPlan()
                  .setting("OPENSHELL_UPSTREAM_PROXY", PROXY)
                  .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_NAME", "proxy-auth")
                  .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY", "basic")
                  .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_ALLOW_INSECURE", "true")
                  .build());

      Container net = sidecar(parts, NETWORK_SIDECAR_CONTAINER);
      assertThat(net.getCommand())
          .containsExactly(
              "/openshell-sandbox",
              "--mode=network",
              "--upstream-proxy",
              PROXY,
              "--upstream-proxy-auth-file",
              "/etc/openshell/auth/upstream-proxy",
              "--upstream-proxy-auth-allow-insecure");
      assertThat(mountOf(net, PROXY_AUTH_VOLUME).getMountPath()).isEqualTo("/etc/openshell/auth");
      assertThat(mountOf(net, PROXY_AUTH_VOLUME).getReadOnly()).isTrue();
      var secret = volume(parts, PROXY_AUTH_VOLUME).getSecret();
      assertThat(secret.getSecretName()).isEqualTo("proxy-auth");
      assertThat(secret.getDefaultMode()).isEqualTo(0440);
      assertThat(secret.getItems())
          .singleElement()
          .satisfies(
              i -> {
                assertThat(i.getKey()).isEqualTo("basic");
                assertThat(i.getPath()).isEqualTo("upstream-proxy");
              });

      assertThat(mountNames(parts.agent())).doesNotContain(PROXY_AUTH_VOLUME);
      assertThat(parts.agent().getCommand()).doesNotContain("--upstream-proxy");
      assertThat(mountNames(init(parts, NETWORK_INIT))).doesNotContain(PROXY_AUTH_VOLUME);
    }

    @Test
    void configuredIdentityPullPolicyAndAppArmorReachEverySupervisorContainer() {
      PodParts parts =
          render(
              sidecarPlan()
                  .setting("OPENSHELL_K8S_SANDBOX_UID", "2000")
                  .setting("OPENSHELL_K8S_SANDBOX_GID", "3000")
                  .setting("OPENSHELL_SUPERVISOR_IMAGE_PULL_POLICY", "Always")
                  .setting("OPENSHELL_K8S_APP_ARMOR_PROFILE", "RuntimeDefault")
                  .build());

      assertThat(parts.spec().getSecurityContext().getFsGroup()).isEqualTo(3000L);
      assertThat(parts.agent().getSecurityContext().getRunAsUser()).isEqualTo(2000L);
      assertThat(parts.agent().getSecurityContext().getRunAsGroup()).isEqualTo(3000L);
      assertThat(parts.agent().getSecurityContext().getAppArmorProfile().getType())
          .isEqualTo("RuntimeDefault");
      List<Container> supervisors = new ArrayList<>(parts.initContainers());
      supervisors.addAll(parts.sidecars());
      assertThat(supervisors)
          .allSatisfy(
              c -> {
                assertThat(c.getImagePullPolicy()).isEqualTo("Always");
                assertThat(c.getSecurityContext().getAppArmorProfile().getType())
                    .isEqualTo("RuntimeDefault");
              });
      assertThat(sidecar(parts, NETWORK_SIDECAR_CONTAINER).getSecurityContext().getRunAsGroup())
          .isEqualTo(3000L);
      assertThat(init(parts, NETWORK_INIT).getCommand()).containsSubsequence("--proxy-gid", "3000");
    }

    @Test
    void leavesItsInputUntouched() {
      SandboxPlan plan =
          sidecarPlan().setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls").build();
      PodParts before = PrefabParts.forPlan(plan);
      PodParts copy = PrefabParts.forPlan(plan);

      new TopologyDecorator().apply(before, plan);

      assertThat(before).isEqualTo(copy);
    }
  }

  @Test
  void everyCapabilityListComesFromTheSharedConstants() {
    PodParts combined = render(TestPlans.basic());
    PodParts split = render(sidecarPlan().build());

    assertThat(combined.agent().getSecurityContext().getCapabilities().getAdd())
        .isEqualTo(LinuxCapabilities.COMBINED_AGENT);
    assertThat(init(split, NETWORK_INIT).getSecurityContext().getCapabilities().getAdd())
        .isEqualTo(LinuxCapabilities.NETWORK_INIT);
  }
}
