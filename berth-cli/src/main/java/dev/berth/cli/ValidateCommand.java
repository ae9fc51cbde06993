package dev.berth.cli;

import dev.berth.plan.ClusterFacts;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth validate FILE}: checks a sandbox request without touching a cluster. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check a sandbox request file (a DriverSandbox message as JSON or YAML) the way the driver"
          + " would, without contacting a cluster.",
      "Exit 0 when valid, 2 with every violation (one per line) when not, 1 when the file cannot"
          + " be read."
    })
final class ValidateCommand implements Callable<Integer>, SettingsAware {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "Request file (.json, .yaml, .yml).")
  Path file;

  @Option(
      names = "--output",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Output format: text (default) or json for machines.")
  OutputFormat output;

  @Option(
      names = "--namespace-annotations",
      paramLabel = "k=v,...",
      split = ",",
      description =
          "Annotations of the target namespace, as the cluster would report them (for example"
              + " openshift.io/sa.scc.uid-range=1000660000/10000).")
  Map<String, String> namespaceAnnotations = Map.of();

  private Map<String, String> environment = Map.of();

  @Override
  public void environment(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    ClusterFacts facts = new ClusterFacts(ClusterFacts.DEFAULT.apiVersion(), namespaceAnnotations);
    Planner.Result result = Planner.plan(spec, environment, file, facts, output);
    result
        .plan()
        .ifPresent(
            plan -> Reports.valid(spec.commandLine().getOut(), output, file.toString(), plan));
    return result.exitCode();
  }
}
