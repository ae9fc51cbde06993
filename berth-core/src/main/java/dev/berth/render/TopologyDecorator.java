package dev.berth.render;

import dev.berth.plan.SandboxPlan;

/**
 * Arranges the supervisor around the agent: inside it as root ({@link CombinedTopology}) or split
 * into a non-root process supervisor and a network sidecar ({@link SidecarTopology}), or, for G2
 * and G3 gateways, away from the pod altogether ({@link IsolationWorkload}). The agent's security
 * context is {@link AgentSecurityDecorator}'s; which container holds the gateway credentials is the
 * {@link Layout}'s.
 */
final class TopologyDecorator implements PodDecorator {

  @Override
  public PodContribution contribute(SandboxPlan plan) {
    PodContribution.Builder out = PodContribution.of(Concern.TOPOLOGY);
    switch (plan.settings().supervisor().topology()) {
      case COMBINED -> CombinedTopology.add(out, plan);
      case SIDECAR -> SidecarTopology.add(out, plan);
      case ISOLATION_BACKEND -> IsolationWorkload.add(out, plan);
    }
    return out.build();
  }
}
