package dev.berth.driver;

import java.util.Optional;

/**
 * How a StartSandbox treats the sandbox's runtime generation, and what must hold before it starts.
 * A G1 gateway {@link Keep keeps} it (it has no identities); later gateways {@link Rotate rotate}
 * it. {@link #decide} is the whole rule; the backend reads the sandbox, asks it, and applies the
 * answer.
 */
public sealed interface RuntimeStart {

  /** Checks run on the stored sandbox before anything changes: admission, as at Create. */
  @FunctionalInterface
  interface Guard {
    void check(StoredSandbox sandbox) throws DriverException;
  }

  Guard guard();

  /** Start without touching the generation: G1's Start, unchanged. */
  record Keep(Guard guard) implements RuntimeStart {}

  /**
   * Start a new runtime generation, as G2 and later gateways expect.
   *
   * @param requested the gateway's {@code generation_id}; every retry of one start repeats it
   * @param fresh the generation to use when the gateway names none
   * @param expected the identity the gateway holds for this sandbox; its namespace and UID must
   *     match
   */
  record Rotate(
      Optional<String> requested, String fresh, Optional<RuntimeIdentity> expected, Guard guard)
      implements RuntimeStart {}

  /**
   * What the backend must do.
   *
   * @param generation the runtime generation the sandbox has after the start
   * @param record true when that generation must be written to the Sandbox and its pod template
   * @param patch true when the Sandbox must be patched to running (with {@code record}, in the same
   *     patch)
   */
  record Decision(String generation, boolean record, boolean patch) {}

  /**
   * Decides the start of {@code sandbox}: checks the expected identity and the guard, then
   *
   * <ul>
   *   <li>the generation the gateway names is the current one: a retry of the same start, which
   *       returns the same identity (and makes sure the sandbox runs);
   *   <li>the sandbox still runs: a running pod cannot take a new generation, so a new {@code
   *       generation_id} is refused (stop it first, as upstream says), and a start that names none
   *       returns the current identity;
   *   <li>otherwise the named (or a fresh) generation is recorded and the sandbox set running.
   * </ul>
   */
  static Decision decide(StoredSandbox sandbox, RuntimeStart start) throws DriverException {
    if (start instanceof Rotate rotate && rotate.expected().isPresent()) {
      RuntimeIdentity expected = rotate.expected().get();
      if (!expected.sameSandbox(sandbox.identity(sandbox.runtimeGeneration()))) {
        throw new DriverException(
            DriverException.Kind.FAILED_PRECONDITION,
            "expected_runtime_identity names Sandbox "
                + expected.sandboxUid()
                + " in namespace "
                + expected.namespace()
                + ", but sandbox "
                + sandbox.id()
                + " is Sandbox "
                + sandbox.uid()
                + " in namespace "
                + sandbox.namespace()
                + "; it was deleted and recreated since, so create it again through the gateway");
      }
    }
    start.guard().check(sandbox);
    String current = sandbox.runtimeGeneration();
    if (!(start instanceof Rotate rotate)) {
      return new Decision(current, false, true);
    }
    if (rotate.requested().filter(current::equals).isPresent()) {
      return new Decision(current, false, !sandbox.running());
    }
    if (sandbox.running()) {
      if (rotate.requested().isPresent()) {
        throw new DriverException(
            DriverException.Kind.FAILED_PRECONDITION,
            "sandbox "
                + sandbox.id()
                + " is running runtime generation "
                + current
                + "; a running pod cannot take generation "
                + rotate.requested().get()
                + ", so stop the sandbox first");
      }
      return new Decision(current, false, false);
    }
    return new Decision(rotate.requested().orElse(rotate.fresh()), true, true);
  }
}
