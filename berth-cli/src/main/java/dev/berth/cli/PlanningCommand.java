package dev.berth.cli;

import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxApiVersion;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What commands that plan a sandbox from a request file share: the file and the cluster facts. */
abstract class PlanningCommand implements Callable<Integer>, SettingsAware {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "Request file (.json, .yaml, .yml).")
  Path file;

  @Option(
      names = "--namespace-annotations",
      paramLabel = "k=v,...",
      split = ",",
      description =
          "Annotations of the target namespace, as the cluster would report them (for example"
              + " openshift.io/sa.scc.uid-range=1000660000/10000 picks the sandbox UID).")
  Map<String, String> namespaceAnnotations = Map.of();

  private Map<String, String> environment = Map.of();

  @Override
  public void environment(Map<String, String> environment) {
    this.environment = environment;
  }

  /** Settings, request file and validation; problems are already printed when empty. */
  Planner.Planned plan(SandboxApiVersion version, OutputFormat problems) {
    return Planner.plan(
        spec, environment, file, new ClusterFacts(version, namespaceAnnotations), problems);
  }
}
