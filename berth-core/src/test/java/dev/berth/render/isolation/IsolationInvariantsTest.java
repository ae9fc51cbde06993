package dev.berth.render.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import dev.berth.plan.LaunchAuthentication;
import dev.berth.render.Manifests;
import dev.berth.render.isolation.CreateStep.Action;
import dev.berth.security.PodSecurityReport;
import dev.berth.security.PssLevel;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Properties of every two-pod render, over plans generated from a fixed seed (so a failure
 * reproduces): both pods are hardened, no bearer token reaches any part of the workload pod or its
 * Secret, and the fences are in place before anything is let run.
 */
class IsolationInvariantsTest {

  private static final long SEED = 0x15014710L;
  private static final int PLANS = 200;

  private static final List<String> DRIVER_CONFIGS =
      List.of(
          "{}",
          IsolationScenarios.FEATURES,
          "{\"workspace\": {\"persistent\": false}}",
          """
          {"volumes": [{"name": "scratch", "empty_dir": {"medium": "Memory"}},
                       {"name": "cfg", "config_map": {"name": "team-config"}}],
           "containers": {"agent": {"volume_mounts": [
              {"name": "scratch", "mount_path": "/scratch"},
              {"name": "cfg", "mount_path": "/sandbox/.config/team"}],
              "security_context": {"run_as_non_root": true, "allow_privilege_escalation": false}}}}
          """,
          """
          {"pod": {"security_context": {"fs_group": 2000, "seccomp_profile": {"type": "RuntimeDefault"}}}}
          """);

  private static final List<UnaryOperator<TestPlans>> SETTINGS =
      List.of(
          b -> b,
          b -> b.setting("OPENSHELL_GRPC_ENDPOINT", "https://gw.openshell.svc:8080"),
          b -> b.setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "gw-tls"),
          b ->
              b.setting(
                  "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET", "/spiffe/agent/socket.sock"),
          b ->
              b.setting("OPENSHELL_K8S_TOPOLOGY", "sidecar")
                  .setting("OPENSHELL_UPSTREAM_PROXY", "http://proxy.corp:3128")
                  .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_NAME", "proxy-auth")
                  .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY", "basic")
                  .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_ALLOW_INSECURE", "true"),
          b -> b.setting("OPENSHELL_UPSTREAM_PROXY_CA_BUNDLE", "/etc/proxy/ca.pem"),
          b -> b.setting("OPENSHELL_WORKSPACE_MODE", "managed"),
          b -> b.setting("OPENSHELL_K8S_SANDBOX_UID", "1000660000"),
          b -> b.setting("OPENSHELL_K8S_SANDBOX_RUNTIME_BOUNDARY_PORT", "7443"),
          b -> b.logLevel("trace").command(List.of("agent", "--token-file", "/tmp/x"), true));

  /** Rendered once (after the pools above): every test reads them and none changes them. */
  private static final List<Case> CASES = cases();

  /** One generated case. */
  record Case(RenderedIsolationSandbox rendered, String gatewayToken, String sandboxToken) {}

  static List<Case> cases() {
    Random random = new Random(SEED);
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < PLANS; i++) {
      TestPlans builder =
          TestPlans.builder()
              .driverConfig(DRIVER_CONFIGS.get(random.nextInt(DRIVER_CONFIGS.size())));
      for (UnaryOperator<TestPlans> setting : SETTINGS) {
        if (random.nextInt(3) == 0) {
          builder = setting.apply(builder);
        }
      }
      Generation generation = random.nextBoolean() ? Generation.G2 : Generation.G3;
      cases.add(
          new Case(IsolationScenarios.render(builder, generation), token(random), token(random)));
    }
    return cases;
  }

  private static String token(Random random) {
    StringBuilder out = new StringBuilder("eyJ");
    for (int i = 0; i < 40; i++) {
      out.append((char) ('a' + random.nextInt(26)));
    }
    return out.toString();
  }

  @Test
  void bothPodsAreHardenedAndGated() {
    for (Case c : CASES) {
      RenderedIsolationSandbox r = c.rendered();
      PodSpec workload = r.workloadTemplate().getSpec();
      PodSpec supervisor = r.supervisorPod().getSpec();
      for (PodSpec pod : List.of(workload, supervisor)) {
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getSchedulingGates())
            .extracting(g -> g.getName())
            .contains(r.names().schedulingGate());
        assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
        List<Container> containers = new ArrayList<>(pod.getInitContainers());
        containers.addAll(pod.getContainers());
        for (Container container : containers) {
          SecurityContext sc = container.getSecurityContext();
          assertThat(sc.getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
          assertThat(sc.getCapabilities().getDrop()).as(container.getName()).contains("ALL");
          assertThat(sc.getCapabilities().getAdd()).as(container.getName()).isEmpty();
          assertThat(sc.getRunAsUser()).as(container.getName()).isPositive();
        }
      }
      assertThat(supervisor.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem())
          .isTrue();
      assertThat(PodSecurityReport.of(r.workloadTemplate()).level())
          .as("%s", PodSecurityReport.of(r.workloadTemplate()).findings())
          .isEqualTo(PssLevel.RESTRICTED);
      assertThat(PodSecurityReport.of(supervisor).level())
          .as("%s", PodSecurityReport.of(supervisor).findings())
          .isEqualTo(PssLevel.RESTRICTED);
    }
  }

  @Test
  void noBearerTokenOrGatewayCredentialReachesTheWorkload() {
    for (Case c : CASES) {
      RenderedIsolationSandbox r = c.rendered();
      LaunchAuthentication auth =
          LaunchAuthentication.parse(
                  IsolationScenarios.launchAuthentication(c.gatewayToken(), c.sandboxToken()))
              .orElseThrow();
      BootstrapSecrets secrets = r.secrets(IsolationScenarios.material(auth, true));
      String workload = Manifests.compactJson(r.sandbox()) + decoded(secrets.sandbox());
      String supervisorSide = decoded(secrets.supervisor());

      for (String token : List.of(c.gatewayToken(), c.sandboxToken())) {
        assertThat(workload).doesNotContain(token);
        // The same check finds the token where it belongs.
        assertThat(supervisorSide).contains(token);
      }
      PodSpec pod = r.workloadTemplate().getSpec();
      List<EnvVar> env = new ArrayList<>();
      pod.getContainers().forEach(ct -> env.addAll(ct.getEnv()));
      pod.getInitContainers().forEach(ct -> env.addAll(ct.getEnv()));
      assertThat(env)
          .extracting(EnvVar::getName)
          .noneMatch(n -> n.matches(".*_(ENDPOINT|TOKEN|TOKEN_FILE|TLS_CA|TLS_CERT|TLS_KEY)$"))
          .noneMatch(
              n -> n.endsWith("_MAIN_PROCESS_SPEC") || n.endsWith("_SPIFFE_WORKLOAD_API_SOCKET"));
      assertThat(pod.getVolumes())
          .allSatisfy(v -> assertThat(v.getProjected()).isNull())
          .allSatisfy(v -> assertThat(v.getCsi()).isNull())
          .extracting(Volume::getName)
          .doesNotContain(IsolationNames.SUPERVISOR_BOOTSTRAP_VOLUME);
      assertThat(secretNames(pod)).doesNotContain(secrets.supervisor().getMetadata().getName());
      // The sandbox Secret reaches only the trusted init container, never the agent.
      assertThat(pod.getContainers().get(0).getVolumeMounts())
          .extracting(m -> m.getName())
          .doesNotContain(IsolationNames.BOOTSTRAP_VOLUME);
    }
  }

  @Test
  void theFencesComeBeforeAnythingRunsAndTheSupervisorBeforeTheWorkload() {
    for (Case c : CASES) {
      for (List<CreateStep> steps :
          List.of(c.rendered().createSteps(), c.rendered().startSteps())) {
        int fence = lastIndex(steps, s -> s.name().equals(c.rendered().names().workloadPolicy()));
        int resume = firstIndex(steps, s -> s.action() == Action.RESUME_SANDBOX);
        int firstRelease = firstIndex(steps, CreateStep::releases);
        int secrets = lastIndex(steps, s -> s.kind().equals("Secret"));
        int supervisor =
            firstIndex(steps, s -> s.action() == Action.CREATE && s.kind().equals("Pod"));
        assertThat(fence).isGreaterThanOrEqualTo(0).isLessThan(resume).isLessThan(firstRelease);
        assertThat(supervisor).isLessThan(resume);
        assertThat(secrets).isLessThan(firstRelease);
        assertThat(steps.get(firstRelease).name())
            .isEqualTo(c.rendered().supervisorPod().getMetadata().getName());
      }
      assertThat(
              NetworkFence.deniesWorkloadEgress(c.rendered().names(), c.rendered().workloadFence()))
          .isTrue();
    }
  }

  private static List<String> secretNames(PodSpec pod) {
    return pod.getVolumes().stream()
        .filter(v -> v.getSecret() != null)
        .map(v -> v.getSecret().getSecretName())
        .toList();
  }

  private static String decoded(Secret secret) {
    StringBuilder out = new StringBuilder();
    secret
        .getData()
        .values()
        .forEach(
            v -> out.append(new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return out.toString();
  }

  private static int firstIndex(List<CreateStep> steps, Predicate<CreateStep> p) {
    for (int i = 0; i < steps.size(); i++) {
      if (p.test(steps.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndex(List<CreateStep> steps, Predicate<CreateStep> p) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      if (p.test(steps.get(i))) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void theGeneratorCoversBothGenerationsAndEverySetting() {
    List<Case> cases = CASES;
    assertThat(cases)
        .extracting(c -> c.rendered().names().generation())
        .contains(Generation.G2, Generation.G3);
    assertThat(cases)
        .anyMatch(c -> c.rendered().plan().settings().supervisor().proxy().hasCredentials());
    assertThat(cases)
        .anyMatch(c -> c.rendered().plan().settings().gateway().clientTlsSecretName().isPresent());
  }

  /** The token check would catch a leak: an env var carrying the token is found. */
  @Test
  void theLeakCheckCanFail() {
    Case c =
        new Case(
            IsolationScenarios.render(TestPlans.builder(), Generation.G3), "eyJleak", "eyJother");
    Pod leaky = new Pod();
    leaky.setSpec(c.rendered().workloadTemplate().getSpec());
    EnvVar leak = new EnvVar();
    leak.setName("LEAK");
    leak.setValue(c.gatewayToken());
    leaky.getSpec().getContainers().get(0).getEnv().add(leak);
    assertThat(Manifests.compactJson(c.rendered().sandbox())).contains(c.gatewayToken());
  }
}
