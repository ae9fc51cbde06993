package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.driver.SandboxBackend;
import dev.berth.driver.SandboxSnapshot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fans the one Sandbox informer and the one Event feed out to every watch. Each watch first gets
 * the cached sandboxes as {@link SandboxSnapshot.Updated} events, then every change.
 */
final class WatchHub implements AutoCloseable {

  private final SandboxCache cache;
  private final int capacity;
  private final List<QueuedSubscription> subscriptions = new CopyOnWriteArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();
  private volatile boolean closed;

  WatchHub(SandboxCache cache, int capacity) {
    this.cache = cache;
    this.capacity = capacity;
  }

  SandboxBackend.Subscription subscribe(SandboxBackend.Listener listener) {
    QueuedSubscription subscription =
        new QueuedSubscription(
            listener, capacity, "berth-watch-" + counter.incrementAndGet(), this::ended);
    if (closed) {
      subscription.fail(shuttingDown());
      return subscription;
    }
    if (!cache.live()) {
      subscription.fail(
          new DriverException(
              DriverException.Kind.UNAVAILABLE,
              "watch of Sandbox resources is reconnecting to the Kubernetes API; watch again"
                  + " shortly"));
      return subscription;
    }
    cache.addListener(
        subscription,
        current -> {
          subscription.snapshot(current);
          subscriptions.add(subscription);
        });
    if (closed) {
      subscription.fail(shuttingDown());
    }
    return subscription;
  }

  /** Forwards a platform event to every watch. */
  void publish(SandboxSnapshot.Platform event) {
    for (QueuedSubscription s : subscriptions) {
      s.offer(event);
    }
  }

  /** Ends every watch with {@code UNAVAILABLE}, so clients reconnect to the next driver. */
  @Override
  public void close() {
    closed = true;
    for (QueuedSubscription s : subscriptions) {
      s.fail(shuttingDown());
    }
  }

  private void ended(QueuedSubscription subscription) {
    subscriptions.remove(subscription);
    cache.removeListener(subscription);
  }

  private static DriverException shuttingDown() {
    return new DriverException(DriverException.Kind.UNAVAILABLE, "the driver is shutting down");
  }
}
