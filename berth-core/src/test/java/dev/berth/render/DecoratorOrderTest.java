package dev.berth.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.SandboxPlan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decorators only add, so the order they run in cannot matter: every golden scenario renders to the
 * same bytes with the decorator list reversed and shuffled (seeded, so a failure replays).
 */
class DecoratorOrderTest {

  private static final int SHUFFLES = 12;

  static List<RenderScenarios.Scenario> scenarios() {
    return RenderScenarios.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void anyDecoratorOrderRendersTheSameSandbox(RenderScenarios.Scenario scenario) {
    SandboxPlan plan = scenario.plan().get().build();
    String expected = Manifests.yaml(SandboxRenderer.render(plan).sandbox());

    List<List<PodDecorator>> orders = new ArrayList<>();
    List<PodDecorator> reversed = new ArrayList<>(SandboxRenderer.DECORATORS);
    Collections.reverse(reversed);
    orders.add(reversed);
    Random random = new Random(scenario.name().hashCode());
    for (int i = 0; i < SHUFFLES; i++) {
      List<PodDecorator> shuffled = new ArrayList<>(SandboxRenderer.DECORATORS);
      Collections.shuffle(shuffled, random);
      orders.add(shuffled);
    }
    for (List<PodDecorator> order : orders) {
      assertThat(order).isNotEqualTo(SandboxRenderer.DECORATORS);
      assertThat(Manifests.yaml(SandboxRenderer.render(plan, order).sandbox()))
          .as("order %s", order.stream().map(d -> d.getClass().getSimpleName()).toList())
          .isEqualTo(expected);
    }
  }
}
