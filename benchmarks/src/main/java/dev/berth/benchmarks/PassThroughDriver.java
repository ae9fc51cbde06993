package dev.berth.benchmarks;

import dev.berth.grpc.DriverServer;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.CreateSandboxResponse;
import dev.berth.render.agentsandbox.AgentSandbox;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The cheapest CreateSandbox a gRPC driver could serve: the same socket transport as Berth's server
 * (epoll Unix socket, one acceptor and two worker event loops, gRPC's default executor), no
 * interceptors, no validation, no rendering; the handler only looks up an object rendered in
 * advance and makes the raw fabric8 create of it. Its latency over the raw create is what gRPC and
 * the socket cost on this machine with grpc-java's Netty transport, whatever the driver does.
 */
final class PassThroughDriver implements AutoCloseable {

  private final Server server;
  private final EventLoopGroup boss;
  private final EventLoopGroup worker;

  private PassThroughDriver(Server server, EventLoopGroup boss, EventLoopGroup worker) {
    this.server = server;
    this.boss = boss;
    this.worker = worker;
  }

  /**
   * Serves on {@code socket} a CreateSandbox that creates {@code objects.get(sandbox id)} with
   * {@code client}.
   */
  static PassThroughDriver start(
      Path socket, KubernetesClient client, Map<String, AgentSandbox> objects) throws IOException {
    Files.createDirectories(socket.getParent());
    // The transport settings mirror DriverServer's Unix-socket server.
    EventLoopGroup boss = group("bench-floor-accept", DriverServer.ACCEPT_THREADS);
    EventLoopGroup worker = group("bench-floor", DriverServer.WORKER_THREADS);
    Server server;
    try {
      server =
          NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
              .channelType(EpollServerDomainSocketChannel.class)
              .bossEventLoopGroup(boss)
              .workerEventLoopGroup(worker)
              // As in Berth's server: no TCP keepalive option on a Unix socket.
              .withChildOption(ChannelOption.SO_KEEPALIVE, null)
              .addService(new Service(client, objects))
              .build()
              .start();
    } catch (IOException | RuntimeException e) {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      worker.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
    return new PassThroughDriver(server, boss, worker);
  }

  /** Where the floor listens, for the report. */
  String target() {
    return server.getListenSockets().toString();
  }

  private static EventLoopGroup group(String name, int threads) {
    return new MultiThreadIoEventLoopGroup(
        threads, new DefaultThreadFactory(name, true), EpollIoHandler.newFactory());
  }

  @Override
  public void close() {
    try {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      worker.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  private static final class Service extends ComputeDriverGrpc.ComputeDriverImplBase {
    private final KubernetesClient client;
    private final Map<String, AgentSandbox> objects;

    Service(KubernetesClient client, Map<String, AgentSandbox> objects) {
      this.client = client;
      this.objects = objects;
    }

    @Override
    public void createSandbox(
        CreateSandboxRequest request, StreamObserver<CreateSandboxResponse> observer) {
      Optional<AgentSandbox> object =
          Optional.ofNullable(objects.get(request.getSandbox().getId()));
      if (object.isEmpty()) {
        observer.onError(Status.NOT_FOUND.withDescription("no object prepared").asException());
        return;
      }
      try {
        client.resource(object.get()).create();
      } catch (RuntimeException e) {
        observer.onError(Status.INTERNAL.withDescription(e.getMessage()).asException());
        return;
      }
      observer.onNext(CreateSandboxResponse.getDefaultInstance());
      observer.onCompleted();
    }
  }
}
