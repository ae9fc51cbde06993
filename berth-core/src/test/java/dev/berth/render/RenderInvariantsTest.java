package dev.berth.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.ManagedNames;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxPlan;
import dev.berth.result.Result;
import dev.berth.testing.TestPlans;
import dev.berth.validate.SandboxValidator;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Renders every combination of the settings that shape the pod, then random valid plans. */
class RenderInvariantsTest {

  @Test
  void everyCombinationOfTopologySideloadWorkspaceAndCredentialsKeepsTheInvariants() {
    // What each rendered pod shows of the seven settings; binary awareness shows only in the
    // sidecar topology, so 2^5 combined and 2^6 sidecar pods differ: 96 distinct.
    Set<List<Boolean>> seen = new HashSet<>();
    for (String topology : List.of("combined", "sidecar")) {
      for (String sideload : List.of("image-volume", "init-container")) {
        for (boolean persistent : List.of(true, false)) {
          for (boolean userNamespaces : List.of(true, false)) {
            for (boolean credentials : List.of(true, false)) {
              for (boolean binaryAware : List.of(true, false)) {
                for (boolean userMounts : List.of(true, false)) {
                  TestPlans b =
                      TestPlans.builder()
                          .setting("OPENSHELL_K8S_TOPOLOGY", topology)
                          .setting("OPENSHELL_SUPERVISOR_SIDELOAD_METHOD", sideload)
                          .setting(
                              "OPENSHELL_ENABLE_USER_NAMESPACES", Boolean.toString(userNamespaces))
                          .setting(
                              "OPENSHELL_K8S_SIDECAR_PROCESS_BINARY_AWARE_NETWORK_POLICY",
                              Boolean.toString(binaryAware))
                          .driverConfig(driverConfig(persistent, userMounts));
                  if (credentials) {
                    b.setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "client-tls")
                        .setting(
                            "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET",
                            "/spiffe-workload-api/spire-agent.sock");
                  }
                  SandboxPlan plan = b.build();
                  RenderedSandbox rendered = SandboxRenderer.render(plan);
                  RenderInvariants.check(plan, rendered);
                  seen.add(observed(rendered));
                }
              }
            }
          }
        }
      }
    }
    assertThat(seen).hasSize(96);
  }

  /** The settings of the loop above as they show in the pod. */
  private static List<Boolean> observed(RenderedSandbox rendered) {
    PodSpec pod = rendered.podTemplate().getSpec();
    Optional<Container> sidecar =
        pod.getContainers().stream()
            .filter(c -> c.getName().equals(ManagedNames.NETWORK_SIDECAR_CONTAINER))
            .findFirst();
    return List.of(
        sidecar.isPresent(),
        pod.getInitContainers().stream()
            .anyMatch(c -> c.getName().equals(ManagedNames.SUPERVISOR_INSTALL_INIT)),
        pod.getVolumes().stream().noneMatch(v -> v.getName().equals(ManagedNames.WORKSPACE_VOLUME)),
        Boolean.FALSE.equals(pod.getHostUsers()),
        pod.getVolumes().stream().anyMatch(v -> v.getName().equals(ManagedNames.CLIENT_TLS_VOLUME)),
        sidecar
            .map(c -> c.getSecurityContext().getCapabilities().getAdd().contains("SYS_PTRACE"))
            .orElse(false),
        pod.getContainers().get(0).getVolumeMounts().stream()
            .anyMatch(m -> m.getMountPath().equals("/tmp/work")));
  }

  private static String driverConfig(boolean persistent, boolean userMounts) {
    String mounts =
        userMounts
            ? """
              "volumes": [{"name": "share", "persistent_volume_claim": {"claim_name": "share", "read_only": false}},
                          {"name": "tmp", "empty_dir": {}}],
              "containers": {"agent": {"volume_mounts": [
                 {"name": "share", "mount_path": "/sandbox/data/deep", "sub_path": "deep"},
                 {"name": "share", "mount_path": "/sandbox/data", "sub_path": "data"},
                 {"name": "tmp", "mount_path": "/tmp/work"}]}},
              """
            : "";
    return "{" + mounts + "\"workspace\": {\"persistent\": " + persistent + "}}";
  }

  static List<RenderScenarios.Scenario> scenarios() {
    return RenderScenarios.all();
  }

  /** The golden scenarios too: some set a pod-wide seccomp profile that init containers inherit. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyGoldenScenarioKeepsTheInvariants(RenderScenarios.Scenario scenario) {
    SandboxPlan plan = scenario.plan().get().build();
    RenderInvariants.check(plan, SandboxRenderer.render(plan));
  }

  /** Seeded random plans from valid building blocks; invalid combinations are skipped. */
  @Test
  void randomValidPlansAlwaysRenderAndKeepTheInvariants() {
    Random random = new Random(20261125);
    int rendered = 0;
    for (int i = 0; i < 1500; i++) {
      TestPlans b =
          TestPlans.builder()
              .setting("OPENSHELL_K8S_TOPOLOGY", random.nextBoolean() ? "combined" : "sidecar")
              .setting(
                  "OPENSHELL_SUPERVISOR_SIDELOAD_METHOD",
                  random.nextBoolean() ? "image-volume" : "init-container")
              .setting("OPENSHELL_ENABLE_USER_NAMESPACES", Boolean.toString(random.nextBoolean()))
              .driverConfig(randomDriverConfig(random));
      if (random.nextBoolean()) {
        b.setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "client-tls");
      }
      if (random.nextInt(4) == 0) {
        b.gpus(1 + random.nextInt(4));
      }
      Result<SandboxPlan> plan =
          SandboxValidator.validate(b.request(), b.settings(), ClusterFacts.DEFAULT);
      if (plan.isValid()) {
        RenderInvariants.check(plan.orElseThrow(), SandboxRenderer.render(plan.orElseThrow()));
        rendered++;
      }
    }
    assertThat(rendered).as("most generated plans are valid").isGreaterThan(1000);
  }

  private static final List<String> PATHS =
      List.of(
          "/sandbox/a",
          "/sandbox/a/b",
          "/sandbox/c",
          "/mnt/x",
          "/mnt/x/y",
          "/data",
          "/srv/cache",
          "/sandbox/a/b/c",
          "/home/agent/.cache");

  private static String randomDriverConfig(Random random) {
    int volumes = random.nextInt(5);
    StringJoiner vols = new StringJoiner(",");
    List<String> names = new ArrayList<>();
    for (int v = 0; v < volumes; v++) {
      String name = "vol" + v;
      names.add(name);
      String source =
          switch (random.nextInt(5)) {
            case 0 ->
                "\"persistent_volume_claim\": {\"claim_name\": \"c"
                    + v
                    + "\", \"read_only\": "
                    + random.nextBoolean()
                    + "}";
            case 1 -> "\"config_map\": {\"name\": \"cm" + v + "\"}";
            case 2 -> "\"secret\": {\"secret_name\": \"s" + v + "\"}";
            case 3 -> "\"empty_dir\": {}";
            default -> "\"image\": {\"reference\": \"ghcr.io/example/data:" + v + "\"}";
          };
      vols.add("{\"name\": \"" + name + "\", " + source + "}");
    }
    StringJoiner mounts = new StringJoiner(",");
    List<String> used = new ArrayList<>();
    for (int m = 0; m < (names.isEmpty() ? 0 : random.nextInt(6)); m++) {
      String path = PATHS.get(random.nextInt(PATHS.size()));
      if (used.contains(path)) {
        continue;
      }
      used.add(path);
      String sub = random.nextBoolean() ? ", \"sub_path\": \"p" + m + "\"" : "";
      mounts.add(
          "{\"name\": \""
              + names.get(random.nextInt(names.size()))
              + "\", \"mount_path\": \""
              + path
              + "\""
              + sub
              + "}");
    }
    return "{\"volumes\": ["
        + vols
        + "], \"containers\": {\"agent\": {\"volume_mounts\": ["
        + mounts
        + "]}}, \"workspace\": {\"persistent\": "
        + random.nextBoolean()
        + "}}";
  }
}
