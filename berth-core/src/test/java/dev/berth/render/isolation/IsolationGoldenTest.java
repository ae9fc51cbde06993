package dev.berth.render.isolation;

import dev.berth.naming.Generation;
import dev.berth.plan.LaunchAuthentication;
import dev.berth.render.Manifests;
import dev.berth.testing.GoldenFiles;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object of the two-pod shape, in G2 and G3 spelling, compared with reviewed golden files:
 * the fences, the suspended Sandbox with the workload pod, the boundary Service, the supervisor pod
 * and the two bootstrap Secrets (filled with stand-in material), then the create and start steps.
 */
class IsolationGoldenTest {

  static List<Arguments> cases() {
    return IsolationScenarios.inBothGenerations();
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("cases")
  void everyObjectMatchesItsGoldenFile(IsolationScenarios.Scenario scenario, Generation gen) {
    RenderedIsolationSandbox rendered = IsolationScenarios.render(scenario.plan().get(), gen);
    LaunchAuthentication auth =
        LaunchAuthentication.parse(
                IsolationScenarios.launchAuthentication(
                    IsolationScenarios.GATEWAY_TOKEN, IsolationScenarios.SANDBOX_TOKEN))
            .orElseThrow();
    BootstrapSecrets secrets =
        rendered.secrets(
            IsolationScenarios.material(
                auth, rendered.plan().settings().isolation().proxyCaBundle().isPresent()));
    StringBuilder yaml = new StringBuilder();
    for (Object object : IsolationRenderer.objects(rendered)) {
      yaml.append("---\n").append(Manifests.yaml(object));
    }
    yaml.append("---\n").append(Manifests.yaml(secrets.sandbox()));
    yaml.append("---\n").append(Manifests.yaml(secrets.supervisor()));
    yaml.append("--- # create steps\n").append(Manifests.yaml(rendered.createSteps()));
    yaml.append("--- # start steps\n").append(Manifests.yaml(rendered.startSteps()));

    GoldenFiles.assertMatches(
        "render/isolation/" + gen.value() + "-" + scenario.name() + ".yaml", yaml.toString());
  }
}
