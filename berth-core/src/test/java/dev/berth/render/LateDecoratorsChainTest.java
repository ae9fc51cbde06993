package dev.berth.render;

import static dev.berth.naming.ManagedNames.*;
import static dev.berth.render.PrefabParts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.ContainerPaths;
import dev.berth.naming.EnvNames;
import dev.berth.plan.SandboxPlan;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The five late decorators together, in the renderer's order, over every topology × sideload ×
 * workspace combination, on a pod with TLS, SPIFFE and a user mount nested under the workspace.
 */
class LateDecoratorsChainTest {

  static final List<PodDecorator> LATE =
      List.of(
          new TopologyDecorator(),
          new SupervisorSideloadDecorator(),
          new WorkspaceDecorator(),
          new SecurityOverridesDecorator(),
          new InitContainerHardeningDecorator());

  static Stream<Arguments> combinations() {
    List<Arguments> all = new ArrayList<>();
    for (String topology : List.of("combined", "sidecar")) {
      for (String sideload : List.of("image-volume", "init-container")) {
        for (boolean persistent : List.of(true, false)) {
          all.add(Arguments.of(topology, sideload, persistent));
        }
      }
    }
    return all.stream();
  }

  static SandboxPlan plan(String topology, String sideload, boolean persistent) {
    return TestPlans.builder()
        .setting("OPENSHELL_K8S_TOPOLOGY", topology)
        .setting("OPENSHELL_SUPERVISOR_SIDELOAD_METHOD", sideload)
        .setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls")
        .setting("OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET", "/run/spire/agent.sock")
        .driverConfig(
            """
            {"workspace": {"persistent": %s},
             "volumes": [{"name": "data", "persistent_volume_claim":
               {"claim_name": "team-data", "read_only": false}}],
             "containers": {"agent": {"volume_mounts": [
               {"name": "data", "mount_path": "/sandbox/.openshell/memory", "sub_path": "memory"},
               {"name": "data", "mount_path": "/data"}]}}}
            """
                .formatted(persistent))
        .build();
  }

  static PodParts render(SandboxPlan plan) {
    PodParts parts = PrefabParts.forPlan(plan);
    for (PodDecorator d : LATE) {
      parts = d.apply(parts, plan);
    }
    return parts;
  }

  @ParameterizedTest(name = "{0} {1} persistent={2}")
  @MethodSource("combinations")
  void renderedPodIsConsistent(String topology, String sideload, boolean persistent) {
    boolean sidecar = topology.equals("sidecar");
    PodParts parts = render(plan(topology, sideload, persistent));

    List<String> expectedInit = new ArrayList<>();
    if (sideload.equals("init-container")) {
      expectedInit.add(SUPERVISOR_INSTALL_INIT);
    }
    if (sidecar) {
      expectedInit.add(NETWORK_INIT);
    }
    expectedInit.add(WORKSPACE_INIT);
    assertThat(initNames(parts)).containsExactlyElementsOf(expectedInit);

    List<String> volumes = volumeNames(parts);
    assertThat(new HashSet<>(volumes)).hasSameSizeAs(volumes);
    Set<String> available = new HashSet<>(volumes);
    parts.claimTemplates().forEach(c -> available.add(c.getMetadata().getName()));
    assertThat(available).contains(WORKSPACE_VOLUME);
    assertThat(persistent ? parts.claimTemplates() : List.of()).hasSize(persistent ? 1 : 0);

    List<Container> all = new ArrayList<>(List.of(parts.agent()));
    all.addAll(parts.sidecars());
    all.addAll(parts.initContainers());
    for (Container c : all) {
      assertThat(mountNames(c)).as(c.getName()).allMatch(available::contains);
      assertThat(new HashSet<>(mountPaths(c))).as(c.getName()).hasSameSizeAs(mountPaths(c));
      assertParentFirst(c);
    }
    for (String managed : volumes) {
      if (!managed.equals("data")) {
        assertThat(RESERVED_VOLUME_NAMES).contains(managed);
      }
    }

    assertThat(mountOf(parts.agent(), WORKSPACE_VOLUME).getMountPath()).isEqualTo("/sandbox");
    assertThat(mountOf(parts.agent(), SUPERVISOR_BIN_VOLUME).getReadOnly()).isTrue();
    assertThat(parts.spec().getSecurityContext().getFsGroup()).isEqualTo(1000L);
    assertThat(parts.initContainers())
        .allSatisfy(
            c -> {
              assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
              assertThat(c.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
              assertThat(c.getSecurityContext().getSeccompProfile().getType())
                  .isEqualTo("RuntimeDefault");
              boolean root = c.getName().equals(NETWORK_INIT);
              assertThat(c.getSecurityContext().getRunAsUser()).isEqualTo(root ? 0L : 1000L);
            });

    if (sidecar) {
      assertThat(mountNames(parts.agent()))
          .doesNotContain(SA_TOKEN_VOLUME, CLIENT_TLS_VOLUME, SPIFFE_VOLUME);
      assertThat(envNames(parts.agent()))
          .doesNotContainAnyElementsOf(EnvNames.SIDECAR_AGENT_REMOVED);
      assertThat(mountNames(sidecar(parts, NETWORK_SIDECAR_CONTAINER)))
          .contains(SA_TOKEN_VOLUME, SPIFFE_VOLUME);
    } else {
      assertThat(parts.sidecars()).isEmpty();
      assertThat(mountNames(parts.agent())).contains(SA_TOKEN_VOLUME, CLIENT_TLS_VOLUME);
    }

    // The finished template assembles without surprises.
    var template = parts.toTemplate();
    assertThat(template.getSpec().getContainers()).hasSize(sidecar ? 2 : 1);
  }

  /** No mount may come before a mount of a directory that contains it. */
  static void assertParentFirst(Container c) {
    List<VolumeMount> mounts = c.getVolumeMounts();
    for (int i = 0; i < mounts.size(); i++) {
      for (int j = i + 1; j < mounts.size(); j++) {
        String earlier = mounts.get(i).getMountPath();
        String later = mounts.get(j).getMountPath();
        assertThat(ContainerPaths.isOrUnder(earlier, later))
            .as("%s: %s is mounted before its parent %s", c.getName(), earlier, later)
            .isFalse();
      }
    }
  }
}
