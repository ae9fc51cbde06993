package dev.berth.grpc;

import dev.berth.driver.DriverException;
import io.grpc.Context;
import io.grpc.StatusException;

/**
 * Runs a blocking handler so that it stops when its caller goes away. gRPC Java does not stop a
 * handler thread when the client cancels or its deadline passes; StopSandbox would otherwise keep
 * its thread and its informer listener for up to the pod's grace period plus the stop headroom
 * after the gateway gave up and perhaps retried (upstream's handler future is simply dropped). The
 * handler thread is interrupted on cancellation, and only while this handler runs on it.
 */
final class CancellableCall {

  /** A unary handler body: its response, or a status or driver error to map. */
  @FunctionalInterface
  interface Body<T> {
    T run() throws StatusException, DriverException;
  }

  private CancellableCall() {}

  static <T> T run(Body<T> body) throws StatusException, DriverException {
    Context context = Context.current();
    Interrupter interrupter = new Interrupter(Thread.currentThread());
    context.addListener(interrupter, Runnable::run);
    try {
      return body.run();
    } finally {
      interrupter.disarm();
      context.removeListener(interrupter);
      // The thread goes back to gRPC's pool: an interrupt meant for this call must not reach the
      // next call that runs on it.
      Thread.interrupted();
    }
  }

  /** Interrupts the handler thread on cancellation until disarmed, never after. */
  private static final class Interrupter implements Context.CancellationListener {
    private final Thread handler;
    private boolean armed = true;

    Interrupter(Thread handler) {
      this.handler = handler;
    }

    @Override
    public synchronized void cancelled(Context context) {
      if (armed) {
        handler.interrupt();
      }
    }

    synchronized void disarm() {
      armed = false;
    }
  }
}
