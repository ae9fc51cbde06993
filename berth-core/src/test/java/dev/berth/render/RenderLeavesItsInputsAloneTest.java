package dev.berth.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.SandboxPlan;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rendering reads the plan and never writes to it: a plan rendered twice still equals a twin built
 * from the same input and never rendered, and renders to the same bytes the second time. Plans are
 * compared structurally (records, lists and fabric8 values all define equals), so a decorator that
 * appended to a list or set a field on an object it took from the plan would break the equality.
 */
class RenderLeavesItsInputsAloneTest {

  static List<RenderScenarios.Scenario> scenarios() {
    return RenderScenarios.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void renderingTwiceLeavesThePlanAsBuilt(RenderScenarios.Scenario scenario) {
    SandboxPlan rendered = scenario.plan().get().build();
    SandboxPlan untouched = scenario.plan().get().build();
    assertThat(rendered).isNotSameAs(untouched).isEqualTo(untouched);

    String first = Manifests.yaml(SandboxRenderer.render(rendered).sandbox());
    String second = Manifests.yaml(SandboxRenderer.render(rendered).sandbox());

    assertThat(rendered).isEqualTo(untouched);
    assertThat(second).isEqualTo(first);
  }
}
