package dev.berth.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RPC metrics by method and status code: a call counter, a latency timer and a gauge of open server
 * streams (watches). Prometheus names: {@code berth_grpc_server_calls_total}, {@code
 * berth_grpc_server_call_duration_seconds}, {@code berth_grpc_server_watch_streams_open}.
 */
public final class MetricsInterceptor implements ServerInterceptor {

  static final String CALLS = "berth.grpc.server.calls";
  public static final String DURATION = "berth.grpc.server.call.duration";
  static final String WATCH_STREAMS = "berth.grpc.server.watch.streams.open";

  private final MeterRegistry registry;
  private final AtomicInteger openStreams = new AtomicInteger();
  private final Map<String, Meters> meters = new ConcurrentHashMap<>();

  public MetricsInterceptor(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(WATCH_STREAMS, openStreams, AtomicInteger::get)
        .description("WatchSandboxes streams currently open")
        .register(registry);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    long start = System.nanoTime();
    String method = call.getMethodDescriptor().getBareMethodName();
    boolean stream =
        call.getMethodDescriptor().getType() == MethodDescriptor.MethodType.SERVER_STREAMING;
    AtomicBoolean finished = new AtomicBoolean();
    if (stream) {
      openStreams.incrementAndGet();
    }
    // A call ends once: closed by the service, or cancelled by the client (then never closed).
    ServerCall<Q, R> measured =
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            super.close(status, trailers);
            finish(status.getCode());
          }

          private void finish(Status.Code code) {
            if (finished.compareAndSet(false, true)) {
              record(method, code, start, stream);
            }
          }
        };
    ServerCall.Listener<Q> delegate;
    try {
      delegate = next.startCall(measured, headers);
    } catch (RuntimeException e) {
      if (finished.compareAndSet(false, true)) {
        record(method, Status.Code.UNKNOWN, start, stream);
      }
      throw e;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onCancel() {
        super.onCancel();
        if (finished.compareAndSet(false, true)) {
          record(method, Status.Code.CANCELLED, start, stream);
        }
      }
    };
  }

  private void record(String method, Status.Code code, long start, boolean stream) {
    if (stream) {
      openStreams.decrementAndGet();
    }
    Meters m = meters.computeIfAbsent(method + " " + code.name(), k -> meters(method, code));
    m.calls().increment();
    m.duration().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  /**
   * The counter and timer of one method and status code, registered once. Registering on every call
   * (a builder, an id with sorted tags, a registry lookup) was the largest piece of Berth's own CPU
   * in a CreateSandbox after the Kubernetes request.
   */
  private Meters meters(String method, Status.Code code) {
    return new Meters(
        Counter.builder(CALLS)
            .description("gRPC calls handled, by method and status code")
            .tag("method", method)
            .tag("code", code.name())
            .register(registry),
        Timer.builder(DURATION)
            .description("gRPC call latency, by method and status code")
            .tag("method", method)
            .tag("code", code.name())
            .register(registry));
  }

  private record Meters(Counter calls, Timer duration) {}
}
