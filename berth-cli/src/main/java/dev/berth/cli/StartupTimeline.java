package dev.berth.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where {@code berth serve}'s start-up time goes: the milliseconds from JVM start to the command,
 * then each phase after it, for the one line {@code serve} logs when it is ready.
 * docs/performance.md reads its breakdown from this line.
 */
final class StartupTimeline {

  private final long commandUptimeMillis;
  private final long startNanos;
  private long lastNanos;
  private final List<String> phases = new ArrayList<>();

  private StartupTimeline(long commandUptimeMillis, long startNanos) {
    this.commandUptimeMillis = commandUptimeMillis;
    this.startNanos = startNanos;
    this.lastNanos = startNanos;
  }

  /**
   * Starts timing at the command; what came before (JVM start, class loading, parsing) is one
   * phase.
   */
  static StartupTimeline begin() {
    return new StartupTimeline(ManagementFactory.getRuntimeMXBean().getUptime(), System.nanoTime());
  }

  /** Ends the phase that ran since the previous mark. */
  void mark(String phase) {
    long now = System.nanoTime();
    phases.add(String.format(Locale.ROOT, "%s %d", phase, (now - lastNanos) / 1_000_000));
    lastNanos = now;
  }

  /** Ends the phase that ran since the previous mark, with a remark in parentheses after it. */
  void mark(String phase, String remark) {
    mark(phase);
    phases.set(phases.size() - 1, phases.get(phases.size() - 1) + " (" + remark + ")");
  }

  /** Milliseconds since JVM start, as of the last mark. */
  long sinceJvmStartMillis() {
    return commandUptimeMillis + (lastNanos - startNanos) / 1_000_000;
  }

  /** {@code JVM and command line 412, settings 20, ...} in milliseconds. */
  String phases() {
    return "JVM and command line " + commandUptimeMillis + ", " + String.join(", ", phases);
  }
}
