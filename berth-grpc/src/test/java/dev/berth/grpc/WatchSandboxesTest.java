package dev.berth.grpc;

import static dev.berth.grpc.testing.Sandboxes.running;
import static dev.berth.grpc.testing.Sandboxes.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import dev.berth.driver.DriverException;
import dev.berth.driver.SandboxSnapshot;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.WatchSandboxesEvent;
import dev.berth.grpc.proto.WatchSandboxesEvent.PayloadCase;
import dev.berth.grpc.proto.WatchSandboxesRequest;
import dev.berth.grpc.testing.FakeBackend;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WatchSandboxes: the initial snapshot, each oneof case, and every way a stream ends. */
class WatchSandboxesTest {

  private final FakeBackend backend = new FakeBackend();
  private final ComputeDriverService service =
      new ComputeDriverService(backend, settings(), "test");
  private Server server;
  private ManagedChannel channel;
  private final List<WatchSandboxesEvent> received = new CopyOnWriteArrayList<>();
  private final AtomicReference<Throwable> ended = new AtomicReference<>();

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(service).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  private Context.CancellableContext watch() {
    Context.CancellableContext context = Context.current().withCancellation();
    context.run(
        () ->
            ComputeDriverGrpc.newStub(channel)
                .watchSandboxes(
                    WatchSandboxesRequest.getDefaultInstance(),
                    new StreamObserver<>() {
                      @Override
                      public void onNext(WatchSandboxesEvent value) {
                        received.add(value);
                      }

                      @Override
                      public void onError(Throwable t) {
                        ended.set(t);
                      }

                      @Override
                      public void onCompleted() {
                        ended.set(Status.OK.asRuntimeException());
                      }
                    }));
    return context;
  }

  private static Status.Code code(Throwable t) {
    return ((StatusRuntimeException) t).getStatus().getCode();
  }

  @Test
  void streamsTheCurrentSandboxesThenEveryKindOfEvent() {
    backend.put(running("sb-1", "demo"));
    watch();
    await().until(() -> backend.watchers() == 1 && received.size() == 1);

    backend.emit(new SandboxSnapshot.Updated(running("sb-2", "other")));
    backend.emit(
        new SandboxSnapshot.Platform(
            "sb-2",
            1700000000000L,
            "kubernetes",
            "Warning",
            "FailedMount",
            "persistentvolumeclaim \"data\" not found",
            Map.of("involved_kind", "Pod")));
    backend.emit(new SandboxSnapshot.Deleted("sb-1"));

    await().until(() -> received.size() == 4);
    assertThat(received)
        .extracting(WatchSandboxesEvent::getPayloadCase)
        .containsExactly(
            PayloadCase.SANDBOX,
            PayloadCase.SANDBOX,
            PayloadCase.PLATFORM_EVENT,
            PayloadCase.DELETED);
    assertThat(received.get(0).getSandbox().getSandbox().getId()).isEqualTo("sb-1");
    assertThat(received.get(0).getSandbox().getSandbox().hasSpec()).isFalse();
    var platform = received.get(2).getPlatformEvent();
    assertThat(platform.getSandboxId()).isEqualTo("sb-2");
    assertThat(platform.getEvent().getReason()).isEqualTo("FailedMount");
    assertThat(platform.getEvent().getTimestampMs()).isEqualTo(1700000000000L);
    assertThat(Timestamps.toMillis(platform.getEvent().getEventTime())).isEqualTo(1700000000000L);
    assertThat(platform.getEvent().getMetadataMap()).containsEntry("involved_kind", "Pod");
    assertThat(received.get(3).getDeleted().getSandboxId()).isEqualTo("sb-1");
    assertThat(ended.get()).isNull();
  }

  @Test
  void aBackendErrorEndsTheStreamWithUnavailable() {
    watch();
    await().until(() -> backend.watchers() == 1);

    backend.failWatches(
        new DriverException(DriverException.Kind.UNAVAILABLE, "watch connection dropped"));

    await().until(() -> ended.get() != null);
    assertThat(code(ended.get())).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(((StatusRuntimeException) ended.get()).getStatus().getDescription())
        .contains("watch connection dropped", "re-subscribe");
    assertThat(service.openWatches()).isZero();
  }

  @Test
  void clientCancelClosesTheSubscription() {
    var context = watch();
    await().until(() -> backend.watchers() == 1);

    context.cancel(null);

    await().until(() -> backend.closedSubscriptions() == 1);
    assertThat(backend.watchers()).isZero();
    await().until(() -> service.openWatches() == 0);
  }

  @Test
  void shutdownEndsOpenStreamsAndRefusesNewOnes() {
    watch();
    await().until(() -> backend.watchers() == 1);

    service.closeWatches();

    await().until(() -> ended.get() != null);
    assertThat(code(ended.get())).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(backend.closedSubscriptions()).isEqualTo(1);

    ended.set(null);
    watch();
    await().atMost(Duration.ofSeconds(5)).until(() -> ended.get() != null);
    assertThat(code(ended.get())).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(backend.watchers()).isZero();
  }
}
