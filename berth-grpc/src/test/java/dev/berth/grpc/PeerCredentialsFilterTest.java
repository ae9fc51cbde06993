package dev.berth.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.grpc.PeerCredentialsFilter.Peer;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The accept decision, with embedded channels standing in for accepted connections: a real
 * connection from another uid needs a second user, which {@code DriverServerIT} simulates instead
 * by expecting a uid nobody has.
 */
class PeerCredentialsFilterTest {

  private static EmbeddedChannel listener(Map<Channel, Optional<Peer>> peers) {
    return new EmbeddedChannel(
        new PeerCredentialsFilter(
            1000,
            child -> {
              Optional<Peer> peer = peers.get(child);
              if (peer == null) {
                throw new IOException("getsockopt failed");
              }
              return peer;
            }));
  }

  @Test
  void sameUidPeersPassThrough() {
    EmbeddedChannel child = new EmbeddedChannel();
    EmbeddedChannel listener = listener(Map.of(child, Optional.of(new Peer(42, 1000))));

    listener.writeInbound(child);

    assertThat(listener.<Object>readInbound()).isSameAs(child);
    assertThat(child.isOpen()).isTrue();
  }

  @Test
  void otherUidsAreClosedAndNotPassedOn() {
    EmbeddedChannel child = new EmbeddedChannel();
    EmbeddedChannel listener = listener(Map.of(child, Optional.of(new Peer(42, 0))));

    listener.writeInbound(child);

    assertThat(listener.<Object>readInbound()).isNull();
    assertThat(child.isOpen()).isFalse();
  }

  @Test
  void unreadableCredentialsAreRefused() {
    EmbeddedChannel child = new EmbeddedChannel();
    EmbeddedChannel listener = listener(Map.of());

    listener.writeInbound(child);

    assertThat(listener.<Object>readInbound()).isNull();
    assertThat(child.isOpen()).isFalse();
  }

  @Test
  void platformsWithoutCredentialsAreAccepted() {
    EmbeddedChannel child = new EmbeddedChannel();
    EmbeddedChannel listener = listener(Map.of(child, Optional.empty()));

    listener.writeInbound(child);

    assertThat(listener.<Object>readInbound()).isSameAs(child);
  }
}
