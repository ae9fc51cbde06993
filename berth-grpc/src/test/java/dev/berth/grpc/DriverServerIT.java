package dev.berth.grpc;

import static dev.berth.grpc.testing.Sandboxes.running;
import static dev.berth.grpc.testing.Sandboxes.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.sun.security.auth.module.UnixSystem;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.GetCapabilitiesRequest;
import dev.berth.grpc.proto.StopSandboxRequest;
import dev.berth.grpc.proto.StopSandboxResponse;
import dev.berth.grpc.proto.ValidateSandboxCreateRequest;
import dev.berth.grpc.proto.WatchSandboxesEvent;
import dev.berth.grpc.proto.WatchSandboxesRequest;
import dev.berth.grpc.testing.FakeBackend;
import dev.berth.grpc.testing.Sandboxes;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on a real Unix socket (and on TCP): file rules, peers, health, reflection, exit. */
class DriverServerIT {

  @TempDir Path tmp;

  private final FakeBackend backend = new FakeBackend();
  private final ComputeDriverService service = new ComputeDriverService(backend, settings(), "t");
  private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
  private DriverServer server;

  @AfterEach
  void tearDown() {
    channels.forEach(ManagedChannel::shutdownNow);
    if (server != null) {
      server.close();
    }
  }

  private DriverServer.Builder builder() {
    return DriverServer.builder(service).gracePeriod(Duration.ofSeconds(5));
  }

  private ManagedChannel connect(String target) {
    ManagedChannel channel =
        Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
    channels.add(channel);
    return channel;
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void servesTheDriverHealthAndReflectionOnAPrivateSocket() throws Exception {
    Path socket = tmp.resolve("run/berth/driver.sock");
    server = builder().unixSocket(socket).start();
    ManagedChannel channel = connect(server.target());

    assertThat(server.target()).isEqualTo("unix://" + socket);
    assertThat(
            ComputeDriverGrpc.newBlockingStub(channel)
                .getCapabilities(GetCapabilitiesRequest.getDefaultInstance())
                .getDriverName())
        .isEqualTo("kubernetes");
    assertThat(health(channel, "")).isEqualTo(ServingStatus.SERVING);
    assertThat(health(channel, ComputeDriverGrpc.SERVICE_NAME)).isEqualTo(ServingStatus.SERVING);
    assertThat(reflectedServices(channel))
        .contains(ComputeDriverGrpc.SERVICE_NAME, "grpc.health.v1.Health");
    assertThat(mode(socket)).isEqualTo("rw-------");
    assertThat(mode(socket.getParent())).isEqualTo("rwx------");

    server.close();
    assertThat(socket).doesNotExist();
  }

  @Test
  void aStaleSocketOfOursIsReplaced() throws Exception {
    Path socket = tmp.resolve("driver.sock");
    // The JDK leaves the socket file behind on close, as a crashed driver would.
    try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      stale.bind(UnixDomainSocketAddress.of(socket));
    }
    assertThat(socket).exists();

    server = builder().unixSocket(socket).start();

    assertThat(health(connect(server.target()), "")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void aSocketWithALiveServerIsNotTakenOver() throws Exception {
    Path socket = tmp.resolve("driver.sock");
    try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      live.bind(UnixDomainSocketAddress.of(socket));

      assertThatThrownBy(() -> builder().unixSocket(socket).start())
          .isInstanceOf(StartupException.class)
          .hasMessage(
              "driver socket path '"
                  + socket
                  + "' is in use by a running server; stop it or"
                  + " choose another path");
    }
  }

  @Test
  void aRegularFileAtThePathRefusesStartup() throws Exception {
    Path socket = tmp.resolve("driver.sock");
    Files.writeString(socket, "not a socket");

    assertThatThrownBy(() -> builder().unixSocket(socket).start())
        .isInstanceOf(StartupException.class)
        .hasMessage(
            "driver socket path '"
                + socket
                + "' exists but is not a Unix socket owned by this user; remove it or choose"
                + " another path");
    assertThat(Files.readString(socket)).isEqualTo("not a socket");
  }

  @Test
  void aSymlinkedParentRefusesStartup() throws Exception {
    Path real = Files.createDirectory(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);

    assertThatThrownBy(() -> builder().unixSocket(link.resolve("driver.sock")).start())
        .isInstanceOf(StartupException.class)
        .hasMessage("driver socket parent '" + link + "' must be a directory, not a symlink");
  }

  @Test
  void aParentOwnedBySomeoneElseRefusesStartup() throws Exception {
    assumeThat(new UnixSystem().getUid()).as("chown needs root").isZero();
    Path parent = Files.createDirectory(tmp.resolve("foreign"));
    Files.setAttribute(parent, "unix:uid", 65534);

    assertThatThrownBy(() -> builder().unixSocket(parent.resolve("driver.sock")).start())
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("driver socket parent '" + parent + "' is owned by uid 65534");
  }

  @Test
  void peersWithAnotherUidAreRefused() throws Exception {
    int ownUid = (int) new UnixSystem().getUid();
    server = builder().unixSocket(tmp.resolve("driver.sock")).peerUid(ownUid + 4242).start();

    assertThatThrownBy(
            () ->
                HealthGrpc.newBlockingStub(connect(server.target()))
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void hundredsOfViolationsArriveWithinATonicSizedHeaderLimit() throws Exception {
    server = builder().unixSocket(tmp.resolve("driver.sock")).start();
    StringBuilder volumes = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      volumes.append("      - {name: Bad_Volume_").append(i).append("}\n");
    }
    DriverSandbox sandbox =
        Sandboxes.yaml(
            """
            id: sb-1
            name: demo
            workspace: team-a
            spec:
              template:
                image: ghcr.io/example/agent:1
                driver_config:
                  volumes:
            """
                + volumes.toString().indent(4));
    // hyper 1.x, under the gateway's tonic client, accepts 16 KiB of headers by default.
    ManagedChannel tonicSized =
        Grpc.newChannelBuilder(server.target(), InsecureChannelCredentials.create())
            .maxInboundMetadataSize(16 * 1024)
            .build();
    channels.add(tonicSized);

    assertThatThrownBy(
            () ->
                ComputeDriverGrpc.newBlockingStub(tonicSized)
                    .validateSandboxCreate(
                        ValidateSandboxCreateRequest.newBuilder().setSandbox(sandbox).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(StatusMapping.violations(e)).hasSizeGreaterThan(10);
            });
  }

  @Test
  void withoutASocketItServesOnTcp() throws Exception {
    server = builder().tcp("127.0.0.1:0").start();

    assertThat(server.target()).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo("127.0.0.1:0");
    assertThat(health(connect(server.target()), "")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void shutdownFinishesInFlightCallsEndsWatchesAndRemovesTheSocket() throws Exception {
    backend.put(running("sb-1", "demo"));
    Path socket = tmp.resolve("driver.sock");
    server = builder().unixSocket(socket).start();
    ManagedChannel channel = connect(server.target());
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch gate = backend.holdStops(entered);
    CompletableFuture<StopSandboxResponse> stop =
        CompletableFuture.supplyAsync(
            () ->
                ComputeDriverGrpc.newBlockingStub(channel)
                    .stopSandbox(StopSandboxRequest.newBuilder().setSandboxId("sb-1").build()));
    Recorder<WatchSandboxesEvent> watch = new Recorder<>();
    ComputeDriverGrpc.newStub(channel)
        .watchSandboxes(WatchSandboxesRequest.getDefaultInstance(), watch);
    Recorder<HealthCheckResponse> healthWatch = new Recorder<>();
    Context.CancellableContext healthContext = Context.current().withCancellation();
    healthContext.run(
        () ->
            HealthGrpc.newStub(channel)
                .watch(HealthCheckRequest.getDefaultInstance(), healthWatch));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    await().until(() -> watch.items.size() == 1 && healthWatch.items.size() == 1);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

    await().until(() -> watch.error != null);
    assertThat(Status.fromThrowable(watch.error).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    await().until(() -> healthWatch.items.size() == 2);
    assertThat(healthWatch.items.get(1).getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
    healthContext.cancel(null);
    assertThat(closing).isNotDone();
    gate.countDown();
    assertThat(stop.get(10, TimeUnit.SECONDS)).isNotNull();
    closing.get(10, TimeUnit.SECONDS);
    assertThat(socket).doesNotExist();
  }

  private static ServingStatus health(ManagedChannel channel, String service) {
    return HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  private static List<String> reflectedServices(ManagedChannel channel) throws Exception {
    Recorder<ServerReflectionResponse> responses = new Recorder<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel).serverReflectionInfo(responses);
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
    requests.onCompleted();
    assertThat(responses.done.await(10, TimeUnit.SECONDS)).isTrue();
    return responses.items.get(0).getListServicesResponse().getServiceList().stream()
        .map(ServiceResponse::getName)
        .toList();
  }

  private static final class Recorder<T> implements StreamObserver<T> {
    final List<T> items = new CopyOnWriteArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);
    volatile Throwable error;

    @Override
    public void onNext(T value) {
      items.add(value);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
      done.countDown();
    }

    @Override
    public void onCompleted() {
      done.countDown();
    }
  }
}
