package dev.berth.security;

import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxPlan;
import dev.berth.result.Result;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.Topology;

/**
 * The Pod Security verdict of the pods a configured driver renders, for checks that compare it with
 * a namespace's {@code pod-security.kubernetes.io/enforce} level ({@code berth doctor}). The
 * minimal sandbox stands for all of them: a request's own volumes and overrides can only keep the
 * level or tighten it, never loosen it.
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
}
