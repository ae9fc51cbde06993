package dev.berth.grpc;

import com.sun.security.auth.module.UnixSystem;
import dev.berth.settings.DriverSettings;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Serves the ComputeDriver service, gRPC health and reflection on a private Unix socket (the
 * gateway's {@code --compute-driver-socket}) or, without one, on TCP. {@link #close} is the
 * graceful shutdown SIGTERM asks for.
 */
public final class DriverServer implements AutoCloseable {

  /**
   * A {@code host:port} or {@code [v6]:port} address the settings already checked, as a socket
   * address; also used for the metrics endpoint's address.
   */
  public static InetSocketAddress socketAddress(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
  }

  /**
   * How long in-flight calls may take after shutdown starts. Kubernetes kills the pod 30 s after
   * SIGTERM by default; this leaves time for the rest of the shutdown.
   */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

  /** Event-loop threads accepting connections; one is plenty for a gateway or two. */
  public static final int ACCEPT_THREADS = 1;

  /**
   * Event-loop threads for connection I/O. Handlers run on gRPC's executor, so the loops only frame
   * HTTP/2; two keep a slow frame on one connection from stalling the others.
   */
  public static final int WORKER_THREADS = 2;

  private final Server server;
  private final HealthStatusManager health;
  private final ComputeDriverService service;
  private final Optional<SocketPath> socket;
  private final EventLoopGroup boss;
  private final EventLoopGroup worker;
  private final Duration grace;
  private final String target;
  private boolean closed;

  private DriverServer(
      Builder b,
      Optional<SocketPath> socket,
      EventLoopGroup boss,
      EventLoopGroup worker,
      Server server,
      HealthStatusManager health,
      String target) {
    this.service = b.service;
    this.grace = b.grace;
    this.socket = socket;
    this.boss = boss;
    this.worker = worker;
    this.server = server;
    this.health = health;
    this.target = target;
  }

  public static Builder builder(ComputeDriverService service) {
    return new Builder(service);
  }

  /** Where clients connect: {@code unix:///path} or {@code host:port} (with the bound port). */
  public String target() {
    return target;
  }

  /** Blocks until the server has shut down. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * Graceful shutdown: report NOT_SERVING, stop accepting, end watch streams (they never end on
   * their own), let other in-flight calls finish within the grace period, then stop the event loops
   * without Netty's default 2 s quiet period and remove the socket.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    health.enterTerminalState();
    server.shutdown();
    service.closeWatches();
    try {
      if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    worker.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    socket.ifPresent(SocketPath::remove);
  }

  /** Configures and starts a server. */
  public static final class Builder {
    private final ComputeDriverService service;
    private Path socketPath;
    private String address = "127.0.0.1:0";
    private MeterRegistry registry = new SimpleMeterRegistry();
    private Duration grace = DEFAULT_GRACE;
    private Integer peerUid;

    private Builder(ComputeDriverService service) {
      this.service = Objects.requireNonNull(service, "service");
    }

    /** Serve where the settings say: the socket when one is set, else the TCP address. */
    public Builder listen(DriverSettings.Serving serving) {
      serving
          .bindSocket()
          .ifPresentOrElse(s -> unixSocket(Path.of(s)), () -> tcp(serving.bindAddress()));
      return this;
    }

    public Builder unixSocket(Path path) {
      this.socketPath = path;
      return this;
    }

    /** A {@code host:port} or {@code [v6]:port} address; port 0 picks a free one. */
    public Builder tcp(String hostPort) {
      this.socketPath = null;
      this.address = hostPort;
      return this;
    }

    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = registry;
      return this;
    }

    public Builder gracePeriod(Duration grace) {
      this.grace = grace;
      return this;
    }

    /** The uid socket peers must have; this process's by default. A seam for tests. */
    Builder peerUid(int uid) {
      this.peerUid = uid;
      return this;
    }

    public DriverServer start() throws StartupException {
      return socketPath != null ? startUnix() : startTcp();
    }

    private DriverServer startUnix() throws StartupException {
      if (!Epoll.isAvailable()) {
        throw new StartupException(
            "serving on a Unix socket needs Linux epoll, which is unavailable here ("
                + Epoll.unavailabilityCause()
                + "); use --bind-address instead");
      }
      int ownUid = (int) new UnixSystem().getUid();
      SocketPath path = new SocketPath(socketPath, ownUid);
      path.prepare();
      int allowed = peerUid == null ? ownUid : peerUid;
      EventLoopGroup boss = group("berth-uds-accept", ACCEPT_THREADS, true);
      EventLoopGroup worker = group("berth-uds", WORKER_THREADS, true);
      NettyServerBuilder nb =
          NettyServerBuilder.forAddress(new DomainSocketAddress(path.path().toString()))
              .channelFactory(
                  () -> {
                    EpollServerDomainSocketChannel channel = new EpollServerDomainSocketChannel();
                    channel
                        .pipeline()
                        .addFirst(new PeerCredentialsFilter(allowed, PeerCredentialsFilter.EPOLL));
                    return channel;
                  })
              .bossEventLoopGroup(boss)
              .workerEventLoopGroup(worker)
              // gRPC asks for TCP keepalive on every connection; a Unix socket has none, and Netty
              // would warn about the unknown option on each accept. Null removes the option.
              .withChildOption(ChannelOption.SO_KEEPALIVE, null);
      HealthStatusManager health = new HealthStatusManager();
      Server server = bind(nb, health, boss, worker, path.path().toString());
      try {
        path.restrict();
      } catch (StartupException e) {
        server.shutdownNow();
        shutdown(boss, worker);
        path.remove();
        throw e;
      }
      return serving(
          new DriverServer(
              this, Optional.of(path), boss, worker, server, health, "unix://" + path.path()));
    }

    private DriverServer startTcp() throws StartupException {
      InetSocketAddress bind = socketAddress(address);
      EventLoopGroup boss = group("berth-tcp-accept", ACCEPT_THREADS, false);
      EventLoopGroup worker = group("berth-tcp", WORKER_THREADS, false);
      NettyServerBuilder nb =
          NettyServerBuilder.forAddress(bind)
              .channelType(NioServerSocketChannel.class)
              .bossEventLoopGroup(boss)
              .workerEventLoopGroup(worker);
      HealthStatusManager health = new HealthStatusManager();
      Server server = bind(nb, health, boss, worker, address);
      SocketAddress bound = server.getListenSockets().get(0);
      int port = bound instanceof InetSocketAddress inet ? inet.getPort() : bind.getPort();
      String host = bind.getHostString();
      String target = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
      return serving(
          new DriverServer(this, Optional.empty(), boss, worker, server, health, target));
    }

    private Server bind(
        NettyServerBuilder nb,
        HealthStatusManager health,
        EventLoopGroup boss,
        EventLoopGroup worker,
        String where)
        throws StartupException {
      MetricsInterceptor metrics = new MetricsInterceptor(registry);
      LoggingInterceptor logging = new LoggingInterceptor();
      // The last interceptor runs first: metrics time the whole call, logging included. Requests
      // are parsed at the edge, before either, so malformed bytes are refused as bad input.
      for (ServerServiceDefinition definition : service.definitions()) {
        nb.addService(
            RequestEdge.guard(ServerInterceptors.intercept(definition, logging, metrics)));
      }
      nb.addService(health.getHealthService()).addService(ProtoReflectionServiceV1.newInstance());
      Server server = nb.build();
      try {
        return server.start();
      } catch (IOException e) {
        shutdown(boss, worker);
        throw new StartupException("cannot listen on " + where + ": " + e.getMessage(), e);
      }
    }

    /** Reports SERVING only now that the listener is up and, for a socket, restricted. */
    private static DriverServer serving(DriverServer server) {
      server.health.setStatus("", ServingStatus.SERVING);
      for (ServerServiceDefinition definition : server.service.definitions()) {
        server.health.setStatus(definition.getServiceDescriptor().getName(), ServingStatus.SERVING);
      }
      return server;
    }

    private static EventLoopGroup group(String name, int threads, boolean epoll) {
      return new MultiThreadIoEventLoopGroup(
          threads,
          new DefaultThreadFactory(name, true),
          epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    private static void shutdown(EventLoopGroup boss, EventLoopGroup worker) {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      worker.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }
}
