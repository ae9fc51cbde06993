package dev.berth.grpc.e2e;

import static dev.berth.grpc.testing.InProcessDriver.assertStatus;
import static dev.berth.grpc.testing.InProcessDriver.failure;
import static dev.berth.grpc.testing.Sandboxes.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.grpc.proto.ComputeDriverGrpc.ComputeDriverBlockingStub;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.GetSandboxRequest;
import dev.berth.grpc.proto.StopSandboxRequest;
import dev.berth.plan.SandboxApiVersion;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop's own deadline: when agent-sandbox never reports the sandbox stopped, Stop gives up after
 * the pod's termination grace period plus the headroom, with upstream's sentence, and leaves the
 * stop requested. Here the grace period is 0 and the headroom 1 s, so the wait is 1 s.
 */
class StopDeadlineIT {

  static final String NAMESPACE = LifecycleIT.GATEWAY_NAMESPACE;
  static final String RESOURCE = StopIT.RESOURCE;

  @TempDir Path tmp;

  @Test
  void aStopNeverReportedEndsAtGracePeriodPlusHeadroomAndStaysRequested() throws Exception {
    SandboxApiVersion version = SandboxApiVersion.V1BETA1;
    try (MockCluster cluster = MockCluster.start(version, NAMESPACE);
        SocketDriver driver =
            SocketDriver.start(
                cluster,
                LifecycleIT.settingsFor("shared"),
                tmp.resolve("driver.sock"),
                Duration.ofSeconds(10),
                SocketDriver.OPTIONS.withStopHeadroom(Duration.ofSeconds(1)))) {
      ComputeDriverBlockingStub stub = driver.stub(30);
      stub.createSandbox(
          CreateSandboxRequest.newBuilder().setSandbox(minimal("sb-1", "alpha")).build());
      cluster.markRunning(version, NAMESPACE, RESOURCE);
      cluster.sandbox(version, NAMESPACE, RESOURCE).edit(StopDeadlineIT::withoutGracePeriod);

      long start = System.nanoTime();
      StatusRuntimeException e =
          failure(
              () -> stub.stopSandbox(StopSandboxRequest.newBuilder().setSandboxId("sb-1").build()));
      Duration waited = Duration.ofNanos(System.nanoTime() - start);

      assertStatus(
          e,
          Status.Code.DEADLINE_EXCEEDED,
          "timed out after 1s waiting for Kubernetes sandbox to stop");
      // The driver's own deadline, not the caller's 30 s one.
      assertThat(waited).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(15));
      // Giving up on the wait does not undo the stop: the controller may still act on it.
      assertThat(LifecycleIT.operatingState(cluster, version, NAMESPACE, RESOURCE))
          .isEqualTo("stopped");
      // And the driver keeps serving the sandbox.
      assertThat(
              stub.getSandbox(GetSandboxRequest.newBuilder().setSandboxId("sb-1").build())
                  .getSandbox()
                  .getId())
          .isEqualTo("sb-1");
    }
  }

  @SuppressWarnings("unchecked")
  private static GenericKubernetesResource withoutGracePeriod(GenericKubernetesResource sandbox) {
    Map<String, Object> spec = (Map<String, Object>) sandbox.getAdditionalProperties().get("spec");
    Map<String, Object> template = (Map<String, Object>) spec.get("podTemplate");
    Map<String, Object> podSpec = (Map<String, Object>) template.get("spec");
    podSpec.put("terminationGracePeriodSeconds", 0);
    return sandbox;
  }
}
