package dev.berth.grpc.e2e;

import dev.berth.driver.SandboxBackend;
import dev.berth.grpc.ComputeDriverService;
import dev.berth.grpc.DriverConnection;
import dev.berth.grpc.DriverServer;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.WatchSandboxesEvent;
import dev.berth.grpc.proto.WatchSandboxesRequest;
import dev.berth.kubernetes.BackendOptions;
import dev.berth.kubernetes.KubernetesSandboxBackend;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The driver as the gateway sees it: the real Kubernetes backend on a (mock) cluster, the service,
 * the server on a real Unix socket, and a client connected over that socket.
 */
final class SocketDriver implements AutoCloseable {

  /** Test tuning: a short stop headroom and a short watch stall grace keep failures fast. */
  static final BackendOptions OPTIONS =
      BackendOptions.defaults()
          .withStopHeadroom(Duration.ofSeconds(5))
          .withWatchStallGrace(Duration.ofMillis(500));

  private final KubernetesClient client;
  private final KubernetesSandboxBackend backend;
  private final DriverServer server;
  private final DriverConnection connection;

  private SocketDriver(
      KubernetesClient client,
      KubernetesSandboxBackend backend,
      DriverServer server,
      DriverConnection connection) {
    this.client = client;
    this.backend = backend;
    this.server = server;
    this.connection = connection;
  }

  static SocketDriver start(MockCluster cluster, DriverSettings settings, Path socket)
      throws Exception {
    return start(cluster, settings, socket, Duration.ofSeconds(10), OPTIONS);
  }

  static SocketDriver start(
      MockCluster cluster,
      DriverSettings settings,
      Path socket,
      Duration requestTimeout,
      BackendOptions options)
      throws Exception {
    return start(cluster, settings, socket, requestTimeout, options, UnaryOperator.identity());
  }

  /**
   * @param wrap lets a test put a recording layer between the service and the real backend
   */
  static SocketDriver start(
      MockCluster cluster,
      DriverSettings settings,
      Path socket,
      Duration requestTimeout,
      BackendOptions options,
      UnaryOperator<SandboxBackend> wrap)
      throws Exception {
    KubernetesClient client = cluster.driverClient(requestTimeout, settings);
    KubernetesSandboxBackend backend;
    try {
      backend = KubernetesSandboxBackend.start(client, settings, options);
    } catch (Exception e) {
      client.close();
      throw e;
    }
    DriverServer server;
    try {
      server =
          DriverServer.builder(new ComputeDriverService(wrap.apply(backend), settings, "e2e"))
              .unixSocket(socket)
              .gracePeriod(Duration.ofSeconds(2))
              .start();
    } catch (Exception e) {
      backend.close();
      client.close();
      throw e;
    }
    return new SocketDriver(client, backend, server, DriverConnection.unixSocket(socket));
  }

  KubernetesSandboxBackend backend() {
    return backend;
  }

  /** The client's connection to the socket, for calls made without the generated stubs. */
  Channel channel() {
    return connection.channel();
  }

  /**
   * A stub whose every call gets its own deadline of {@code seconds}. (A stub's {@code
   * withDeadlineAfter} fixes one instant for all its calls, so on a loaded machine a slow first
   * call would eat the later calls' time.)
   */
  ComputeDriverGrpc.ComputeDriverBlockingStub stub(long seconds) {
    return ComputeDriverGrpc.newBlockingStub(connection.channel())
        .withInterceptors(
            new ClientInterceptor() {
              @Override
              public <Q, A> ClientCall<Q, A> interceptCall(
                  MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
                return next.newCall(method, options.withDeadlineAfter(seconds, TimeUnit.SECONDS));
              }
            });
  }

  ComputeDriverGrpc.ComputeDriverBlockingStub stub() {
    return stub(10);
  }

  /** Opens a WatchSandboxes stream whose items and end land in the returned recorder. */
  WatchRecorder watch() {
    WatchRecorder recorder = new WatchRecorder();
    ComputeDriverGrpc.newStub(connection.channel())
        .watchSandboxes(WatchSandboxesRequest.getDefaultInstance(), recorder);
    return recorder;
  }

  @Override
  public void close() {
    connection.close();
    server.close();
    backend.close();
    client.close();
  }

  /** Collects one watch stream. */
  static final class WatchRecorder implements StreamObserver<WatchSandboxesEvent> {
    final BlockingQueue<WatchSandboxesEvent> events = new LinkedBlockingQueue<>();
    final BlockingQueue<Status> end = new LinkedBlockingQueue<>();

    @Override
    public void onNext(WatchSandboxesEvent value) {
      events.add(value);
    }

    @Override
    public void onError(Throwable t) {
      end.add(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      end.add(Status.OK);
    }

    /** The next event, failing the test after five seconds. */
    WatchSandboxesEvent next() throws InterruptedException {
      WatchSandboxesEvent e = events.poll(5, TimeUnit.SECONDS);
      if (e == null) {
        throw new AssertionError("no watch event within 5s");
      }
      return e;
    }

    /** How the stream ended, failing the test after five seconds. */
    Status ended() throws InterruptedException {
      Status s = end.poll(5, TimeUnit.SECONDS);
      if (s == null) {
        throw new AssertionError("the watch did not end within 5s");
      }
      return s;
    }
  }
}
