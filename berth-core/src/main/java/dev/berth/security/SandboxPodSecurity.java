package dev.berth.security;

import dev.berth.naming.Generation;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxPlan;
import dev.berth.result.Result;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.Topology;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;

/**
 * The Pod Security verdict of the pods a configured driver renders, for checks that compare it with
 * a namespace's {@code pod-security.kubernetes.io/enforce} level ({@code berth doctor}): the single
 * pod of G1's shape and the workload and supervisor pods of the two-pod shape G2 and G3 gateways
 * need. The minimal sandbox stands for all of them: a request's own volumes and overrides can only
 * keep the level or tighten it, never loosen it.
 */
public final class SandboxPodSecurity {

  private SandboxPodSecurity() {}

  /** The report of the minimal sandbox rendered with {@code settings} for a plain namespace. */
  public static Result<PodSecurityReport> report(DriverSettings settings) {
    return SampleSandboxes.minimal(settings, ClusterFacts.DEFAULT)
        .map(rendered -> PodSecurityReport.of(rendered.podTemplate()));
  }

  /** The same with another topology, to say whether switching topology would help. */
  public static Result<PodSecurityReport> report(DriverSettings settings, Topology topology) {
    return report(SandboxPlan.withTopology(settings, topology));
  }

  /**
   * The two pods of the minimal sandbox in {@code generation}'s two-pod shape, workload first: what
   * a namespace must admit for a G2 or G3 gateway, whatever topology is configured.
   *
   * @param generation a generation of the {@link Generation.RuntimeShape#ISOLATION_BACKEND} shape
   */
  public static Result<List<JudgedPod>> isolationPods(
      DriverSettings settings, Generation generation) {
    if (generation.runtimeShape() != Generation.RuntimeShape.ISOLATION_BACKEND) {
      throw new IllegalArgumentException(generation.value() + " has no two-pod shape");
    }
    return SampleSandboxes.minimalIsolation(settings, ClusterFacts.DEFAULT, generation)
        .map(
            rendered ->
                List.of(
                    new JudgedPod(
                        JudgedPod.WORKLOAD, PodSecurityReport.of(rendered.workloadTemplate())),
                    new JudgedPod(
                        JudgedPod.SUPERVISOR, supervisorReport(rendered.supervisorPod()))));
  }

  /** The supervisor pod's report, with its annotations as admission sees them. */
  private static PodSecurityReport supervisorReport(Pod pod) {
    Map<String, String> annotations =
        pod.getMetadata() == null || pod.getMetadata().getAnnotations() == null
            ? Map.of()
            : pod.getMetadata().getAnnotations();
    return PodSecurityReport.of(pod.getSpec(), annotations);
  }
}
