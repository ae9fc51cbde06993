package dev.berth.render;

import static dev.berth.naming.ManagedNames.AGENT_CONTAINER;
import static dev.berth.naming.ManagedNames.NETWORK_INIT;
import static dev.berth.naming.ManagedNames.NETWORK_SIDECAR_CONTAINER;
import static dev.berth.naming.ManagedNames.SUPERVISOR_INSTALL_INIT;
import static dev.berth.naming.ManagedNames.WORKSPACE_INIT;
import static dev.berth.render.Contributions.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.LinuxCapabilities;
import dev.berth.plan.SandboxPlan;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every container the driver adds besides the agent — the init containers and the network sidecar —
 * is hardened where it is made: no privilege escalation, every capability dropped but its own, and
 * the runtime's default seccomp profile unless the pod chose one for all its containers.
 */
class HardeningTest {

  static final String POD_SECCOMP =
      "{\"pod\": {\"security_context\": {\"seccomp_profile\":"
          + " {\"type\": \"Localhost\", \"localhost_profile\": \"profiles/pod.json\"}}}}";

  static final String AGENT_SECCOMP =
      "{\"containers\": {\"agent\": {\"security_context\": {\"seccomp_profile\":"
          + " {\"type\": \"Localhost\", \"localhost_profile\": \"profiles/agent.json\"}}}}}";

  static PodSpec render(String topology, String sideload, boolean binaryAware, String config) {
    SandboxPlan plan =
        Contributions.topology(topology)
            .setting("OPENSHELL_SUPERVISOR_SIDELOAD_METHOD", sideload)
            .setting(
                "OPENSHELL_K8S_SIDECAR_PROCESS_BINARY_AWARE_NETWORK_POLICY",
                Boolean.toString(binaryAware))
            .driverConfig(config)
            .build();
    return Contributions.renderPod(plan);
  }

  /** The driver's containers besides the agent, each with the capabilities it adds itself. */
  static Map<String, List<String>> expectedAdds(
      String topology, String sideload, boolean binaryAware) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (sideload.equals("init-container")) {
      out.put(SUPERVISOR_INSTALL_INIT, List.of());
    }
    if (topology.equals("sidecar")) {
      out.put(NETWORK_INIT, LinuxCapabilities.NETWORK_INIT);
    }
    out.put(WORKSPACE_INIT, List.of());
    if (topology.equals("sidecar")) {
      out.put(
          NETWORK_SIDECAR_CONTAINER,
          binaryAware ? LinuxCapabilities.BINARY_AWARE_SIDECAR : List.of());
    }
    return out;
  }

  static List<Container> driverContainers(PodSpec pod) {
    List<Container> out = new ArrayList<>(pod.getInitContainers());
    pod.getContainers().stream()
        .filter(c -> !c.getName().equals(AGENT_CONTAINER))
        .forEach(out::add);
    return out;
  }

  @ParameterizedTest(name = "{0} {1} binaryAware={2}")
  @CsvSource({
    "combined, image-volume, true",
    "combined, init-container, true",
    "sidecar, image-volume, true",
    "sidecar, init-container, true",
    "sidecar, init-container, false"
  })
  void everyDriverContainerIsHardenedWithItsOwnAddsOnly(
      String topology, String sideload, boolean binaryAware) {
    PodSpec pod = render(topology, sideload, binaryAware, "{}");
    Map<String, List<String>> adds = expectedAdds(topology, sideload, binaryAware);

    List<Container> hardened = driverContainers(pod);
    assertThat(names(hardened)).containsExactlyElementsOf(adds.keySet());
    for (Container c : hardened) {
      SecurityContext sc = c.getSecurityContext();
      assertThat(sc.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
      assertThat(sc.getCapabilities())
          .as(c.getName())
          .isEqualTo(new Capabilities(adds.get(c.getName()), List.of("ALL")));
      assertThat(sc.getSeccompProfile())
          .as(c.getName())
          .isEqualTo(new SeccompProfile(null, "RuntimeDefault"));
      assertThat(sc.getPrivileged()).as(c.getName()).isNull();
    }
  }

  /**
   * A pod-wide profile is inherited, not overridden with RuntimeDefault; an agent-only profile is
   * the agent's and leaves the driver's containers on RuntimeDefault.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "combined, init-container",
    "sidecar, image-volume",
    "sidecar, init-container",
  })
  void onlyAPodWideSeccompProfileReplacesTheDriversDefault(String topology, String sideload) {
    PodSpec podWide = render(topology, sideload, true, POD_SECCOMP);
    PodSpec agentOnly = render(topology, sideload, true, AGENT_SECCOMP);

    assertThat(podWide.getSecurityContext().getSeccompProfile())
        .isEqualTo(new SeccompProfile("profiles/pod.json", "Localhost"));
    assertThat(driverContainers(podWide))
        .hasSize(expectedAdds(topology, sideload, true).size())
        .allSatisfy(
            c -> {
              assertThat(c.getSecurityContext().getSeccompProfile()).as(c.getName()).isNull();
              assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
              assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            });

    assertThat(agentOnly.getSecurityContext().getSeccompProfile()).isNull();
    assertThat(agentOnly.getContainers().get(0).getSecurityContext().getSeccompProfile())
        .isEqualTo(new SeccompProfile("profiles/agent.json", "Localhost"));
    assertThat(driverContainers(agentOnly))
        .allSatisfy(
            c ->
                assertThat(c.getSecurityContext().getSeccompProfile())
                    .as(c.getName())
                    .isEqualTo(new SeccompProfile(null, "RuntimeDefault")));
  }

  /** The agent's capability drops are the agent's: they never reach the driver's containers. */
  @ParameterizedTest
  @ValueSource(strings = {"combined", "sidecar"})
  void agentOverridesStayOnTheAgent(String topology) {
    PodSpec pod =
        render(
            topology,
            "init-container",
            true,
            "{\"containers\": {\"agent\": {\"security_context\": {\"capabilities\": {\"drop\":"
                + " [\"NET_RAW\"]}}}}}");

    assertThat(pod.getContainers().get(0).getSecurityContext().getCapabilities().getDrop())
        .contains("NET_RAW");
    assertThat(driverContainers(pod))
        .allSatisfy(
            c ->
                assertThat(c.getSecurityContext().getCapabilities().getDrop())
                    .as(c.getName())
                    .containsExactly("ALL"));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1000})
  void driverContainerContextIsExactlyTheHardenedBasics(long uid) {
    SecurityContext sc =
        Hardening.driverContainer(TestPlans.basic(), uid, List.of("NET_ADMIN", "CHOWN"));

    assertThat(Contributions.setFields(sc))
        .containsExactly("allowPrivilegeEscalation", "capabilities", "runAsUser", "seccompProfile");
    assertThat(sc.getRunAsUser()).isEqualTo(uid);
    assertThat(sc.getCapabilities())
        .isEqualTo(new Capabilities(List.of("NET_ADMIN", "CHOWN"), List.of("ALL")));
  }
}
