package dev.berth.grpc.e2e;

import static dev.berth.grpc.testing.Sandboxes.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.WatchSandboxesEvent;
import dev.berth.plan.SandboxApiVersion;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watch that loses the API server must not go quiet: the gateway's stream ends with UNAVAILABLE
 * (so it re-subscribes), and once the driver has its connection back a new watch starts with a full
 * snapshot, including what changed while the old stream was gone.
 */
class WatchRecoveryIT {

  static final String NAMESPACE = LifecycleIT.GATEWAY_NAMESPACE;
  static final SandboxApiVersion VERSION = SandboxApiVersion.V1BETA1;

  @TempDir Path tmp;

  @Test
  void aDroppedApiConnectionEndsTheStreamAndANewWatchGetsAFullSnapshot() throws Exception {
    try (MockCluster cluster = MockCluster.start(VERSION, NAMESPACE);
        SocketDriver driver =
            SocketDriver.start(
                cluster, LifecycleIT.settingsFor("shared"), tmp.resolve("driver.sock"))) {
      for (String name : List.of("alpha", "beta")) {
        driver
            .stub()
            .createSandbox(
                CreateSandboxRequest.newBuilder().setSandbox(minimal("sb-" + name, name)).build());
      }
      SocketDriver.WatchRecorder watch = driver.watch();
      assertThat(snapshotIds(watch, 2)).containsExactly("sb-alpha", "sb-beta");

      cluster.outage(
          () -> {
            Status ended = watch.ended();
            assertThat(ended.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(ended.getDescription())
                .startsWith("the sandbox watch stopped: watch of Sandbox resources ended")
                .endsWith("; re-subscribe to receive a full snapshot");
          });

      // Changed while no stream was open: the next snapshot must have it. (The mock replays
      // current objects when a watch resumes but not deletions, so the change is a status write.)
      cluster.markRunning(VERSION, NAMESPACE, "team-a--alpha");

      // Until the driver is back, new watches are refused rather than left silent; then the
      // first one that is accepted starts with every sandbox as it is now.
      SocketDriver.WatchRecorder[] accepted = new SocketDriver.WatchRecorder[1];
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                accepted[0] = openWatch(driver).call();
                return accepted[0] != null && readyAlpha(accepted[0]);
              });

      // Platform events flow again too: the event feed reconnected on its own.
      cluster.emitEvent(NAMESPACE, "team-a--beta", "Pulling", "Pulling image \"busybox\"");
      WatchSandboxesEvent pulling = accepted[0].next();
      while (!(pulling.hasPlatformEvent()
          && pulling.getPlatformEvent().getEvent().getReason().equals("Pulling"))) {
        pulling = accepted[0].next();
      }
      assertThat(pulling.getPlatformEvent().getSandboxId()).isEqualTo("sb-beta");
    }
  }

  /** Whether the first snapshot item of {@code w} is alpha with its Ready condition. */
  private static boolean readyAlpha(SocketDriver.WatchRecorder w) throws InterruptedException {
    List<WatchSandboxesEvent> snapshot = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      snapshot.add(w.next());
    }
    assertThat(snapshot).allMatch(WatchSandboxesEvent::hasSandbox);
    assertThat(snapshot)
        .extracting(e -> e.getSandbox().getSandbox().getId())
        .containsExactly("sb-alpha", "sb-beta");
    return snapshot.get(0).getSandbox().getSandbox().getStatus().getConditionsList().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  /**
   * Opens a watch and returns it once it delivers, or null (awaitility retries) when the driver
   * refused it because it is still reconnecting.
   */
  private static Callable<SocketDriver.WatchRecorder> openWatch(SocketDriver driver) {
    return () -> {
      SocketDriver.WatchRecorder w = driver.watch();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (System.nanoTime() < deadline) {
        if (!w.events.isEmpty()) {
          return w;
        }
        Status end = w.end.poll(50, TimeUnit.MILLISECONDS);
        if (end != null) {
          assertThat(end.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
          return null;
        }
      }
      throw new AssertionError("a watch neither delivered nor ended within 5s");
    };
  }

  private static List<String> snapshotIds(SocketDriver.WatchRecorder watch, int count)
      throws InterruptedException {
    List<String> ids = new ArrayList<>();
    while (ids.size() < count) {
      WatchSandboxesEvent e = watch.next();
      assertThat(e.hasSandbox()).as("snapshot item %s", e).isTrue();
      ids.add(e.getSandbox().getSandbox().getId());
    }
    return ids;
  }
}
