package dev.berth.grpc;

import dev.berth.driver.DriverException;
import dev.berth.driver.RuntimeGenerations;
import dev.berth.driver.RuntimeIdentity;
import dev.berth.driver.RuntimeStart;
import dev.berth.grpc.proto.StartSandboxRequest;
import dev.berth.naming.Generation;
import dev.berth.result.Violation;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** A StartSandboxRequest as the {@link RuntimeStart} the backend carries out. */
final class StartRequests {

  private StartRequests() {}

  /**
   * How this start treats the runtime generation: G1 keeps it; later generations start the one the
   * gateway names (or a fresh one), after checking the identity the gateway holds. The launch
   * material (field 3) is read by {@link IsolationRequests#startLaunch} for the new supervisor and
   * is never logged.
   */
  static RuntimeStart runtimeStart(
      StartSandboxRequest request,
      Generation generation,
      RuntimeStart.Guard guard,
      RandomGenerator random)
      throws DriverException {
    if (!generation.negotiates()) {
      return new RuntimeStart.Keep(guard);
    }
    Optional<String> requested = Optional.of(request.getGenerationId()).filter(s -> !s.isEmpty());
    if (requested.isPresent()) {
      Optional<String> problem = RuntimeGenerations.problem(requested.get());
      if (problem.isPresent()) {
        throw DriverException.invalid(List.of(new Violation("generation_id", problem.get())));
      }
    }
    Optional<RuntimeIdentity> expected = Optional.empty();
    String given = request.getExpectedRuntimeIdentity();
    if (!given.isEmpty()) {
      expected = RuntimeIdentity.parse(given);
      if (expected.isEmpty()) {
        throw new DriverException(
            DriverException.Kind.FAILED_PRECONDITION,
            "expected_runtime_identity is not an identity this driver returned (they have the form "
                + RuntimeIdentity.SCHEME
                + "namespace/sandbox-uid/generation); the sandbox was created by another driver,"
                + " so create it again");
      }
    }
    return new RuntimeStart.Rotate(requested, RuntimeGenerations.fresh(random), expected, guard);
  }
}
