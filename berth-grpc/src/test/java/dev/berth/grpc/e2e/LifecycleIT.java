package dev.berth.grpc.e2e;

import static dev.berth.grpc.testing.Sandboxes.minimal;
import static dev.berth.grpc.testing.Sandboxes.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.grpc.proto.ComputeDriverGrpc.ComputeDriverBlockingStub;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DeleteSandboxRequest;
import dev.berth.grpc.proto.DriverCondition;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.GetSandboxRequest;
import dev.berth.grpc.proto.ListSandboxesRequest;
import dev.berth.grpc.proto.StartSandboxRequest;
import dev.berth.grpc.proto.StopSandboxRequest;
import dev.berth.grpc.proto.ValidateSandboxCreateRequest;
import dev.berth.grpc.proto.WatchSandboxesEvent;
import dev.berth.grpc.testing.InProcessDriver;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole sandbox lifecycle as the gateway drives it, over the driver's Unix socket, against the
 * real Kubernetes backend on a mock cluster: validate, create, read, watch (snapshot and platform
 * events), stop (which waits for the controller), start, delete. Every workspace mode and every
 * Sandbox API version. The test plays agent-sandbox's part: it writes status and removes the pod.
 */
class LifecycleIT {

  static final String GATEWAY_NAMESPACE = "agents";
  static final String GATEWAY_ID = "gw1";

  @TempDir Path tmp;

  static Stream<Arguments> clusters() {
    return Stream.of(
        Arguments.of("shared", SandboxApiVersion.V1BETA1),
        Arguments.of("shared", SandboxApiVersion.V1ALPHA1),
        Arguments.of("managed", SandboxApiVersion.V1BETA1),
        Arguments.of("managed", SandboxApiVersion.V1ALPHA1));
  }

  static DriverSettings settingsFor(String mode) {
    return settings(
        "OPENSHELL_WORKSPACE_MODE", mode,
        "OPENSHELL_SANDBOX_NAMESPACE", GATEWAY_NAMESPACE,
        "OPENSHELL_GATEWAY_ID", GATEWAY_ID);
  }

  @ParameterizedTest(name = "{0} workspace, {1}")
  @MethodSource("clusters")
  void aSandboxLivesAndDiesThroughTheSocket(String mode, SandboxApiVersion version)
      throws Exception {
    boolean shared = mode.equals("shared");
    String namespace = shared ? GATEWAY_NAMESPACE : "openshell-" + GATEWAY_ID + "-team-a";
    String resource = shared ? "team-a--alpha" : "alpha";

    try (MockCluster cluster = MockCluster.start(version, GATEWAY_NAMESPACE);
        SocketDriver driver =
            SocketDriver.start(cluster, settingsFor(mode), tmp.resolve("driver.sock"))) {
      assertThat(driver.backend().apiVersion()).isEqualTo(version);
      ComputeDriverBlockingStub stub = driver.stub();
      DriverSandbox request = minimal("sb-1", "alpha");

      // Validate writes nothing: no Sandbox, and in managed mode not even the namespace.
      stub.validateSandboxCreate(
          ValidateSandboxCreateRequest.newBuilder().setSandbox(request).build());
      assertThat(cluster.sandboxes(version, namespace)).isEmpty();
      if (!shared) {
        assertThat(cluster.admin().namespaces().withName(namespace).get()).isNull();
      }

      stub.createSandbox(CreateSandboxRequest.newBuilder().setSandbox(request).build());

      GenericKubernetesResource created = cluster.sandbox(version, namespace, resource).get();
      assertThat(created).as("Sandbox %s/%s", namespace, resource).isNotNull();
      assertThat(created.getApiVersion()).isEqualTo(version.apiVersion());
      assertThat(created.getMetadata().getLabels())
          .containsEntry("openshell.ai/sandbox-id", "sb-1")
          .containsEntry("openshell.ai/gateway-id", GATEWAY_ID);
      if (!shared) {
        assertThat(cluster.admin().namespaces().withName(namespace).get().getMetadata().getLabels())
            .containsEntry("openshell.ai/managed-by", "openshell")
            .containsEntry("openshell.ai/gateway-id", GATEWAY_ID);
      }

      // Read back at once: Create records what it made before the informer reports it.
      DriverSandbox got =
          stub.getSandbox(GetSandboxRequest.newBuilder().setSandboxId("sb-1").build()).getSandbox();
      assertThat(got.getId()).isEqualTo("sb-1");
      assertThat(got.getName()).isEqualTo("alpha");
      assertThat(got.getNamespace()).isEqualTo(namespace);
      assertThat(got.getWorkspace()).isEqualTo("team-a");
      assertThat(stub.listSandboxes(ListSandboxesRequest.getDefaultInstance()).getSandboxesList())
          .extracting(DriverSandbox::getId)
          .containsExactly("sb-1");

      cluster.markRunning(version, namespace, resource);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> hasCondition(stub, "sb-1", "Ready", "True"));

      // A watch starts with the current sandboxes, then relays platform events.
      SocketDriver.WatchRecorder watch = driver.watch();
      WatchSandboxesEvent first = watch.next();
      assertThat(first.hasSandbox()).isTrue();
      assertThat(first.getSandbox().getSandbox().getId()).isEqualTo("sb-1");
      assertThat(first.getSandbox().getSandbox().getStatus().getConditionsList())
          .extracting(DriverCondition::getType)
          .contains("Ready");

      cluster.emitEvent(namespace, resource, "Scheduled", "assigned to node-1");
      WatchSandboxesEvent platform = nextPlatformEvent(watch);
      assertThat(platform.getPlatformEvent().getSandboxId()).isEqualTo("sb-1");
      assertThat(platform.getPlatformEvent().getEvent().getReason()).isEqualTo("Scheduled");
      assertThat(platform.getPlatformEvent().getEvent().getSource()).isEqualTo("kubernetes");
      assertThat(platform.getPlatformEvent().getEvent().getMetadataMap())
          .containsEntry("involved_kind", "Sandbox")
          .containsEntry("involved_name", resource);

      // Stop patches the operating state, then blocks until the controller reports it stopped.
      stopAsTheControllerReports(driver, cluster, version, namespace, resource, "sb-1");
      if (version == SandboxApiVersion.V1BETA1) {
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> hasCondition(stub, "sb-1", "Suspended", "True"));
      }

      // Start patches back and returns without waiting.
      stub.startSandbox(StartSandboxRequest.newBuilder().setSandboxId("sb-1").build());
      assertThat(operatingState(cluster, version, namespace, resource)).isEqualTo("running");

      assertThat(
              stub.deleteSandbox(DeleteSandboxRequest.newBuilder().setSandboxId("sb-1").build())
                  .getDeleted())
          .isTrue();
      assertThat(cluster.sandbox(version, namespace, resource).get()).isNull();
      WatchSandboxesEvent deleted = nextDeletion(watch);
      assertThat(deleted.getDeleted().getSandboxId()).isEqualTo("sb-1");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  stub.listSandboxes(ListSandboxesRequest.getDefaultInstance()).getSandboxesCount()
                      == 0);
      InProcessDriver.assertStatus(
          InProcessDriver.failure(
              () -> stub.getSandbox(GetSandboxRequest.newBuilder().setSandboxId("sb-1").build())),
          Status.Code.NOT_FOUND,
          "sandbox not found");
      // Deleting what is gone is not an error, as upstream.
      assertThat(
              stub.deleteSandbox(DeleteSandboxRequest.newBuilder().setSandboxId("sb-1").build())
                  .getDeleted())
          .isFalse();
    }
  }

  /**
   * Stops a sandbox over the socket and plays agent-sandbox's part: once the patch has landed and
   * the stop is still waiting, reports the sandbox stopped; returns when the stop has.
   */
  static void stopAsTheControllerReports(
      SocketDriver driver,
      MockCluster cluster,
      SandboxApiVersion version,
      String namespace,
      String resource,
      String sandboxId)
      throws Exception {
    CompletableFuture<Void> stop =
        CompletableFuture.runAsync(
            () ->
                driver
                    .stub()
                    .stopSandbox(StopSandboxRequest.newBuilder().setSandboxId(sandboxId).build()));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> operatingState(cluster, version, namespace, resource).equals("stopped"));
    // The mock's watches do not replay history: the wait (a pod watch on v1alpha1) starts first.
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(1))
        .until(() -> !stop.isDone());
    cluster.markStopped(version, namespace, resource);
    stop.get(5, TimeUnit.SECONDS);
  }

  private static boolean hasCondition(
      ComputeDriverBlockingStub stub, String id, String type, String status) {
    List<DriverCondition> conditions =
        stub.getSandbox(GetSandboxRequest.newBuilder().setSandboxId(id).build())
            .getSandbox()
            .getStatus()
            .getConditionsList();
    return conditions.stream()
        .anyMatch(c -> c.getType().equals(type) && c.getStatus().equals(status));
  }

  /** "running", "stopped" or "unset", from the spec field the version uses. */
  static String operatingState(
      MockCluster cluster, SandboxApiVersion version, String namespace, String name) {
    GenericKubernetesResource sandbox = cluster.sandbox(version, namespace, name).get();
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) sandbox.getAdditionalProperties().get("spec");
    if (version == SandboxApiVersion.V1BETA1) {
      Object mode = spec.get("operatingMode");
      return mode == null ? "unset" : mode.equals("Suspended") ? "stopped" : "running";
    }
    Object replicas = spec.get("replicas");
    return replicas == null ? "unset" : ((Number) replicas).intValue() == 0 ? "stopped" : "running";
  }

  private static WatchSandboxesEvent nextPlatformEvent(SocketDriver.WatchRecorder watch)
      throws InterruptedException {
    while (true) {
      WatchSandboxesEvent e = watch.next();
      if (e.hasPlatformEvent()) {
        return e;
      }
    }
  }

  private static WatchSandboxesEvent nextDeletion(SocketDriver.WatchRecorder watch)
      throws InterruptedException {
    while (true) {
      WatchSandboxesEvent e = watch.next();
      if (e.hasDeleted()) {
        return e;
      }
    }
  }
}
