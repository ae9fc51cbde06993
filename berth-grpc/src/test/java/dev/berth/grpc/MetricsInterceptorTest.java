package dev.berth.grpc;

import static dev.berth.grpc.testing.Sandboxes.running;
import static dev.berth.grpc.testing.Sandboxes.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.GetSandboxRequest;
import dev.berth.grpc.proto.WatchSandboxesRequest;
import dev.berth.grpc.testing.FakeBackend;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsInterceptorTest {

  private final FakeBackend backend = new FakeBackend().put(running("sb-1", "demo"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .addService(
                ServerInterceptors.intercept(
                    new ComputeDriverService(backend, settings(), "t"),
                    new MetricsInterceptor(registry)))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void countsAndTimesCallsByMethodAndCode() {
    var stub = ComputeDriverGrpc.newBlockingStub(channel);
    stub.getSandbox(GetSandboxRequest.newBuilder().setSandboxId("sb-1").build());
    stub.getSandbox(GetSandboxRequest.newBuilder().setSandboxId("sb-1").build());
    catchThrowable(() -> stub.getSandbox(GetSandboxRequest.newBuilder().setSandboxId("x").build()));

    await()
        .untilAsserted(
            () -> {
              assertThat(
                      registry
                          .get(MetricsInterceptor.CALLS)
                          .tags("method", "GetSandbox", "code", "OK")
                          .counter()
                          .count())
                  .isEqualTo(2);
              assertThat(
                      registry
                          .get(MetricsInterceptor.DURATION)
                          .tags("method", "GetSandbox", "code", "NOT_FOUND")
                          .timer()
                          .count())
                  .isEqualTo(1);
            });
  }

  @Test
  void gaugesOpenWatchStreams() {
    Context.CancellableContext context = Context.current().withCancellation();
    context.run(
        () ->
            ComputeDriverGrpc.newStub(channel)
                .watchSandboxes(WatchSandboxesRequest.getDefaultInstance(), new Ignore<>()));
    await().until(() -> gauge() == 1);

    context.cancel(null);

    await().until(() -> gauge() == 0);
    assertThat(
            registry
                .get(MetricsInterceptor.CALLS)
                .tags("method", "WatchSandboxes", "code", "CANCELLED")
                .counter()
                .count())
        .isEqualTo(1);
  }

  private double gauge() {
    return registry.get(MetricsInterceptor.WATCH_STREAMS).gauge().value();
  }

  private static final class Ignore<T> implements StreamObserver<T> {
    @Override
    public void onNext(T value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
