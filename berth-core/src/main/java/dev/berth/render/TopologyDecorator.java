package dev.berth.render;

import dev.berth.plan.SandboxPlan;

/**
 * Arranges the supervisor around the agent: inside it as root ({@link CombinedTopology}) or split
 * into a non-root process supervisor and a network sidecar ({@link SidecarTopology}). Runs after
 * the decorators that put credentials, identity and user mounts on the agent, because the sidecar
 * topology moves the credentials off it.
 */
final class TopologyDecorator implements PodDecorator {

  @Override
  public PodParts apply(PodParts parts, SandboxPlan plan) {
    return switch (plan.settings().supervisor().topology()) {
      case COMBINED -> CombinedTopology.apply(parts, plan);
      case SIDECAR -> SidecarTopology.apply(parts, plan);
    };
  }
}
