package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code berth render} with a two-pod generation pinned: every object the driver renders. */
class RenderTwoPodTest {

  private static final String MINIMAL = Path.of("..", "examples", "minimal.json").toString();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static CliRun run(String generation, String... args) {
    return CliRun.execute(
        BerthCommand.commandLine(Map.of("OPENSHELL_GATEWAY_GENERATION", generation)), args);
  }

  private static List<String> kindsAndNames(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : list.path("items")) {
      out.add(item.path("kind").asString() + "/" + item.path("metadata").path("name").asString());
    }
    return out;
  }

  @Test
  void aPinnedG3RendersTheFencesTheSandboxTheServiceAndTheSupervisor() throws Exception {
    CliRun run = run("g3", "render", "--format", "json", MINIMAL);

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    JsonNode list = JSON.readTree(run.out());
    assertThat(list.path("kind").asString()).isEqualTo("List");
    List<String> objects = kindsAndNames(list);
    assertThat(objects)
        .hasSize(5)
        .startsWith(
            "NetworkPolicy/ryno-sandbox-workloads", "NetworkPolicy/ryno-sandbox-supervisors");
    assertThat(objects.get(2)).startsWith("Sandbox/");
    assertThat(objects.get(3)).startsWith("Service/os-boundary-");
    assertThat(objects.get(4)).startsWith("Pod/os-supervisor-");
    JsonNode supervisor = list.path("items").get(4);
    assertThat(supervisor.path("spec").path("containers").get(0).path("command").get(0).asString())
        .isEqualTo("/ryno-supervisor");
    // The preview's runtime generation names the Secret the supervisor mounts.
    assertThat(supervisor.toString()).contains("-" + TwoPodRender.PREVIEW_GENERATION);
  }

  @Test
  void aPinnedG2RendersTheOpenShellSpelling() throws Exception {
    CliRun run = run("g2", "render", "--format", "json", MINIMAL);

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(kindsAndNames(JSON.readTree(run.out())))
        .contains("NetworkPolicy/openshell-sandbox-workloads");
  }

  @Test
  void theSecurityReportCoversBothPods() {
    CliRun run = run("g3", "render", "--explain-security", MINIMAL);

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("Workload pod (the Sandbox's template):")
        .containsPattern("Supervisor pod os-supervisor-[a-z0-9-]+:");
    assertThat(run.out().split("\nPod level: ", -1)).hasSize(3);
  }

  @Test
  void validateNamesTheTwoPodTopology() {
    CliRun run = run("g3", "validate", MINIMAL);

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("; topology isolation-backend");
  }

  @Test
  void aPinnedG1StillRendersOneSandbox() {
    CliRun run = run("g1", "render", MINIMAL);

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).startsWith("apiVersion: agents.x-k8s.io/").contains("kind: Sandbox");
  }
}
