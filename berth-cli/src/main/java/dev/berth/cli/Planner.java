package dev.berth.cli;

import dev.berth.grpc.convert.RequestFiles;
import dev.berth.naming.Generation;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.RuntimePlan;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.SandboxRenderer;
import dev.berth.request.SandboxRequest;
import dev.berth.result.Result;
import dev.berth.settings.DriverSettings;
import dev.berth.validate.ObjectBudget;
import dev.berth.validate.SandboxValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The steps {@code validate} and {@code render} share: settings from flags and environment, the
 * request file, the validator. Problems are printed here, once.
 */
final class Planner {

  private Planner() {}

  /**
   * A plan, or the exit code to return when there is none.
   *
   * @param plan the plan when every step succeeded, for the pinned generation (else G1): its {@link
   *     SandboxPlan#runtime()} names it
   * @param exitCode the code to exit with when {@code plan} is empty
   */
  record Planned(Optional<SandboxPlan> plan, int exitCode) {}

  static Planned plan(
      CommandSpec spec,
      Map<String, String> environment,
      Path file,
      ClusterFacts facts,
      OutputFormat format) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Result<DriverSettings> settings = SettingsOptions.load(spec, environment);
    if (!settings.isValid()) {
      return failed(Reports.violations(out, err, format, "driver settings", settings.violations()));
    }
    Result<SandboxRequest> request;
    try {
      request = RequestFiles.read(file);
    } catch (IOException e) {
      return failed(Reports.unreadable(err, file, e));
    }
    if (!request.isValid()) {
      return failed(Reports.violations(out, err, format, file.toString(), request.violations()));
    }
    // A pinned generation's rules (G3 reserves RYNO_ names); unpinned, G1's, as the driver applies
    // until a gateway says which generation it is.
    DriverSettings loaded = settings.orElseThrow();
    Generation generation = loaded.contract().pinnedGeneration().orElse(Generation.G1);
    Result<SandboxPlan> plan =
        SandboxValidator.validate(request.orElseThrow(), loaded, facts, generation);
    if (!plan.isValid()) {
      return failed(Reports.violations(out, err, format, file.toString(), plan.violations()));
    }
    // A two-pod generation's plan, as the driver would make it for a call of that generation.
    SandboxPlan planned =
        generation.runtimeShape() == Generation.RuntimeShape.ISOLATION_BACKEND
            ? plan.orElseThrow()
                .forRuntime(new RuntimePlan(generation, TwoPodRender.PREVIEW_GENERATION))
            : plan.orElseThrow();
    Result<RenderedSandbox> budget = ObjectBudget.check(SandboxRenderer.render(planned));
    if (!budget.isValid()) {
      return failed(Reports.violations(out, err, format, file.toString(), budget.violations()));
    }
    return new Planned(Optional.of(planned), ExitCodes.OK);
  }

  private static Planned failed(int exitCode) {
    return new Planned(Optional.empty(), exitCode);
  }
}
