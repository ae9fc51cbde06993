package dev.berth.benchmarks;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The mock API server logs through java.util.logging. */
final class MockServerLogging {

  private MockServerLogging() {}

  /** The mock logs every request at INFO; keep warnings only. */
  static void quiet() {
    Logger root = Logger.getLogger("");
    root.setLevel(Level.WARNING);
    for (Handler handler : root.getHandlers()) {
      handler.setLevel(Level.WARNING);
    }
  }
}
