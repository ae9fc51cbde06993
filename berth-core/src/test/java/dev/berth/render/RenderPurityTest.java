package dev.berth.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.SandboxPlan;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rendering never changes its input and shares nothing mutable between renders: the plan is equal
 * to itself before and after, and rendering it twice gives equal but separate objects, so editing
 * one rendered pod cannot leak into the next.
 */
class RenderPurityTest {

  static List<RenderScenarios.Scenario> scenarios() {
    return RenderScenarios.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void renderingLeavesThePlanAsItWas(RenderScenarios.Scenario scenario) {
    SandboxPlan plan = scenario.plan().get().build();
    SandboxPlan copy = scenario.plan().get().build();
    assertThat(plan).isEqualTo(copy);

    RenderedSandbox first = SandboxRenderer.render(plan);
    assertThat(plan).isEqualTo(copy);

    RenderedSandbox second = SandboxRenderer.render(plan);
    assertThat(Manifests.yaml(second.sandbox())).isEqualTo(Manifests.yaml(first.sandbox()));
    first.podTemplate().getSpec().getContainers().get(0).getEnv().clear();
    first.podTemplate().getSpec().getVolumes().clear();
    assertThat(second.podTemplate().getSpec().getContainers().get(0).getEnv()).isNotEmpty();
    assertThat(second.podTemplate().getSpec().getVolumes()).isNotEmpty();
    assertThat(plan).isEqualTo(copy);
  }
}
