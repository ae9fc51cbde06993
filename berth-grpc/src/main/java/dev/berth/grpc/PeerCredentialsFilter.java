package dev.berth.grpc;

import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.PeerCredentials;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops Unix socket connections from other users, as upstream's {@code SameUidUnixIncoming}. It
 * sits first in the listening channel's pipeline, where each accepted connection passes as a
 * message before gRPC sets it up, so a refused peer never reaches a gRPC transport.
 *
 * <p>The socket's 0700 directory already keeps other users out; this is the second wall, for
 * processes that got hold of the path another way (a passed descriptor, a bind mount).
 */
@ChannelHandler.Sharable
final class PeerCredentialsFilter extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(PeerCredentialsFilter.class);

  /** The peer of an accepted connection; a seam so the decision is testable without sockets. */
  @FunctionalInterface
  interface PeerLookup {
    /** The peer's credentials, or empty when the platform cannot tell. */
    Optional<Peer> peer(Channel child) throws IOException;
  }

  /** What {@code SO_PEERCRED} reports. */
  record Peer(int pid, int uid) {}

  static final PeerLookup EPOLL =
      child -> {
        if (child instanceof EpollDomainSocketChannel uds) {
          PeerCredentials c = uds.peerCredentials();
          return Optional.of(new Peer(c.pid(), c.uid()));
        }
        return Optional.empty();
      };

  private final int uid;
  private final PeerLookup lookup;

  PeerCredentialsFilter(int uid, PeerLookup lookup) {
    this.uid = uid;
    this.lookup = lookup;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Channel child)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Optional<Peer> peer;
    try {
      peer = lookup.peer(child);
    } catch (IOException e) {
      LOG.warn(
          "refused a driver socket connection: cannot read its peer credentials: {}", e.toString());
      child.unsafe().closeForcibly();
      return;
    }
    if (peer.isPresent() && peer.get().uid() != uid) {
      LOG.warn(
          "refused a driver socket connection from uid {} (pid {}); only uid {} may connect",
          peer.get().uid(),
          peer.get().pid(),
          uid);
      // Not registered yet, so closing the descriptor directly is the whole cleanup.
      child.unsafe().closeForcibly();
      return;
    }
    ctx.fireChannelRead(child);
  }
}
