package dev.berth.render;

import static dev.berth.naming.ManagedNames.CLIENT_TLS_VOLUME;
import static dev.berth.naming.ManagedNames.PROXY_AUTH_VOLUME;
import static dev.berth.naming.ManagedNames.SA_TOKEN_VOLUME;
import static dev.berth.naming.ManagedNames.SIDECAR_STATE_VOLUME;
import static dev.berth.naming.ManagedNames.SIDECAR_TLS_VOLUME;
import static dev.berth.naming.ManagedNames.SPIFFE_VOLUME;
import static dev.berth.render.Contributions.env;
import static dev.berth.render.Contributions.envNames;
import static dev.berth.render.Contributions.envValue;
import static dev.berth.render.Contributions.init;
import static dev.berth.render.Contributions.mount;
import static dev.berth.render.Contributions.mountNames;
import static dev.berth.render.Contributions.mountOf;
import static dev.berth.render.Contributions.touched;
import static dev.berth.render.Contributions.volume;
import static dev.berth.render.Contributions.volumeNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.EnvNames;
import dev.berth.naming.LinuxCapabilities;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.PodContribution.ContainerContribution;
import dev.berth.settings.DriverSettings;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TopologyDecoratorTest {

  static final String SUPERVISOR = "/opt/openshell/bin/openshell-sandbox";

  /** The directories the two supervisor halves share, writable, in this order. */
  static final List<VolumeMount> SHARED_DIRS =
      List.of(
          mount(SIDECAR_STATE_VOLUME, "/run/openshell-sidecar", null, null),
          mount(SIDECAR_TLS_VOLUME, "/etc/openshell-tls/proxy", null, null));

  static PodContribution contribute(SandboxPlan plan) {
    return new TopologyDecorator().contribute(plan);
  }

  static PodContribution contribute(TestPlans plan) {
    return contribute(plan.build());
  }

  /** The proxy credential Secret, projected to the one file the supervisor reads. */
  static void assertProxySecret(PodContribution c, int mode) {
    SecretVolumeSource secret = volume(c.volumes(), PROXY_AUTH_VOLUME).getSecret();
    assertThat(secret.getSecretName()).isEqualTo("proxy-auth");
    assertThat(secret.getDefaultMode()).isEqualTo(mode);
    assertThat(secret.getItems())
        .containsExactly(new KeyToPath("basic", null, "upstream-proxy", null));
  }

  @Nested
  class Combined {

    /**
     * The supervisor is the agent's entrypoint; root and its capabilities are AgentSecurity's, the
     * credentials the gateway decorator's: the topology adds the command and nothing else.
     */
    @Test
    void agentRunsTheSupervisorAndNothingElseIsAdded() {
      PodContribution c =
          contribute(Contributions.withTlsAndSpiffe(TestPlans.builder()).logLevel("debug"));

      assertThat(touched(c)).containsExactly("AGENT.command");
      assertThat(c.container(ContainerSlot.AGENT).fields().getCommand())
          .containsExactly(SUPERVISOR, "--workdir", "/sandbox");
    }

    @Test
    void upstreamProxyArgumentsFollowTheWorkdir() {
      PodContribution c =
          contribute(
              TestPlans.builder()
                  .setting("OPENSHELL_UPSTREAM_PROXY", Contributions.PROXY)
                  .setting("OPENSHELL_UPSTREAM_NO_PROXY", "10.0.0.0/8,.corp")
                  .setting("OPENSHELL_UPSTREAM_PROXY_CONNECT_BY_HOSTNAME", "true"));

      assertThat(c.container(ContainerSlot.AGENT).fields().getCommand())
          .containsExactly(
              SUPERVISOR,
              "--workdir",
              "/sandbox",
              "--upstream-proxy",
              Contributions.PROXY,
              "--upstream-no-proxy",
              "10.0.0.0/8,.corp",
              "--upstream-proxy-connect-by-hostname");
      assertThat(touched(c)).containsExactly("AGENT.command");
    }

    /**
     * The settings refuse proxy credentials in the combined topology (the workload could read
     * them), so this plan is built by hand to pin upstream's rendering should that ever change.
     */
    @Test
    void proxyCredentialsWouldBeMountedOnTheAgentOwnerReadOnly() {
      SandboxPlan base = TestPlans.basic();
      DriverSettings s = base.settings();
      DriverSettings.UpstreamProxy proxy =
          new DriverSettings.UpstreamProxy(
              Optional.of(Contributions.PROXY),
              Optional.empty(),
              Optional.of(new DriverSettings.SecretKey("proxy-auth", "basic")),
              true,
              false);
      DriverSettings.Supervisor supervisor =
          new DriverSettings.Supervisor(
              s.supervisor().topology(),
              s.supervisor().sidecarProxyUid(),
              s.supervisor().binaryAwareNetworkPolicy(),
              proxy);
      SandboxPlan plan =
          Contributions.withSettings(
              base,
              new DriverSettings(
                  s.serving(),
                  s.cluster(),
                  s.images(),
                  supervisor,
                  s.isolation(),
                  s.podIdentity(),
                  s.gateway(),
                  s.workspace(),
                  s.contract()));

      PodContribution c = contribute(plan);

      assertThat(c.container(ContainerSlot.AGENT).fields().getCommand())
          .containsExactly(
              SUPERVISOR,
              "--workdir",
              "/sandbox",
              "--upstream-proxy",
              Contributions.PROXY,
              "--upstream-proxy-auth-file",
              "/etc/openshell/auth/upstream-proxy",
              "--upstream-proxy-auth-allow-insecure");
      assertThat(c.container(ContainerSlot.AGENT).mounts())
          .containsExactly(mount(PROXY_AUTH_VOLUME, "/etc/openshell/auth", true, null));
      assertThat(volumeNames(c.volumes())).containsExactly(PROXY_AUTH_VOLUME);
      assertProxySecret(c, 0400);
    }
  }

  @Nested
  class Sidecar {

    /** The agent's security context and the pod's fsGroup are not the topology's to set. */
    @Test
    void addsTheSidecarItsInitContainerAndSharedVolumesButNoAgentSecurityContext() {
      PodContribution c = contribute(Contributions.sidecar());

      assertThat(touched(c))
          .containsExactly(
              "spec.shareProcessNamespace",
              "AGENT.command",
              "AGENT.env",
              "AGENT.volumeMounts",
              "NETWORK_SIDECAR.command",
              "NETWORK_SIDECAR.image",
              "NETWORK_SIDECAR.name",
              "NETWORK_SIDECAR.securityContext",
              "NETWORK_SIDECAR.env",
              "NETWORK_SIDECAR.volumeMounts",
              "init.NETWORK_INIT",
              "volumes");
      assertThat(c.spec().getShareProcessNamespace()).isTrue();
      assertThat(volumeNames(c.volumes()))
          .containsExactly(SIDECAR_STATE_VOLUME, SIDECAR_TLS_VOLUME);
      assertThat(c.volumes())
          .allSatisfy(
              v -> assertThat(Contributions.setFields(v)).containsExactly("emptyDir", "name"));
    }

    @Test
    void networkInitPreparesTheFirewallAsRootWithFourCapabilities() {
      Container init = init(contribute(Contributions.sidecar()), InitStep.NETWORK_INIT);

      assertThat(init.getName()).isEqualTo("openshell-network-init");
      assertThat(init.getImage()).isEqualTo(Contributions.SUPERVISOR_IMAGE);
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
      assertThat(sc.getCapabilities())
          .isEqualTo(
              new Capabilities(List.of("NET_ADMIN", "NET_RAW", "CHOWN", "FOWNER"), List.of("ALL")));
      assertThat(sc.getCapabilities().getAdd()).isEqualTo(LinuxCapabilities.NETWORK_INIT);
      assertThat(init.getVolumeMounts()).isEqualTo(SHARED_DIRS);
    }

    @Test
    void agentRunsTheProcessSupervisorWithSharedDirectoriesAndNoCredentials() {
      ContainerContribution agent =
          contribute(Contributions.withTlsAndSpiffe(Contributions.sidecar()))
              .container(ContainerSlot.AGENT);

      assertThat(agent.fields().getCommand())
          .containsExactly(SUPERVISOR, "--mode=process", "--workdir", "/sandbox");
      assertThat(agent.mounts()).isEqualTo(SHARED_DIRS);
      // The SSH socket is the Layout's, already among the agent's required variables.
      assertThat(agent.env())
          .containsExactly(
              env("OPENSHELL_SUPERVISOR_TOPOLOGY", "sidecar"),
              env("OPENSHELL_NETWORK_ENFORCEMENT_MODE", "sidecar-nftables"),
              env("OPENSHELL_SIDECAR_CONTROL_SOCKET", "/run/openshell-sidecar/control.sock"),
              env("OPENSHELL_PROXY_TLS_DIR", "/etc/openshell-tls/proxy"));
    }

    @Test
    void binaryAwareSidecarRunsAsRootWithInspectionCapabilities() {
      ContainerContribution net =
          contribute(Contributions.sidecar()).container(ContainerSlot.NETWORK_SIDECAR);

      assertThat(net.fields().getName()).isEqualTo("openshell-supervisor-network");
      assertThat(net.fields().getImage()).isEqualTo(Contributions.SUPERVISOR_IMAGE);
      assertThat(net.fields().getImagePullPolicy()).isNull();
      assertThat(net.fields().getCommand()).containsExactly("/openshell-sandbox", "--mode=network");
      SecurityContext sc = net.fields().getSecurityContext();
      assertThat(sc.getRunAsUser()).isZero();
      assertThat(sc.getRunAsGroup()).isEqualTo(1000L);
      assertThat(sc.getRunAsNonRoot()).isFalse();
      assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
      assertThat(sc.getCapabilities())
          .isEqualTo(new Capabilities(List.of("SYS_PTRACE", "DAC_READ_SEARCH"), List.of("ALL")));
      assertThat(sc.getCapabilities().getAdd()).isEqualTo(LinuxCapabilities.BINARY_AWARE_SIDECAR);
      assertThat(net.mounts())
          .startsWith(SHARED_DIRS.toArray(VolumeMount[]::new))
          .endsWith(mount(SA_TOKEN_VOLUME, "/var/run/secrets/openshell", true, null))
          .hasSize(3);
      assertThat(envNames(net.env())).doesNotContain("OPENSHELL_NETWORK_BINARY_IDENTITY");
    }

    @Test
    void sidecarEnvironmentCarriesGatewayIdentityAndTopologyButNoUserVariable() {
      SandboxPlan plan =
          Contributions.sidecar()
              .setting("OPENSHELL_GRPC_ENDPOINT", "https://gw.openshell.svc:8080")
              .environment(Map.of("USER_SETTING", "kept"))
              .logLevel("debug")
              .build();

      assertThat(contribute(plan).container(ContainerSlot.NETWORK_SIDECAR).env())
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

    /** A log level given only as a user variable still reaches the sidecar (upstream). */
    @Test
    void aLogLevelFromTheUserEnvironmentReachesTheSidecar() {
      PodContribution c =
          contribute(Contributions.sidecar().environment(Map.of("OPENSHELL_LOG_LEVEL", "trace")));

      assertThat(envValue(c.container(ContainerSlot.NETWORK_SIDECAR).env(), EnvNames.LOG_LEVEL))
          .contains("trace");
    }

    @Test
    void tlsAndSpiffeReachOnlyTheSidecarAndNetworkInit() {
      PodContribution c = contribute(Contributions.withTlsAndSpiffe(Contributions.sidecar()));

      ContainerContribution net = c.container(ContainerSlot.NETWORK_SIDECAR);
      assertThat(envValue(net.env(), "OPENSHELL_TLS_CA"))
          .contains("/etc/openshell-tls/proxy/client/ca.crt");
      assertThat(envValue(net.env(), "OPENSHELL_TLS_CERT"))
          .contains("/etc/openshell-tls/proxy/client/tls.crt");
      assertThat(envValue(net.env(), "OPENSHELL_TLS_KEY"))
          .contains("/etc/openshell-tls/proxy/client/tls.key");
      assertThat(envValue(net.env(), "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET"))
          .contains(Contributions.SPIFFE_SOCKET);
      assertThat(mountOf(net.mounts(), SPIFFE_VOLUME))
          .isEqualTo(mount(SPIFFE_VOLUME, "/spiffe-workload-api", true, null));
      // The sidecar reads the copies network-init made, never the Secret itself.
      assertThat(mountNames(net.mounts())).doesNotContain(CLIENT_TLS_VOLUME);

      assertThat(mountOf(init(c, InitStep.NETWORK_INIT).getVolumeMounts(), CLIENT_TLS_VOLUME))
          .isEqualTo(mount(CLIENT_TLS_VOLUME, "/etc/openshell-tls/client", true, null));
      // The volumes themselves are the gateway decorator's.
      assertThat(volumeNames(c.volumes()))
          .containsExactly(SIDECAR_STATE_VOLUME, SIDECAR_TLS_VOLUME);
    }

    @Test
    void nonBinaryAwareSidecarRunsAsTheProxyUid() {
      PodContribution c =
          contribute(
              Contributions.sidecar()
                  .setting("OPENSHELL_K8S_SIDECAR_PROCESS_BINARY_AWARE_NETWORK_POLICY", "false")
                  .setting("OPENSHELL_K8S_SIDECAR_PROXY_UID", "2500"));

      ContainerContribution net = c.container(ContainerSlot.NETWORK_SIDECAR);
      assertThat(net.fields().getSecurityContext().getRunAsUser()).isEqualTo(2500L);
      assertThat(net.fields().getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(net.fields().getSecurityContext().getCapabilities())
          .isEqualTo(new Capabilities(List.of(), List.of("ALL")));
      assertThat(net.env()).endsWith(env("OPENSHELL_NETWORK_BINARY_IDENTITY", "relaxed"));
      assertThat(init(c, InitStep.NETWORK_INIT).getCommand())
          .containsSubsequence("--proxy-uid", "2500", "--proxy-gid", "1000");
    }

    @Test
    void proxyCredentialsAreMountedOnlyInTheSidecar() {
      PodContribution c = contribute(Contributions.withProxyCredentials(Contributions.sidecar()));

      ContainerContribution net = c.container(ContainerSlot.NETWORK_SIDECAR);
      assertThat(net.fields().getCommand())
          .containsExactly(
              "/openshell-sandbox",
              "--mode=network",
              "--upstream-proxy",
              Contributions.PROXY,
              "--upstream-proxy-auth-file",
              "/etc/openshell/auth/upstream-proxy",
              "--upstream-proxy-auth-allow-insecure");
      assertThat(mountOf(net.mounts(), PROXY_AUTH_VOLUME))
          .isEqualTo(mount(PROXY_AUTH_VOLUME, "/etc/openshell/auth", true, null));
      assertProxySecret(c, 0440);

      ContainerContribution agent = c.container(ContainerSlot.AGENT);
      assertThat(mountNames(agent.mounts())).doesNotContain(PROXY_AUTH_VOLUME);
      assertThat(agent.fields().getCommand()).doesNotContain("--upstream-proxy");
      assertThat(mountNames(init(c, InitStep.NETWORK_INIT).getVolumeMounts()))
          .doesNotContain(PROXY_AUTH_VOLUME);
    }

    @Test
    void configuredIdentityPullPolicyAndAppArmorReachEverySupervisorContainer() {
      PodContribution c =
          contribute(
              Contributions.sidecar()
                  .setting("OPENSHELL_K8S_SANDBOX_UID", "2000")
                  .setting("OPENSHELL_K8S_SANDBOX_GID", "3000")
                  .setting("OPENSHELL_SUPERVISOR_IMAGE_PULL_POLICY", "Always")
                  .setting("OPENSHELL_K8S_APP_ARMOR_PROFILE", "RuntimeDefault"));

      Container init = init(c, InitStep.NETWORK_INIT);
      Container net = c.container(ContainerSlot.NETWORK_SIDECAR).fields();
      for (Container supervisor : List.of(init, net)) {
        assertThat(supervisor.getImagePullPolicy()).as(supervisor.getName()).isEqualTo("Always");
        assertThat(supervisor.getSecurityContext().getAppArmorProfile().getType())
            .as(supervisor.getName())
            .isEqualTo("RuntimeDefault");
      }
      assertThat(net.getSecurityContext().getRunAsGroup()).isEqualTo(3000L);
      assertThat(
              envValue(c.container(ContainerSlot.NETWORK_SIDECAR).env(), "OPENSHELL_SANDBOX_UID"))
          .contains("2000");
      assertThat(init.getCommand()).containsSubsequence("--proxy-gid", "3000");
    }
  }
}
