package dev.berth.benchmarks;

import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.DriverCondition;
import dev.berth.grpc.proto.WatchSandboxesEvent;
import dev.berth.grpc.proto.WatchSandboxesRequest;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code WatchSandboxes} streams held open by {@link ScaleBenchmark}, each counting the sandboxes
 * of its initial snapshot and recording which numbered changes it received. A change is a condition
 * message {@link #CHANGE_PREFIX}{@code k}; a watcher that never sees change {@code k} missed it.
 */
final class ScaleWatchers {

  static final String CHANGE_PREFIX = "bench-change-";

  private final List<Watcher> watchers = new ArrayList<>();

  ScaleWatchers(ManagedChannel channel, int count) {
    for (int i = 0; i < count; i++) {
      Watcher w = new Watcher();
      watchers.add(w);
      ComputeDriverGrpc.newStub(channel)
          .withWaitForReady()
          .watchSandboxes(WatchSandboxesRequest.getDefaultInstance(), w);
    }
  }

  /** Waits until every watcher has received {@code events} events; false at the deadline. */
  boolean awaitEvents(long events, long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      if (watchers.stream().allMatch(w -> w.events.get() >= events)) {
        return true;
      }
      failure();
      Thread.sleep(20);
    }
    return false;
  }

  /** Waits until every watcher has seen every one of {@code changes}; false at the deadline. */
  boolean awaitChanges(int changes, long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      if (missed(changes) == 0) {
        return true;
      }
      failure();
      Thread.sleep(20);
    }
    return false;
  }

  /** Changes below {@code changes} that some watcher did not receive, summed over watchers. */
  long missed(int changes) {
    long missed = 0;
    for (Watcher w : watchers) {
      synchronized (w.seen) {
        missed += changes - w.seen.get(0, changes).cardinality();
      }
    }
    return missed;
  }

  /** The events each watcher received. */
  List<Long> events() {
    return watchers.stream().map(w -> w.events.get()).toList();
  }

  private void failure() {
    for (Watcher w : watchers) {
      Throwable t = w.error.get();
      if (t != null) {
        throw new IllegalStateException("a watch stream ended: " + t, t);
      }
    }
  }

  /** Changes are numbered by the message of the sandbox's first condition. */
  static int changeNumber(WatchSandboxesEvent event) {
    if (!event.hasSandbox()) {
      return -1;
    }
    for (DriverCondition c : event.getSandbox().getSandbox().getStatus().getConditionsList()) {
      if (c.getMessage().startsWith(CHANGE_PREFIX)) {
        try {
          return Integer.parseInt(c.getMessage().substring(CHANGE_PREFIX.length()));
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  private static final class Watcher implements StreamObserver<WatchSandboxesEvent> {
    final AtomicLong events = new AtomicLong();
    final BitSet seen = new BitSet();
    final AtomicReference<Throwable> error = new AtomicReference<>();

    @Override
    public void onNext(WatchSandboxesEvent value) {
      int k = changeNumber(value);
      if (k >= 0) {
        synchronized (seen) {
          seen.set(k);
        }
      }
      events.incrementAndGet();
    }

    @Override
    public void onError(Throwable t) {
      error.compareAndSet(null, t);
    }

    @Override
    public void onCompleted() {
      error.compareAndSet(null, new IllegalStateException("completed"));
    }
  }
}
