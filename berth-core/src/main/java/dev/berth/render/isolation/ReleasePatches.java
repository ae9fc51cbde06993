package dev.berth.render.isolation;

import dev.berth.naming.IsolationNames;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.render.agentsandbox.AgentSandboxSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import java.util.List;
import java.util.Map;

/**
 * The JSON merge patches of the bring-up, as plain values for the lifecycle to send. Releasing
 * keeps every gate but Berth's, so another controller's gate still holds the pod.
 */
public final class ReleasePatches {

  static final String SPEC = "spec";
  static final String METADATA = "metadata";
  static final String ANNOTATIONS = "annotations";
  static final String SCHEDULING_GATES = "schedulingGates";
  static final String OPERATING_MODE = "operatingMode";
  static final String REPLICAS = "replicas";
  static final String NAME = "name";

  /** The phase {@link #markReleased} records. */
  public static final String PHASE_RELEASED = "released";

  private ReleasePatches() {}

  /** The merge patch that removes Berth's gate from {@code observed}, keeping any other gate. */
  public static Map<String, Object> release(IsolationNames names, Pod observed) {
    List<PodSchedulingGate> gates = observed.getSpec().getSchedulingGates();
    List<Map<String, Object>> remaining =
        gates.stream()
            .filter(g -> !names.schedulingGate().equals(g.getName()))
            .map(g -> Map.<String, Object>of(NAME, g.getName()))
            .toList();
    return Map.of(SPEC, Map.of(SCHEDULING_GATES, remaining));
  }

  /**
   * {@link #release} as a JSON patch (RFC 6902): the gate list replaced by what remains. A merge
   * patch cannot express an empty list everywhere (some servers drop it as "no change"); a JSON
   * patch's replace is exact.
   */
  public static List<Map<String, Object>> releaseOperations(IsolationNames names, Pod observed) {
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) release(names, observed).get(SPEC);
    return List.of(Map.of(OP, REPLACE, PATH, GATES_PATH, VALUE, spec.get(SCHEDULING_GATES)));
  }

  static final String OP = "op";
  static final String REPLACE = "replace";
  static final String PATH = "path";
  static final String VALUE = "value";
  static final String GATES_PATH = "/" + SPEC + "/" + SCHEDULING_GATES;

  /** Lets the controller run the Sandbox's pod again. */
  public static Map<String, Object> resume(SandboxApiVersion version) {
    return switch (version) {
      case V1BETA1 -> Map.of(SPEC, Map.of(OPERATING_MODE, AgentSandboxSpec.RUNNING));
      case V1ALPHA1 -> Map.of(SPEC, Map.of(REPLICAS, 1));
    };
  }

  /** Records on the Sandbox that the generation's pods were released. */
  public static Map<String, Object> markReleased(IsolationNames names) {
    return Map.of(
        METADATA, Map.of(ANNOTATIONS, Map.of(names.bootstrapPhaseAnnotation(), PHASE_RELEASED)));
  }
}
