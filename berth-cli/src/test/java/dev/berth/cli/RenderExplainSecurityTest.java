package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code berth render --explain-security}, run in-process like the validate tests. */
class RenderExplainSecurityTest {

  private static final Path EXAMPLES = Path.of("..", "examples");

  /** The table row of one scope, split into its columns. */
  private static List<String> row(CliRun run, String scope) {
    String line =
        run.lines().stream().filter(l -> l.startsWith(scope + " ")).findFirst().orElseThrow();
    return List.of(line.split("\\s{2,}"));
  }

  private static CliRun run(String... args) {
    return CliRun.execute(BerthCommand.commandLine(Map.of()), args);
  }

  private static String example(String name) {
    return EXAMPLES.resolve(name).toString();
  }

  @Test
  void combinedTopologyShowsThePrivilegedAgentAndTheDenial() {
    CliRun run = run("render", "--explain-security", example("minimal.json"));

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).doesNotContain("apiVersion:");
    assertThat(row(run, "CONTAINER"))
        .containsExactly("CONTAINER", "KIND", "LEVEL", "FAILING CHECKS");
    assertThat(row(run, "pod")).containsExactly("pod", "pod", "restricted", "-");
    assertThat(row(run, "workspace-init"))
        .containsExactly("workspace-init", "init", "restricted", "-");
    assertThat(row(run, "agent").subList(0, 3)).containsExactly("agent", "container", "privileged");
    assertThat(row(run, "agent").get(3))
        .startsWith("capabilities_baseline, allowPrivilegeEscalation");
    assertThat(run.out())
        .contains(
            "  agent: capabilities_baseline (baseline): spec.containers[0].securityContext"
                + ".capabilities.add: adds SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYSLOG;")
        .contains("\nPod level: privileged\n")
        .contains("\nOpenShift restricted-v2: denied\n")
        .contains("  denied: agent: spec.containers[0].securityContext.runAsUser: runs as root");
  }

  @Test
  void columnsAreAligned() {
    CliRun run = run("render", "--explain-security", "--topology=sidecar", example("minimal.json"));

    List<String> table =
        run.lines().stream()
            .dropWhile(l -> !l.startsWith("CONTAINER"))
            .takeWhile(l -> !l.isBlank())
            .toList();
    int level = table.get(0).indexOf("LEVEL");
    int checks = table.get(0).indexOf("FAILING CHECKS");
    assertThat(table).hasSize(6);
    for (String line : table.subList(1, table.size())) {
      assertThat(line.charAt(level - 1)).as(line).isEqualTo(' ');
      assertThat(line.charAt(level)).as(line).isNotEqualTo(' ');
      assertThat(line.charAt(checks)).as(line).isNotEqualTo(' ');
    }
  }

  @Test
  void sidecarAgentInARestrictedRequestMeetsRestricted() {
    CliRun run =
        run(
            "render",
            "--explain-security",
            "--topology=sidecar",
            "--namespace-annotations",
            "openshift.io/sa.scc.uid-range=1000660000/10000,"
                + "openshift.io/sa.scc.supplemental-groups=1000660000/10000",
            example("restricted-namespace.yaml"));

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(row(run, "agent")).containsExactly("agent", "container", "restricted", "-");
    assertThat(row(run, "openshell-network-init").get(2)).isEqualTo("privileged");
    // With the namespace's ranges known, the sandbox UID is not a condition, only the root
    // containers and their capabilities deny the pod.
    assertThat(run.out()).doesNotContain("only if: agent");
    assertThat(run.out()).contains("denied: openshell-supervisor-network:");
  }

  @Test
  void withoutTheFlagTheResourceIsPrinted() {
    CliRun run = run("render", example("minimal.json"));

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith("apiVersion: agents.x-k8s.io/v1beta1")
        .doesNotContain("Pod level:");
  }

  @Test
  void invalidRequestsStillReportViolations() {
    CliRun run = run("render", "--explain-security", example("broken.yaml"));

    assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.out()).doesNotContain("Pod level:");
  }

  @Test
  void helpDescribesTheFlag() {
    assertThat(run("render", "--help").out()).contains("--explain-security");
  }
}
