package dev.berth.grpc.e2e;

import static dev.berth.grpc.testing.Sandboxes.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.ListSandboxesRequest;
import dev.berth.grpc.proto.WatchSandboxesEvent;
import dev.berth.plan.SandboxApiVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway creating many sandboxes at once: 200 CreateSandbox calls from 16 threads over one
 * socket all succeed, and ListSandboxes then shows every one of them (served from the informer's
 * view, which Create updates before the watch reports the object).
 */
class ConcurrentCreateIT {

  static final int SANDBOXES = 200;
  static final int THREADS = 16;
  static final String NAMESPACE = LifecycleIT.GATEWAY_NAMESPACE;

  @TempDir Path tmp;

  @Test
  void twoHundredConcurrentCreatesAllLand() throws Exception {
    try (MockCluster cluster = MockCluster.start(SandboxApiVersion.V1BETA1, NAMESPACE);
        SocketDriver driver =
            SocketDriver.start(
                cluster, LifecycleIT.settingsFor("shared"), tmp.resolve("driver.sock"))) {
      SocketDriver.WatchRecorder watch = driver.watch();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      long started = System.nanoTime();
      try {
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < SANDBOXES; i++) {
          String name = "sb-%03d".formatted(i);
          calls.add(
              pool.submit(
                  () ->
                      driver
                          .stub(15)
                          .createSandbox(
                              CreateSandboxRequest.newBuilder()
                                  .setSandbox(minimal("id-" + name, name))
                                  .build())));
        }
        for (Future<?> call : calls) {
          call.get(20, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      List<String> listed =
          driver
              .stub()
              .listSandboxes(ListSandboxesRequest.getDefaultInstance())
              .getSandboxesList()
              .stream()
              .map(DriverSandbox::getName)
              .toList();
      List<String> expected = IntStream.range(0, SANDBOXES).mapToObj("sb-%03d"::formatted).toList();
      assertThat(listed).containsExactlyElementsOf(expected);
      assertThat(cluster.sandboxes(SandboxApiVersion.V1BETA1, NAMESPACE)).hasSize(SANDBOXES);
      assertThat(took).as("200 creates").isLessThan(Duration.ofSeconds(20));

      // A watch open during the burst reports every new sandbox.
      Set<String> watched = new HashSet<>();
      while (watched.size() < SANDBOXES) {
        WatchSandboxesEvent e = watch.next();
        assertThat(e.hasSandbox()).as("event %s", e).isTrue();
        watched.add(e.getSandbox().getSandbox().getName());
      }
      assertThat(watched).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(watch.end).isEmpty();
    }
  }
}
