package dev.berth.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT into a latch. The JVM's own handling would run shutdown hooks and exit
 * with 143; taking the signals over lets {@code berth serve} drain calls and return exit code 0, as
 * Kubernetes expects of a clean stop. {@link #close} gives the signals back (tests serve
 * in-process).
 */
final class ShutdownSignal implements AutoCloseable {

  private static final List<String> SIGNALS = List.of("TERM", "INT");

  private final CountDownLatch received = new CountDownLatch(1);
  private final List<Runnable> restore = new ArrayList<>();
  private volatile String name = "";

  static ShutdownSignal install() {
    ShutdownSignal s = new ShutdownSignal();
    for (String signal : SIGNALS) {
      Signal sig = new Signal(signal);
      SignalHandler previous =
          Signal.handle(
              sig,
              caught -> {
                s.name = "SIG" + caught.getName();
                s.received.countDown();
              });
      s.restore.add(() -> Signal.handle(sig, previous));
    }
    return s;
  }

  /** Blocks until a signal arrives; returns its name, such as {@code SIGTERM}. */
  String await() throws InterruptedException {
    received.await();
    return name;
  }

  @Override
  public void close() {
    restore.forEach(Runnable::run);
  }
}
