package dev.berth.cli;

import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.render.Manifests;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.SandboxRenderer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth render FILE}: prints the Sandbox resource the driver would create. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Validate a sandbox request file, then print the agents.x-k8s.io Sandbox resource the"
          + " driver would create for it, without contacting a cluster.",
      "Exit 0 with the resource, 2 with every violation when the request is invalid."
    })
final class RenderCommand implements Callable<Integer>, SettingsAware {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "Request file (.json, .yaml, .yml).")
  Path file;

  @Option(
      names = "--format",
      paramLabel = "yaml|json",
      defaultValue = "yaml",
      description = "Output format of the resource: yaml (default) or json.")
  OutputFormat format;

  @Option(
      names = "--api-version",
      paramLabel = "v1beta1|v1alpha1",
      defaultValue = "v1beta1",
      description = "agents.x-k8s.io version to render, as the cluster serves it.")
  String apiVersion;

  @Option(
      names = "--namespace-annotations",
      paramLabel = "k=v,...",
      split = ",",
      description =
          "Annotations of the target namespace (for example"
              + " openshift.io/sa.scc.uid-range=1000660000/10000 picks the sandbox UID).")
  Map<String, String> namespaceAnnotations = Map.of();

  private Map<String, String> environment = Map.of();

  @Override
  public void environment(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SandboxApiVersion version;
    try {
      version = SandboxApiVersion.valueOf(apiVersion.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      spec.commandLine()
          .getErr()
          .println("berth: --api-version is '" + apiVersion + "'; use 'v1beta1' or 'v1alpha1'.");
      return ExitCodes.INVALID;
    }
    OutputFormat problems = format == OutputFormat.json ? OutputFormat.json : OutputFormat.text;
    Planner.Result result =
        Planner.plan(
            spec, environment, file, new ClusterFacts(version, namespaceAnnotations), problems);
    if (result.plan().isEmpty()) {
      return result.exitCode();
    }
    RenderedSandbox rendered = SandboxRenderer.render(result.plan().get());
    out.print(
        format == OutputFormat.json
            ? Manifests.json(rendered.sandbox()) + System.lineSeparator()
            : Manifests.yaml(rendered.sandbox()));
    out.flush();
    return ExitCodes.OK;
  }
}
