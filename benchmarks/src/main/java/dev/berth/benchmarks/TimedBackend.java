package dev.berth.benchmarks;

import dev.berth.kubernetes.DriverException;
import dev.berth.kubernetes.ForwardingSandboxBackend;
import dev.berth.kubernetes.SandboxBackend;
import dev.berth.render.RenderedSandbox;

/**
 * The driver's backend with the start and end of its last {@code create} noted, so that the
 * benchmark can split one CreateSandbox into the way in (gRPC, interceptors, admission, validation,
 * rendering), the Kubernetes create, and the way out. Two {@link System#nanoTime()} reads per
 * create; everything else is passed through untouched.
 */
final class TimedBackend extends ForwardingSandboxBackend {

  private volatile long createStart;
  private volatile long createEnd;

  TimedBackend(SandboxBackend delegate) {
    super(delegate);
  }

  /** When the last create began and returned ({@link System#nanoTime()}). */
  long[] lastCreate() {
    return new long[] {createStart, createEnd};
  }

  @Override
  public void create(RenderedSandbox sandbox) throws DriverException {
    createStart = System.nanoTime();
    try {
      delegate().create(sandbox);
    } finally {
      createEnd = System.nanoTime();
    }
  }

  @Override
  public void close() {
    // The benchmark closes the real backend itself.
  }
}
