package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command around the post-renderer: exit codes, and nothing on stdout unless all is well. */
class HelmPostRenderCommandTest {

  @TempDir Path tmp;

  private static CliRun run(String stream, String... args) {
    CommandLine cli = BerthCommand.commandLine(Map.of());
    ((HelmPostRenderCommand) cli.getSubcommands().get("helm-post-render").getCommand())
        .input(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
    String[] all = new String[args.length + 1];
    all[0] = "helm-post-render";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.execute(cli, all);
  }

  @Test
  void aStreamWithoutAGatewayExitsTwoWithNothingOnStdout() {
    CliRun run = run("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");

    assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains("berth helm-post-render: stream: found no StatefulSet or Deployment")
        .contains("1 problem; nothing was written");
  }

  @Test
  void anUnreadableValuesFileExitsOneNamingIt() {
    Path missing = tmp.resolve("missing.yaml");
    CliRun run = run("", "--values", missing.toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("cannot read values file " + missing);
  }

  @Test
  void aValuesFileThatIsNotAMapIsOneProblem() throws Exception {
    Path values = Files.writeString(tmp.resolve("v.yaml"), "- a\n- b\n");
    CliRun run = run("kind: List\nitems: []\n", "--values", values.toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).contains("the values file must be a map of keys to values");
  }
}
