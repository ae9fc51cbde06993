package dev.berth.render;

import static dev.berth.naming.ManagedNames.AGENT_CONTAINER;
import static dev.berth.naming.ManagedNames.CLIENT_TLS_VOLUME;
import static dev.berth.naming.ManagedNames.NETWORK_INIT;
import static dev.berth.naming.ManagedNames.NETWORK_SIDECAR_CONTAINER;
import static dev.berth.naming.ManagedNames.SA_TOKEN_VOLUME;
import static dev.berth.naming.ManagedNames.SIDECAR_STATE_VOLUME;
import static dev.berth.naming.ManagedNames.SIDECAR_TLS_VOLUME;
import static dev.berth.naming.ManagedNames.SPIFFE_VOLUME;
import static dev.berth.naming.ManagedNames.SUPERVISOR_BIN_VOLUME;
import static dev.berth.naming.ManagedNames.SUPERVISOR_INSTALL_INIT;
import static dev.berth.naming.ManagedNames.WORKSPACE_INIT;
import static dev.berth.naming.ManagedNames.WORKSPACE_VOLUME;
import static dev.berth.render.Contributions.envNames;
import static dev.berth.render.Contributions.mountPaths;
import static dev.berth.render.Contributions.named;
import static dev.berth.render.Contributions.names;
import static dev.berth.render.Contributions.volumeNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.EnvNames;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decorators together over every topology × sideload × workspace combination, on a pod with
 * client TLS, SPIFFE and a user mount nested under the workspace: where each credential, mount,
 * volume and init container ends up, exactly.
 */
class AssembledPodTest {

  static final String CONFIG =
      """
      {"workspace": {"persistent": %s},
       "volumes": [{"name": "data", "persistent_volume_claim":
         {"claim_name": "team-data", "read_only": false}}],
       "containers": {"agent": {"volume_mounts": [
         {"name": "data", "mount_path": "/sandbox/.openshell/memory", "sub_path": "memory"},
         {"name": "data", "mount_path": "/data"}]}}}
      """;

  @ParameterizedTest(name = "{0} {1} persistent={2}")
  @CsvSource({
    "combined, image-volume, true",
    "combined, image-volume, false",
    "combined, init-container, true",
    "combined, init-container, false",
    "sidecar, image-volume, true",
    "sidecar, image-volume, false",
    "sidecar, init-container, true",
    "sidecar, init-container, false"
  })
  void everythingLandsWhereItBelongs(String topology, String sideload, boolean persistent) {
    boolean sidecar = topology.equals("sidecar");
    TestPlans plan =
        Contributions.withTlsAndSpiffe(Contributions.topology(topology))
            .setting("OPENSHELL_SUPERVISOR_SIDELOAD_METHOD", sideload)
            .driverConfig(CONFIG.formatted(persistent));
    RenderedSandbox rendered = SandboxRenderer.render(plan.build());
    PodSpec pod = rendered.podTemplate().getSpec();
    Container agent = named(pod.getContainers(), AGENT_CONTAINER);

    List<String> init = new ArrayList<>();
    List<String> volumes =
        new ArrayList<>(List.of(CLIENT_TLS_VOLUME, SPIFFE_VOLUME, SA_TOKEN_VOLUME, "data"));
    if (sideload.equals("init-container")) {
      init.add(SUPERVISOR_INSTALL_INIT);
    }
    if (sidecar) {
      init.add(NETWORK_INIT);
      volumes.addAll(List.of(SIDECAR_STATE_VOLUME, SIDECAR_TLS_VOLUME));
    }
    init.add(WORKSPACE_INIT);
    volumes.add(SUPERVISOR_BIN_VOLUME);
    if (!persistent) {
      volumes.add(WORKSPACE_VOLUME);
    }
    assertThat(names(pod.getInitContainers())).containsExactlyElementsOf(init);
    assertThat(volumeNames(pod.getVolumes())).containsExactlyElementsOf(volumes);
    assertThat(claimNames(rendered.sandbox().getSpec().getVolumeClaimTemplates()))
        .as("claim templates")
        .isEqualTo(persistent ? List.of(WORKSPACE_VOLUME) : List.of());
    assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(1000L);
    assertThat(pod.getInitContainers())
        .allSatisfy(
            c ->
                assertThat(c.getSecurityContext().getRunAsUser())
                    .as(c.getName())
                    .isEqualTo(c.getName().equals(NETWORK_INIT) ? 0L : 1000L));

    if (sidecar) {
      // The workspace goes beneath the nested mount, whatever the plan's order.
      assertThat(mountPaths(agent.getVolumeMounts()))
          .containsExactly(
              "/data",
              "/sandbox",
              "/sandbox/.openshell/memory",
              "/run/openshell-sidecar",
              "/etc/openshell-tls/proxy",
              "/opt/openshell/bin");
      assertThat(envNames(agent.getEnv()))
          .doesNotContainAnyElementsOf(EnvNames.SIDECAR_AGENT_REMOVED);
      assertThat(names(pod.getContainers()))
          .containsExactly(AGENT_CONTAINER, NETWORK_SIDECAR_CONTAINER);
      assertThat(
              mountPaths(named(pod.getContainers(), NETWORK_SIDECAR_CONTAINER).getVolumeMounts()))
          .containsExactly(
              "/run/openshell-sidecar",
              "/etc/openshell-tls/proxy",
              "/var/run/secrets/openshell",
              "/spiffe-workload-api");
    } else {
      assertThat(mountPaths(agent.getVolumeMounts()))
          .containsExactly(
              "/etc/openshell-tls/client",
              "/spiffe-workload-api",
              "/var/run/secrets/openshell",
              "/data",
              "/sandbox",
              "/sandbox/.openshell/memory",
              "/opt/openshell/bin");
      assertThat(envNames(agent.getEnv()))
          .contains(
              EnvNames.TLS_CA,
              EnvNames.TLS_CERT,
              EnvNames.TLS_KEY,
              EnvNames.SA_TOKEN_FILE,
              EnvNames.SPIFFE_SOCKET);
      assertThat(names(pod.getContainers())).containsExactly(AGENT_CONTAINER);
    }
  }

  private static List<String> claimNames(List<PersistentVolumeClaim> claims) {
    return claims.stream().map(c -> c.getMetadata().getName()).toList();
  }
}
