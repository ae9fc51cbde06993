package dev.berth.grpc;

import dev.berth.driver.DriverException;
import dev.berth.driver.SandboxBackend;
import dev.berth.driver.SandboxSnapshot;
import dev.berth.grpc.convert.ProtoSnapshots;
import dev.berth.grpc.proto.WatchSandboxesEvent;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connects backend watch subscriptions to WatchSandboxes calls and keeps track of them, so that
 * shutdown can end every stream: gRPC's graceful shutdown waits for calls to finish, and a watch
 * never finishes on its own.
 */
final class WatchStreams {

  private final Set<Stream> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Starts relaying the backend's events to the call. Must run inside the service method: the
   * cancel handler can only be set before the method returns.
   */
  void start(SandboxBackend backend, ServerCallStreamObserver<WatchSandboxesEvent> observer) {
    Stream stream = new Stream(observer);
    observer.setOnCancelHandler(stream::cancelled);
    open.add(stream);
    if (closed) {
      stream.end(shuttingDown());
      return;
    }
    SandboxBackend.Subscription subscription;
    try {
      subscription = backend.watch(stream);
    } catch (RuntimeException e) {
      stream.end(StatusMapping.internal(e).getStatus());
      return;
    }
    stream.attach(subscription);
  }

  /** Ends every open stream with UNAVAILABLE so gateways re-subscribe to the next driver. */
  void closeAll() {
    closed = true;
    for (Stream stream : open) {
      stream.end(shuttingDown());
    }
  }

  /** Number of streams currently relaying events. */
  int openCount() {
    return open.size();
  }

  private static Status shuttingDown() {
    return Status.UNAVAILABLE.withDescription(
        "the driver is shutting down; re-subscribe to receive a full snapshot");
  }

  /**
   * One WatchSandboxes call. The backend delivers from one thread, but shutdown and cancellation
   * come from others; the lock keeps onNext and the terminal call from interleaving, and {@code
   * done} makes the terminal call happen once.
   */
  private final class Stream implements SandboxBackend.Listener {
    private final ServerCallStreamObserver<WatchSandboxesEvent> observer;
    private SandboxBackend.Subscription subscription;
    private boolean done;

    Stream(ServerCallStreamObserver<WatchSandboxesEvent> observer) {
      this.observer = observer;
    }

    @Override
    public void onEvent(SandboxSnapshot.Event event) {
      synchronized (this) {
        if (!done) {
          observer.onNext(ProtoSnapshots.event(event));
        }
      }
    }

    @Override
    public void onError(DriverException error) {
      end(
          Status.UNAVAILABLE
              .withDescription(
                  "the sandbox watch stopped: "
                      + error.getMessage()
                      + "; re-subscribe to receive a full snapshot")
              .withCause(error));
    }

    /** The subscription arrives after watch() returns; events may already have flowed. */
    void attach(SandboxBackend.Subscription subscription) {
      boolean closeNow;
      synchronized (this) {
        this.subscription = subscription;
        closeNow = done;
      }
      if (closeNow) {
        subscription.close();
      }
    }

    void end(Status status) {
      synchronized (this) {
        if (done) {
          return;
        }
        done = true;
        observer.onError(status.asRuntimeException());
      }
      release();
    }

    void cancelled() {
      synchronized (this) {
        done = true;
      }
      release();
    }

    /** Outside the lock: closing may wait for the backend's delivery thread, which may hold it. */
    private void release() {
      open.remove(this);
      SandboxBackend.Subscription s;
      synchronized (this) {
        s = subscription;
        subscription = null;
      }
      if (s != null) {
        s.close();
      }
    }
  }
}
