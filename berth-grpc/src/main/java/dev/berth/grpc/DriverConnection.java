package dev.berth.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A client connection to a driver, for the CLI and tests, over the same transport the gateway uses.
 * Closing it also stops its event loop, so a short-lived command exits at once.
 */
public final class DriverConnection implements AutoCloseable {

  /**
   * Violation lists travel in trailers of up to about 12 KiB (see {@link StatusMapping}); gRPC
   * Java's 8 KiB default would turn a long list into "http2 exception".
   */
  static final int MAX_METADATA = 64 * 1024;

  private final ManagedChannel channel;
  private final Optional<EventLoopGroup> group;

  private DriverConnection(ManagedChannel channel, Optional<EventLoopGroup> group) {
    this.channel = channel;
    this.group = group;
  }

  /** A plaintext connection to the driver's Unix socket. */
  public static DriverConnection unixSocket(Path socket) {
    if (!Epoll.isAvailable()) {
      throw new IllegalStateException(
          "connecting to a Unix socket needs Linux epoll, which is unavailable here ("
              + Epoll.unavailabilityCause()
              + "); use --address instead");
    }
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("berth-client", true), EpollIoHandler.newFactory());
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toAbsolutePath().toString()))
            .channelType(EpollDomainSocketChannel.class)
            .eventLoopGroup(group)
            // TCP keepalive means nothing on a Unix socket; Netty would warn on every connect.
            .withOption(ChannelOption.SO_KEEPALIVE, null)
            .maxInboundMetadataSize(MAX_METADATA)
            .usePlaintext()
            .build();
    return new DriverConnection(channel, Optional.of(group));
  }

  /** A plaintext connection to {@code host:port}. */
  public static DriverConnection tcp(String hostPort) {
    return new DriverConnection(
        NettyChannelBuilder.forTarget(hostPort)
            .maxInboundMetadataSize(MAX_METADATA)
            .usePlaintext()
            .build(),
        Optional.empty());
  }

  public ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    group.ifPresent(g -> g.shutdownGracefully(0, 1, TimeUnit.SECONDS));
  }
}
