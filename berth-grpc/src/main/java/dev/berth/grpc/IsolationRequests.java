package dev.berth.grpc;

import static dev.berth.naming.ManagedNames.ANNOTATION_CALLER_DRIVER_CONFIG_USED;

import com.google.protobuf.ByteString;
import dev.berth.driver.DriverException;
import dev.berth.driver.RuntimeGenerations;
import dev.berth.naming.Generation;
import dev.berth.plan.LaunchAuthentication;
import dev.berth.plan.RuntimePlan;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.isolation.IsolationRenderer;
import dev.berth.render.isolation.RenderedIsolationSandbox;
import dev.berth.result.Violation;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The two-pod parts of CreateSandbox and StartSandbox for G2 and later gateways: the launch
 * authentication read (never quoted: it carries bearer tokens) and the first runtime generation
 * rendered.
 */
final class IsolationRequests {

  private IsolationRequests() {}

  /** True when a gateway of {@code generation} needs the two-pod shape. */
  static boolean twoPod(Generation generation) {
    return generation.runtimeShape() == Generation.RuntimeShape.ISOLATION_BACKEND;
  }

  /**
   * The launch authentication a two-pod sandbox's supervisor needs; FAILED_PRECONDITION naming what
   * is wrong with it, as upstream's driver answers a missing or undecodable one.
   */
  static LaunchAuthentication launch(ByteString bytes) throws DriverException {
    if (bytes.isEmpty()) {
      throw new DriverException(
          DriverException.Kind.FAILED_PRECONDITION,
          LaunchAuthentication.FIELD
              + " is empty; a two-pod sandbox's supervisor cannot reach the gateway without it");
    }
    var parsed = LaunchAuthentication.parse(bytes.toByteArray());
    if (!parsed.isValid()) {
      throw new DriverException(
          DriverException.Kind.FAILED_PRECONDITION,
          String.join(" ", parsed.violations().stream().map(Violation::message).toList()));
    }
    return parsed.orElseThrow();
  }

  /** The optional launch authentication of a Start; empty bytes are no launch authentication. */
  static Optional<LaunchAuthentication> startLaunch(ByteString bytes) throws DriverException {
    return bytes.isEmpty() ? Optional.empty() : Optional.of(launch(bytes));
  }

  /**
   * {@code plan} rendered for its first runtime generation: the one the gateway minted the launch
   * authentication for (a retried create repeats it and so finds its first attempt's objects), or a
   * fresh one when the bundle names none.
   */
  static RenderedIsolationSandbox render(
      SandboxPlan plan,
      Generation generation,
      LaunchAuthentication launch,
      boolean callerDriverConfigUsed,
      RandomGenerator random)
      throws DriverException {
    String runtimeGeneration =
        launch.runtimeGeneration().orElseGet(() -> RuntimeGenerations.fresh(random));
    Optional<String> problem = RuntimeGenerations.problem(runtimeGeneration);
    if (problem.isPresent()) {
      throw DriverException.invalid(
          List.of(new Violation(LaunchAuthentication.FIELD, problem.get())));
    }
    RenderedIsolationSandbox rendered =
        IsolationRenderer.render(plan, new RuntimePlan(generation, runtimeGeneration));
    // The render's own object; Start re-checks admission against what Create used.
    rendered
        .sandbox()
        .getMetadata()
        .getAnnotations()
        .put(ANNOTATION_CALLER_DRIVER_CONFIG_USED, Boolean.toString(callerDriverConfigUsed));
    return rendered;
  }
}
