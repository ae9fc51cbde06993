package dev.berth.kubernetes;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices informers that have lost the API server for longer than a grace period. An informer
 * retries on its own and never says it gave up, so the watches that depend on it would otherwise
 * wait on a view that no longer changes; after the grace they are told, and new watches refused
 * until the informers are watching again.
 */
final class InformerWatchdog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InformerWatchdog.class);

  private final BooleanSupplier watching;
  private final Duration grace;
  private final Consumer<String> stalled;
  private final ScheduledFuture<?> task;
  private long notWatchingSinceNanos = -1;
  private volatile boolean down;

  /**
   * @param watching true while every informer has its watch open
   * @param stalled told, once per outage, the sentence that ends the dependent watches
   */
  InformerWatchdog(
      BooleanSupplier watching,
      Duration grace,
      Consumer<String> stalled,
      ScheduledExecutorService scheduler) {
    this.watching = watching;
    this.grace = grace;
    this.stalled = stalled;
    long period = Math.max(50, Math.min(1000, grace.toMillis() / 4));
    this.task =
        scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  /** False from the end of the grace until the informers watch again. */
  boolean live() {
    return !down;
  }

  /** Marks the view as not live now (an informer reported a failure of its own). */
  void markDown() {
    down = true;
  }

  @Override
  public void close() {
    task.cancel(false);
  }

  private void check() {
    try {
      if (watching.getAsBoolean()) {
        notWatchingSinceNanos = -1;
        down = false;
        return;
      }
      long now = System.nanoTime();
      if (notWatchingSinceNanos < 0) {
        notWatchingSinceNanos = now;
      } else if (!down && now - notWatchingSinceNanos >= grace.toNanos()) {
        LOG.warn("Sandbox watch has been disconnected for {}", span(grace));
        down = true;
        stalled.accept(
            "watch of Sandbox resources ended: no connection to the Kubernetes API for "
                + span(grace));
      }
    } catch (RuntimeException e) {
      LOG.warn("Sandbox watch check failed", e);
    }
  }

  /** "15s", or "500ms" for a grace below a second (tests), which whole seconds would call 0s. */
  private static String span(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
