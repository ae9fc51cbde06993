package dev.berth.cli;

import dev.berth.plan.ClusterFacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
final class ValidateCommand extends PlanningCommand {

  @Option(
      names = "--output",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Output format: text (default) or json for machines.")
  OutputFormat output;

  @Override
  public Integer call() {
    Planner.Planned result = plan(ClusterFacts.DEFAULT.apiVersion(), output);
    result
        .plan()
        .ifPresent(
            plan -> Reports.valid(spec.commandLine().getOut(), output, file.toString(), plan));
    return result.exitCode();
  }
}
