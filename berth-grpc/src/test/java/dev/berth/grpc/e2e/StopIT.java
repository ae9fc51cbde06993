package dev.berth.grpc.e2e;

import static dev.berth.grpc.testing.InProcessDriver.assertStatus;
import static dev.berth.grpc.testing.InProcessDriver.failure;
import static dev.berth.grpc.testing.Sandboxes.minimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.driver.DriverException;
import dev.berth.driver.SandboxBackend;
import dev.berth.grpc.proto.ComputeDriverGrpc.ComputeDriverBlockingStub;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.StartSandboxRequest;
import dev.berth.grpc.proto.StopSandboxRequest;
import dev.berth.plan.SandboxApiVersion;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StopSandbox blocks until agent-sandbox reports the sandbox stopped; these are the ways that wait
 * can end other than "stopped": a stale report from an earlier stop, a refusal, the sandbox going
 * away.
 */
class StopIT {

  static final String NAMESPACE = LifecycleIT.GATEWAY_NAMESPACE;
  static final SandboxApiVersion VERSION = SandboxApiVersion.V1BETA1;
  static final String RESOURCE = "team-a--alpha";

  @TempDir Path tmp;

  @AutoClose private ClusterDriver env;
  private MockCluster cluster;
  private ComputeDriverBlockingStub stub;

  /** Completes when a stop call inside the driver returns, with what it threw. */
  private final BlockingQueue<Optional<Throwable>> stopsEnded = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    env =
        ClusterDriver.start(
            MockCluster.start(VERSION, NAMESPACE),
            c ->
                SocketDriver.start(
                    c,
                    LifecycleIT.settingsFor("shared"),
                    tmp.resolve("driver.sock"),
                    Duration.ofSeconds(10),
                    SocketDriver.OPTIONS,
                    this::recordingStops));
    cluster = env.cluster();
    stub = env.driver().stub();
    stub.createSandbox(
        CreateSandboxRequest.newBuilder().setSandbox(minimal("sb-1", "alpha")).build());
    cluster.markRunning(VERSION, NAMESPACE, RESOURCE);
  }

  private CompletableFuture<Void> stopAsync() {
    return CompletableFuture.runAsync(
        () -> stub.stopSandbox(StopSandboxRequest.newBuilder().setSandboxId("sb-1").build()));
  }

  private void awaitStopPatch() {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> LifecycleIT.operatingState(cluster, VERSION, NAMESPACE, RESOURCE),
            "stopped"::equals);
  }

  private static void assertStillWaiting(CompletableFuture<Void> stop) {
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(1))
        .until(() -> !stop.isDone());
  }

  @Test
  void aSuspendedReportLeftFromTheLastStopDoesNotEndTheNextStop() throws Exception {
    CompletableFuture<Void> first = stopAsync();
    awaitStopPatch();
    cluster.markStopped(VERSION, NAMESPACE, RESOURCE);
    first.get(5, TimeUnit.SECONDS);
    stub.startSandbox(StartSandboxRequest.newBuilder().setSandboxId("sb-1").build());

    // The status still says Suspended=True, observed for an older generation.
    CompletableFuture<Void> second = stopAsync();
    awaitStopPatch();
    assertStillWaiting(second);

    cluster.markStopped(VERSION, NAMESPACE, RESOURCE);
    second.get(5, TimeUnit.SECONDS);
  }

  @Test
  void aRefusalFromTheControllerFailsTheStopWithItsMessage() {
    CompletableFuture<Void> stop = stopAsync();
    awaitStopPatch();
    long generation =
        cluster.sandbox(VERSION, NAMESPACE, RESOURCE).get().getMetadata().getGeneration();

    cluster.writeStatus(
        VERSION,
        NAMESPACE,
        RESOURCE,
        List.of(
            MockCluster.condition(
                "Suspended",
                "False",
                "PodNotOwned",
                "pod team-a--alpha is not controlled by this Sandbox",
                generation)));

    assertStatus(
        failureOf(stop),
        Status.Code.INTERNAL,
        "Kubernetes sandbox stop rejected: pod team-a--alpha is not controlled by this Sandbox");
  }

  @Test
  void aSandboxDeletedDuringTheStopEndsItWithNotFound() {
    CompletableFuture<Void> stop = stopAsync();
    awaitStopPatch();
    assertStillWaiting(stop);

    cluster.sandbox(VERSION, NAMESPACE, RESOURCE).delete();

    assertStatus(failureOf(stop), Status.Code.NOT_FOUND, "sandbox not found");
  }

  @Test
  void stoppingAnUnknownSandboxIsNotFound() {
    assertStatus(
        failure(
            () -> stub.stopSandbox(StopSandboxRequest.newBuilder().setSandboxId("nope").build())),
        Status.Code.NOT_FOUND,
        "sandbox not found");
    assertStatus(
        failure(
            () -> stub.startSandbox(StartSandboxRequest.newBuilder().setSandboxId("nope").build())),
        Status.Code.NOT_FOUND,
        "sandbox not found");
  }

  @Test
  void aStopWhoseCallerGivesUpStopsWaitingInTheDriver() throws Exception {
    StatusRuntimeException e =
        failure(
            () ->
                env.driver()
                    .stub(1)
                    .stopSandbox(StopSandboxRequest.newBuilder().setSandboxId("sb-1").build()));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);

    // Without cancellation the driver would wait out the grace period plus headroom (35 s here).
    Optional<Throwable> ended = stopsEnded.poll(3, TimeUnit.SECONDS);
    assertThat(ended).as("the driver's stop wait ended").isNotNull();
    assertThat(ended.orElseThrow())
        .isInstanceOf(DriverException.class)
        .hasMessage("interrupted while waiting for the sandbox to stop");

    // The handler thread is not left interrupted: the next calls on it work.
    for (int i = 0; i < 4; i++) {
      stub.startSandbox(StartSandboxRequest.newBuilder().setSandboxId("sb-1").build());
    }
  }

  /** Wraps the backend so that the end of every stop() is recorded. */
  private SandboxBackend recordingStops(SandboxBackend real) {
    return (SandboxBackend)
        Proxy.newProxyInstance(
            SandboxBackend.class.getClassLoader(),
            new Class<?>[] {SandboxBackend.class},
            (proxy, method, args) -> {
              try {
                Object result = method.invoke(real, args);
                if (method.getName().equals("stop")) {
                  stopsEnded.add(Optional.empty());
                }
                return result;
              } catch (InvocationTargetException x) {
                if (method.getName().equals("stop")) {
                  stopsEnded.add(Optional.of(x.getCause()));
                }
                throw x.getCause();
              }
            });
  }

  private static StatusRuntimeException failureOf(CompletableFuture<Void> call) {
    try {
      call.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException s) {
        return s;
      }
      throw new AssertionError("unexpected failure", e.getCause());
    } catch (Exception e) {
      throw new AssertionError("the call did not end within 5s", e);
    }
    throw new AssertionError("the call should have failed");
  }
}
