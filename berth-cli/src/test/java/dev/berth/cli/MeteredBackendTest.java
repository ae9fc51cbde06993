package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.driver.DriverException;
import dev.berth.driver.RuntimeStart;
import dev.berth.grpc.testing.FakeBackend;
import dev.berth.grpc.testing.Sandboxes;
import dev.berth.naming.Generation;
import dev.berth.plan.LaunchAuthentication;
import dev.berth.render.isolation.IsolationScenarios;
import dev.berth.testing.TestPlans;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MeteredBackendTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FakeBackend fake = new FakeBackend();
  private final MeteredBackend backend = new MeteredBackend(fake, registry);

  @Test
  void timesEachOperationByOutcome() throws Exception {
    backend.ensureWorkspace("team-a");
    fake.failNext(
        "delete", new DriverException(DriverException.Kind.UNAVAILABLE, "API server down"));
    assertThatThrownBy(() -> backend.delete("sb-1")).isInstanceOf(DriverException.class);

    assertThat(
            registry
                .get(MeteredBackend.CALLS)
                .tags("operation", "ensure_workspace", "outcome", "ok")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get(MeteredBackend.CALLS)
                .tags("operation", "delete", "outcome", "unavailable")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aTwoPodCreateAndStartAreTimedAsCreateAndStart() throws Exception {
    LaunchAuthentication launch =
        LaunchAuthentication.parse(IsolationScenarios.launchAuthentication("g", "s")).orElseThrow();
    backend.createIsolated(IsolationScenarios.render(TestPlans.builder(), Generation.G2), launch);
    backend.start(
        "sb-1",
        new RuntimeStart.Rotate(Optional.empty(), "g1", Optional.empty(), s -> {}),
        Optional.of(launch));

    for (String operation : new String[] {"create", "start"}) {
      assertThat(
              registry
                  .get(MeteredBackend.CALLS)
                  .tags("operation", operation, "outcome", "ok")
                  .timer()
                  .count())
          .as(operation)
          .isEqualTo(1);
    }
  }

  @Test
  void cacheReadsAreNotTimedButTheCacheSizeIsAGauge() throws Exception {
    fake.put(Sandboxes.running("sb-1", "demo"));
    backend.list();
    backend.get("sb-1");

    assertThat(registry.find(MeteredBackend.CALLS).timers()).isEmpty();
    assertThat(registry.get(MeteredBackend.CACHED).gauge().value()).isEqualTo(1.0);
  }
}
