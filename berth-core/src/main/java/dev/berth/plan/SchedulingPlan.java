package dev.berth.plan;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Placement and pod metadata.
 *
 * @param nodeSelector platform entries, then driver_config entries that do not clash
 * @param tolerations platform tolerations followed by driver_config tolerations
 * @param runtimeClassName platform_config, else driver_config, else the driver default
 * @param priorityClassName from driver_config only
 * @param userNamespaces whether the pod runs with {@code hostUsers: false}
 * @param podLabels labels from the template
 * @param podAnnotations annotations from platform_config
 */
public record SchedulingPlan(
    Map<String, String> nodeSelector,
    List<PlannedToleration> tolerations,
    Optional<String> runtimeClassName,
    Optional<String> priorityClassName,
    boolean userNamespaces,
    Map<String, String> podLabels,
    Map<String, String> podAnnotations) {

  public SchedulingPlan {
    nodeSelector = sorted(nodeSelector);
    tolerations = List.copyOf(tolerations);
    podLabels = sorted(podLabels);
    podAnnotations = sorted(podAnnotations);
  }

  private static Map<String, String> sorted(Map<String, String> m) {
    return Collections.unmodifiableMap(new TreeMap<>(m));
  }

  /** A checked toleration. */
  public record PlannedToleration(
      Optional<String> key,
      Optional<String> operator,
      Optional<String> value,
      Optional<String> effect,
      Optional<Long> tolerationSeconds) {}
}
