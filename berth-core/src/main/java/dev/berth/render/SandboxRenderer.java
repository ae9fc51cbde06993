package dev.berth.render;

import dev.berth.plan.SandboxPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a plan into the Sandbox resource: every decorator adds its concern's part of the pod,
 * {@link PodAssembly} puts the parts together, and the pod is wrapped in the Sandbox resource. Pure
 * and total: a valid plan always renders, the plan is never modified, and the decorators may run in
 * any order.
 */
public final class SandboxRenderer {

  static final List<PodDecorator> DECORATORS =
      List.of(
          new AgentContainerDecorator(),
          new EnvironmentDecorator(),
          new GatewayCredentialsDecorator(),
          new SchedulingDecorator(),
          new ResourcesDecorator(),
          new UserVolumesDecorator(),
          new TopologyDecorator(),
          new SupervisorSideloadDecorator(),
          new WorkspaceDecorator(),
          new PodSecurityDecorator(),
          new AgentSecurityDecorator());

  private SandboxRenderer() {}

  public static RenderedSandbox render(SandboxPlan plan) {
    return render(plan, DECORATORS);
  }

  /**
   * The main-process description the supervisor reads from {@code OPENSHELL_MAIN_PROCESS_SPEC}: the
   * same text the single-pod agent gets, for the isolation backend's supervisor pod.
   */
  public static String mainProcessSpec(SandboxPlan plan) {
    return EnvironmentDecorator.mainProcessSpec(plan.agent());
  }

  /** The lifetime of a projected gateway token, clamped as upstream clamps it. */
  public static long tokenTtl(long configured) {
    return GatewayCredentialsDecorator.ttl(configured);
  }

  /** Renders with the given decorators, in the given order (tests shuffle it). */
  static RenderedSandbox render(SandboxPlan plan, List<PodDecorator> decorators) {
    List<PodContribution> contributions = new ArrayList<>(decorators.size());
    for (PodDecorator decorator : decorators) {
      contributions.add(decorator.contribute(plan));
    }
    PodAssembly pod = PodAssembly.of(contributions);
    return new RenderedSandbox(
        SandboxResources.sandbox(plan, pod.template(), pod.claimTemplates()), pod.template());
  }
}
