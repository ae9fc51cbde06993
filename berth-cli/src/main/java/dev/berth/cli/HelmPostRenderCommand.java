package dev.berth.cli;

import dev.berth.install.PostRenderer;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code berth helm-post-render}: the Helm post-renderer that adds Berth to the OpenShell chart.
 */
@Command(
    name = "helm-post-render",
    mixinStandardHelpOptions = true,
    description = {
      "Read the manifests Helm rendered for the OpenShell chart on stdin and write them to stdout"
          + " with Berth added to the gateway pod, the gateway wired to it, the RBAC Berth needs"
          + " beyond the chart's, and with --values openshift: true an SCC for the sandboxes.",
      "Exit 2 and nothing on stdout when the stream or the values file has a problem; every"
          + " problem is printed on stderr. Run through the Helm plugin: helm ... --post-renderer"
          + " berth --post-renderer-args=--values=FILE."
    })
final class HelmPostRenderCommand implements Callable<Integer>, EnvironmentAware {

  /** Set by Helm for plugins: the release's namespace. */
  static final String HELM_NAMESPACE = "HELM_NAMESPACE";

  @Spec CommandSpec spec;

  @Option(
      names = "--values",
      paramLabel = "FILE",
      description =
          "YAML map of driver settings by their keys (docs/configuration.md) and install keys"
              + " (docs/install.md). Without it: Berth's defaults and the gateway's own config.")
  Optional<Path> values = Optional.empty();

  private Map<String, String> environment = Map.of();
  private InputStream input = System.in;

  @Override
  public void environment(Map<String, String> environment) {
    this.environment = environment;
  }

  /** Where the stream is read from; tests hand in their own. */
  void input(InputStream input) {
    this.input = input;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String stream;
    Optional<String> valuesText = Optional.empty();
    String reading = "the rendered manifests on stdin";
    try {
      stream = new String(input.readAllBytes(), StandardCharsets.UTF_8);
      if (values.isPresent()) {
        reading = source();
        valuesText = Optional.of(Files.readString(values.get(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      err.println("berth helm-post-render: cannot read " + reading + ": " + e.getMessage());
      err.flush();
      return ExitCodes.FAILURE;
    }
    Result<PostRenderer.Rendered> result =
        PostRenderer.render(
            new PostRenderer.Input(
                stream,
                valuesText,
                source(),
                BerthVersion.version(),
                Optional.ofNullable(environment.get(HELM_NAMESPACE))));
    if (!result.isValid()) {
      for (Violation v : result.violations()) {
        err.println("berth helm-post-render: " + v);
      }
      err.println(
          "berth helm-post-render: "
              + result.violations().size()
              + (result.violations().size() == 1 ? " problem" : " problems")
              + "; nothing was written, so Helm applies nothing");
      err.flush();
      return ExitCodes.INVALID;
    }
    PostRenderer.Rendered rendered = result.orElseThrow();
    for (String notice : rendered.notices()) {
      err.println("berth helm-post-render: " + notice);
    }
    err.flush();
    out.print(rendered.stream());
    out.flush();
    return ExitCodes.OK;
  }

  private String source() {
    return values.map(v -> "values file " + v).orElse("values file");
  }
}
