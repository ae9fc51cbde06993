package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.driver.SandboxBackend;
import dev.berth.driver.SandboxSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch: a bounded queue drained by a thread of its own, so a slow listener never holds up the
 * informer or other watches. A listener that falls {@code capacity} events behind is told {@code
 * UNAVAILABLE} and dropped; re-subscribing gives it a full snapshot again.
 */
final class QueuedSubscription implements SandboxCache.Listener, SandboxBackend.Subscription {

  private static final Logger LOG = LoggerFactory.getLogger(QueuedSubscription.class);

  private final SandboxBackend.Listener listener;
  private final int capacity;
  private final ThreadPoolExecutor executor;
  private final Consumer<QueuedSubscription> onEnd;
  private boolean ended;
  private volatile boolean cancelled;

  QueuedSubscription(
      SandboxBackend.Listener listener,
      int capacity,
      String threadName,
      Consumer<QueuedSubscription> onEnd) {
    this.listener = listener;
    this.capacity = capacity;
    this.onEnd = onEnd;
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(capacity),
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
  }

  /** Queues the initial snapshot as one task, so it never counts against the capacity. */
  void snapshot(Collection<SandboxEntry> entries) {
    List<SandboxSnapshot> sandboxes = new ArrayList<>(entries.size());
    for (SandboxEntry e : entries) {
      sandboxes.add(e.snapshot());
    }
    sandboxes.sort(SandboxSnapshot.ORDER);
    enqueue(
        () -> {
          for (SandboxSnapshot s : sandboxes) {
            if (!deliver(new SandboxSnapshot.Updated(s))) {
              return;
            }
          }
        });
  }

  @Override
  public void updated(SandboxEntry entry) {
    offer(new SandboxSnapshot.Updated(entry.snapshot()));
  }

  @Override
  public void deleted(SandboxEntry entry) {
    offer(new SandboxSnapshot.Deleted(entry.snapshot().id()));
  }

  @Override
  public void failed(DriverException error) {
    fail(error);
  }

  void offer(SandboxSnapshot.Event event) {
    enqueue(() -> deliver(event));
  }

  /** Ends the watch: pending events are dropped and the listener gets {@code error} last. */
  void fail(DriverException error) {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      executor.getQueue().clear();
      executor.execute(
          () -> {
            if (!cancelled) {
              try {
                listener.onError(error);
              } catch (RuntimeException e) {
                LOG.warn("Watch listener failed while handling an error", e);
              }
            }
          });
      executor.shutdown();
    }
    onEnd.accept(this);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      cancelled = true;
      executor.getQueue().clear();
      executor.shutdown();
    }
    onEnd.accept(this);
  }

  private void enqueue(Runnable task) {
    boolean overflow = false;
    synchronized (this) {
      if (ended) {
        return;
      }
      try {
        executor.execute(task);
      } catch (RejectedExecutionException e) {
        overflow = true;
      }
    }
    if (overflow) {
      fail(
          new DriverException(
              DriverException.Kind.UNAVAILABLE,
              "watch fell more than "
                  + capacity
                  + " events behind and was dropped; watch again for a full snapshot"));
    }
  }

  private boolean deliver(SandboxSnapshot.Event event) {
    if (cancelled) {
      return false;
    }
    try {
      listener.onEvent(event);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Watch listener failed; ending the watch", e);
      close();
      return false;
    }
  }
}
