package dev.berth.render;

import dev.berth.testing.GoldenFiles;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole rendered Sandbox resources, compared with reviewed golden YAML files. */
class RenderGoldenTest {

  static List<RenderScenarios.Scenario> scenarios() {
    return RenderScenarios.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void renderedSandboxMatchesGoldenFile(RenderScenarios.Scenario scenario) {
    RenderedSandbox rendered = SandboxRenderer.render(scenario.plan().get().build());

    GoldenFiles.assertMatches(
        "render/" + scenario.name() + ".yaml", Manifests.yaml(rendered.sandbox()));
  }
}
