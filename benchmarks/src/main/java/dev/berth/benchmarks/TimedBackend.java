package dev.berth.benchmarks;

import dev.berth.driver.DriverException;
import dev.berth.driver.ForwardingSandboxBackend;
import dev.berth.driver.RuntimeIdentity;
import dev.berth.driver.SandboxBackend;
import dev.berth.render.RenderedSandbox;

/**
 * The driver's backend with the start and end of its last {@code create} noted, so that the
 * benchmark can split one CreateSandbox into the way in (gRPC, interceptors, admission, validation,
 * rendering), the Kubernetes create, and the way out. Two {@link System#nanoTime()} reads per
 * create; everything else is passed through untouched.
 */
final class TimedBackend extends ForwardingSandboxBackend {

  /** When a create began and returned ({@link System#nanoTime()}). */
  record Span(long start, long end) {}

  private volatile Span lastCreate = new Span(0, 0);

  TimedBackend(SandboxBackend delegate) {
    super(delegate);
  }

  /** The last create's span; both zero before the first. */
  Span lastCreate() {
    return lastCreate;
  }

  @Override
  public RuntimeIdentity create(RenderedSandbox sandbox) throws DriverException {
    long start = System.nanoTime();
    try {
      return delegate().create(sandbox);
    } finally {
      lastCreate = new Span(start, System.nanoTime());
    }
  }

  @Override
  public void close() {
    // The benchmark closes the real backend itself.
  }
}
