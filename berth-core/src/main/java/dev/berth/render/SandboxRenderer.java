package dev.berth.render;

import dev.berth.plan.SandboxPlan;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;

/**
 * Renders a plan into the Sandbox resource by running the decorators in a fixed order over an empty
 * pod. Pure and total: a valid plan always renders.
 */
public final class SandboxRenderer {

  /**
   * The order matters: the topology rearranges what earlier decorators put on the agent, the
   * workspace mount must precede user mounts nested under it, security overrides merge over the
   * topology's settings, and hardening runs last so it sees every init container.
   */
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
          new SecurityOverridesDecorator(),
          new InitContainerHardeningDecorator());

  private SandboxRenderer() {}

  public static RenderedSandbox render(SandboxPlan plan) {
    PodParts parts = empty();
    for (PodDecorator decorator : DECORATORS) {
      parts = decorator.apply(parts, plan);
    }
    var template = parts.toTemplate();
    return new RenderedSandbox(
        SandboxResources.sandbox(plan, template, parts.claimTemplates()), template);
  }

  /** The starting point every decorator chain begins from. */
  static PodParts empty() {
    return new PodParts(
        new ObjectMeta(),
        new PodSpec(),
        new Container(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }
}
