package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ValidateCommandTest {

  private static final Path EXAMPLES = Path.of("..", "examples");

  private static CliRun run(Map<String, String> env, String... args) {
    return CliRun.execute(BerthCommand.commandLine(env), args);
  }

  static Stream<Path> validExamples() throws Exception {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files
          .filter(p -> !p.getFileName().toString().startsWith("broken"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("validExamples")
  void everyShippedExampleIsValidWithDefaultSettings(Path example) {
    CliRun run = run(Map.of(), "validate", example.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.lines()).hasSize(1);
    assertThat(run.lines().get(0)).startsWith("valid: " + example);
  }

  @Test
  void brokenExampleReportsEveryProblemOnePerLineWithExitTwo() {
    CliRun run = run(Map.of(), "validate", EXAMPLES.resolve("broken.yaml").toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.lines()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(run.lines()).allMatch(line -> line.matches("[a-z_.\\[\\]0-9A-Z]+: .+"));
    assertThat(run.lines())
        .contains(
            "name: 'Broken_Name' is not a valid sandbox name: use at most 63 lowercase letters,"
                + " digits or '-', starting and ending with a letter or digit (for example"
                + " 'my-agent').",
            "driver_config.kubernetes.pod.nodeSelector: is not a known field; did you mean"
                + " 'node_selector'?");
    assertThat(run.err()).contains(run.lines().size() + " violations");
  }

  @Test
  void jsonOutputIsMachineReadable() throws Exception {
    CliRun run =
        run(Map.of(), "validate", "--output", "json", EXAMPLES.resolve("broken.yaml").toString());

    JsonNode root = JsonMapper.builder().build().readTree(run.out());
    assertThat(root.get("valid").asBoolean()).isFalse();
    assertThat(root.get("violations").size()).isGreaterThanOrEqualTo(10);
    assertThat(root.get("violations").get(0).get("field").asString()).isNotEmpty();
  }

  @Test
  void validJsonOutputDescribesThePlan() throws Exception {
    CliRun run =
        run(
            Map.of(),
            "validate",
            "--output=json",
            EXAMPLES.resolve("pvc-subpaths.yaml").toString());

    JsonNode sandbox = JsonMapper.builder().build().readTree(run.out()).get("sandbox");
    assertThat(run.exit()).isZero();
    assertThat(sandbox.get("resourceName").asString()).isEqualTo("team-a--research-agent");
    assertThat(sandbox.get("mounts").asInt()).isEqualTo(3);
  }

  @Test
  void flagsOverrideTheEnvironment() {
    String file = EXAMPLES.resolve("minimal.json").toString();

    CliRun fromEnv = run(Map.of("OPENSHELL_K8S_TOPOLOGY", "sidecar"), "validate", file);
    CliRun flagWins =
        run(
            Map.of("OPENSHELL_K8S_TOPOLOGY", "sidecar"),
            "validate",
            "--topology",
            "combined",
            file);

    assertThat(fromEnv.out()).contains("topology sidecar");
    assertThat(flagWins.out()).contains("topology combined");
  }

  @Test
  void badSettingsAreReportedWithTheirNamesAndExitTwo() {
    CliRun run =
        run(
            Map.of("OPENSHELL_K8S_TOPOLOGY", "side-car"),
            "validate",
            "--sidecar-proxy-uid",
            "5",
            EXAMPLES.resolve("minimal.json").toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.lines())
        .containsExactly(
            "OPENSHELL_K8S_SIDECAR_PROXY_UID: --sidecar-proxy-uid (OPENSHELL_K8S_SIDECAR_PROXY_UID)"
                + " is '5'; use a whole number from 1000 to 4294967294.",
            "OPENSHELL_K8S_TOPOLOGY: --topology (OPENSHELL_K8S_TOPOLOGY) is 'side-car'; use"
                + " 'combined' or 'sidecar'.");
  }

  @Test
  void booleanSettingsWorkAsBareSwitches() {
    CliRun run =
        run(
            Map.of(),
            "validate",
            "--enable-user-namespaces",
            EXAMPLES.resolve("minimal.json").toString());

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
  }

  @Test
  void namespaceAnnotationsDriveTheSandboxUser() {
    CliRun run =
        run(
            Map.of(),
            "validate",
            "--topology=sidecar",
            "--namespace-annotations",
            "openshift.io/sa.scc.uid-range=1000660000/10000",
            EXAMPLES.resolve("restricted-namespace.yaml").toString());

    assertThat(run.exit()).as(run.out()).isZero();
  }

  @Test
  void unreadableFileExitsOne(@TempDir Path dir) {
    CliRun run = run(Map.of(), "validate", dir.resolve("missing.yaml").toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).contains("cannot read").contains("no such file");
  }

  @Test
  void aPinnedG3JudgesTheEnvironmentByItsOwnReservedPrefix(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ryno-env.yaml");
    Files.writeString(
        file,
        "id: sb-1\nname: demo\nworkspace: team-a\nspec:\n  environment:\n    RYNO_TOKEN: x\n");

    CliRun unpinned = run(Map.of(), "validate", file.toString());
    CliRun g3 = run(Map.of("OPENSHELL_GATEWAY_GENERATION", "g3"), "validate", file.toString());

    assertThat(unpinned.exit()).as(unpinned.out() + unpinned.err()).isZero();
    assertThat(g3.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(g3.lines()).singleElement().asString().startsWith("spec.environment['RYNO_TOKEN']");
  }

  @Test
  void malformedYamlIsAViolationNotACrash(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "id: [unclosed\nname: x\n");

    CliRun run = run(Map.of(), "validate", file.toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.lines()).singleElement().asString().startsWith("request: is not valid YAML");
  }

  @Test
  void helpAndVersionWork() {
    assertThat(run(Map.of(), "--version").out()).startsWith("berth ");
    CliRun help = run(Map.of(), "validate", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out())
        .contains("--topology=<combined|sidecar>")
        .contains("OPENSHELL_K8S_TOPOLOGY");
  }
}
