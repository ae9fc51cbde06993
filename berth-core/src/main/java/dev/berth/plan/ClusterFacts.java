package dev.berth.plan;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the driver learned from the cluster before planning: which Sandbox API version is served and
 * the target namespace's annotations (OpenShift SCC ranges). Passed in so that validation and
 * rendering never do I/O.
 *
 * @param apiVersion the agent-sandbox API version to write
 * @param namespaceAnnotations annotations of the namespace the sandbox goes to
 */
public record ClusterFacts(SandboxApiVersion apiVersion, Map<String, String> namespaceAnnotations) {

  /** A cluster serving {@code v1beta1} with a plain namespace. */
  public static final ClusterFacts DEFAULT = new ClusterFacts(SandboxApiVersion.V1BETA1, Map.of());

  public ClusterFacts {
    namespaceAnnotations = Collections.unmodifiableMap(new TreeMap<>(namespaceAnnotations));
  }
}
