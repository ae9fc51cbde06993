package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the packaged {@code berth.jar} as a separate process, as users and scripts do. */
class CliProcessIT {

  private static final Path JAR = Path.of("target", "berth.jar");

  private record Result(int exit, String out, String err) {}

  private static Result berth(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out, err);
  }

  @Test
  void validRequestExitsZeroWithOneSummaryLine() throws Exception {
    Result r = berth("validate", "../examples/pvc-subpaths.yaml");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().strip().lines()).singleElement().asString().startsWith("valid: ");
  }

  @Test
  void brokenRequestExitsTwoWithEveryViolation() throws Exception {
    Result r = berth("validate", "../examples/broken.yaml");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out().strip().lines().count()).isGreaterThanOrEqualTo(10);
    assertThat(r.err()).contains("violations");
  }

  @Test
  void versionNamesTheBuild() throws Exception {
    Result r = berth("--version");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("berth 0.").doesNotContain("development");
  }
}
