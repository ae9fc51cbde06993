package dev.berth.cli;

import dev.berth.grpc.convert.RequestFiles;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxPlan;
import dev.berth.request.SandboxRequest;
import dev.berth.settings.DriverSettings;
import dev.berth.validate.Outcome;
import dev.berth.validate.SandboxValidator;
import java.io.IOException;
import java.io.PrintWriter;
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
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Outcome<DriverSettings> settings = SettingsOptions.load(spec, environment);
    if (!settings.isValid()) {
      return Reports.violations(out, err, output, "driver settings", settings.violations());
    }
    Outcome<SandboxRequest> request;
    try {
      request = RequestFiles.read(file);
    } catch (IOException e) {
      err.println("berth: cannot read " + file + ": " + Reports.reason(e));
      return ExitCodes.FAILURE;
    }
    if (!request.isValid()) {
      return Reports.violations(out, err, output, file.toString(), request.violations());
    }
    ClusterFacts facts = new ClusterFacts(ClusterFacts.DEFAULT.apiVersion(), namespaceAnnotations);
    Outcome<SandboxPlan> plan =
        SandboxValidator.validate(request.orElseThrow(), settings.orElseThrow(), facts);
    if (!plan.isValid()) {
      return Reports.violations(out, err, output, file.toString(), plan.violations());
    }
    Reports.valid(out, output, file.toString(), plan.orElseThrow());
    return ExitCodes.OK;
  }
}
