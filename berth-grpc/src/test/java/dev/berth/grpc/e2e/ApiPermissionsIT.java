package dev.berth.grpc.e2e;

import static dev.berth.grpc.testing.Sandboxes.minimal;
import static dev.berth.grpc.testing.Sandboxes.settings;
import static dev.berth.grpc.testing.Sandboxes.withClaim;
import static dev.berth.grpc.testing.Sandboxes.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.grpc.proto.AuthenticateSandboxRequest;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DeleteSandboxRequest;
import dev.berth.grpc.proto.DeleteWorkspaceRequest;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.EnsureWorkspaceRequest;
import dev.berth.grpc.proto.GetCapabilitiesRequest;
import dev.berth.grpc.proto.PeerMetadata;
import dev.berth.grpc.proto.ProtocolVersion;
import dev.berth.grpc.proto.StartSandboxRequest;
import dev.berth.grpc.proto.StopSandboxRequest;
import dev.berth.grpc.proto.ValidateSandboxCreateRequest;
import dev.berth.grpc.testing.InProcessDriver;
import dev.berth.grpc.testing.Sandboxes;
import dev.berth.kubernetes.ApiPermission;
import dev.berth.kubernetes.ApiPermissions;
import dev.berth.naming.Generation;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.WorkspaceMode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves {@link ApiPermissions} minimal: a representative workload per workspace mode (every RPC
 * that reaches the cluster, on both Sandbox API versions, with the settings that switch on optional
 * calls, and a version conflict on Stop) makes every request the declaration holds for that mode.
 * Completeness is checked by every IT: {@link MockCluster#close()} fails on an undeclared request.
 */
class ApiPermissionsIT {

  static final String NAMESPACE = "agents";
  static final String GATEWAY_ID = "gw1";
  static final String CLIENT_TLS = "openshell-client-tls";
  static final String PULL_SECRET = "regcred";

  @TempDir Path tmp;

  static DriverSettings settingsFor(WorkspaceMode mode) {
    return settings(
        "OPENSHELL_WORKSPACE_MODE", mode.value(),
        "OPENSHELL_SANDBOX_NAMESPACE", NAMESPACE,
        "OPENSHELL_GATEWAY_ID", GATEWAY_ID,
        "OPENSHELL_CLIENT_TLS_SECRET_NAME", CLIENT_TLS,
        "OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS", PULL_SECRET,
        "OPENSHELL_MANAGED_SSH_INGRESS_ENABLED", "true",
        "OPENSHELL_MANAGED_SSH_GATEWAY_NAMESPACE", NAMESPACE,
        "OPENSHELL_MANAGED_SSH_GATEWAY_POD_SELECTOR", "app.kubernetes.io/name=openshell",
        "OPENSHELL_SANDBOX_SCC_CLUSTER_ROLE", "openshell-berth-sandbox-combined");
  }

  @ParameterizedTest
  @EnumSource(WorkspaceMode.class)
  void theWorkloadOfAModeUsesEveryPermissionDeclaredForIt(WorkspaceMode mode) throws Exception {
    DriverSettings settings = settingsFor(mode);
    List<ApiRequest> requests = new ArrayList<>();
    int run = 0;
    for (SandboxApiVersion version : SandboxApiVersion.values()) {
      requests.addAll(workload(mode, settings, version, tmp.resolve("s" + run++ + ".sock")));
    }

    assertThat(ApiCoverage.undeclared(requests, settings)).isEmpty();
    List<String> unused =
        ApiPermissions.neededBy(settings).stream()
            .filter(p -> requests.stream().noneMatch(r -> ApiCoverage.exercises(r, p, settings)))
            .map(ApiPermission::describe)
            .toList();
    assertThat(unused)
        .as("declared for %s mode but never requested; remove them or exercise them here", mode)
        .isEmpty();
  }

  private List<ApiRequest> workload(
      WorkspaceMode mode, DriverSettings settings, SandboxApiVersion version, Path socket)
      throws Exception {
    boolean shared = mode == WorkspaceMode.SHARED;
    String namespace = shared ? NAMESPACE : "openshell-" + GATEWAY_ID + "-team-a";
    String resource = shared ? "team-a--alpha" : "alpha";
    try (MockCluster cluster = MockCluster.start(version, NAMESPACE)) {
      TokenAuthority tokens = TokenAuthority.install(cluster);
      secret(cluster, CLIENT_TLS);
      secret(cluster, PULL_SECRET);
      if (shared) {
        legacySandbox(cluster, version);
      }
      try (SocketDriver driver = SocketDriver.start(cluster, settings, socket)) {
        EnsureWorkspaceRequest ensure =
            EnsureWorkspaceRequest.newBuilder().setWorkspace("team-a").build();
        driver.stub().ensureWorkspace(ensure);
        // Again: every object exists now, so the driver adopts and updates instead of creating.
        driver.stub().ensureWorkspace(ensure);
        cluster.createClaim(namespace, "team-data");
        DriverSandbox sandbox = withClaim("sb-1", "alpha", "team-data");
        driver.stub().createSandbox(CreateSandboxRequest.newBuilder().setSandbox(sandbox).build());
        // A second sandbox copies the Secrets again, over the copies the first one made.
        driver
            .stub()
            .createSandbox(
                CreateSandboxRequest.newBuilder().setSandbox(minimal("sb-2", "beta")).build());
        InProcessDriver.failure(
            () ->
                driver
                    .stub()
                    .validateSandboxCreate(
                        ValidateSandboxCreateRequest.newBuilder()
                            .setSandbox(gpuSandbox())
                            .build()));
        cluster.markRunning(version, namespace, resource);
        // The sandbox's pod proves itself: a TokenReview, then the pod read back by name.
        Pod pod = cluster.runSandboxPod(version, namespace, resource);
        driver
            .stub()
            .authenticateSandbox(
                AuthenticateSandboxRequest.newBuilder()
                    .setCredential(
                        tokens.issue(
                            settings.cluster().serviceAccountName(),
                            pod,
                            Generation.G2.tokenAudience()))
                    .build());

        conflictOnce(cluster, version, namespace, resource);
        LifecycleIT.stopAsTheControllerReports(
            driver, cluster, version, namespace, resource, "sb-1");
        driver.stub().startSandbox(StartSandboxRequest.newBuilder().setSandboxId("sb-1").build());
        driver.stub().deleteSandbox(DeleteSandboxRequest.newBuilder().setSandboxId("sb-1").build());
        twoPodLifecycle(driver, cluster, version, namespace);
        driver
            .stub()
            .deleteWorkspace(DeleteWorkspaceRequest.newBuilder().setWorkspace("team-a").build());
      }
      return cluster.driverRequests();
    }
  }

  /**
   * A G2 gateway's sandbox: the two-pod bring-up (fences, Service, supervisor pod, bootstrap
   * Secrets, both releases), Stop, a Start of a new generation, Delete.
   */
  private static void twoPodLifecycle(
      SocketDriver driver, MockCluster cluster, SandboxApiVersion version, String namespace)
      throws Exception {
    StandInController controller = StandInController.start(cluster, version, namespace);
    try {
      driver
          .stub()
          .getCapabilities(
              GetCapabilitiesRequest.newBuilder()
                  .setGateway(
                      PeerMetadata.newBuilder()
                          .setProtocolVersion(ProtocolVersion.newBuilder().setMajor(1))
                          .setImplementationName("openshell/gateway")
                          .setImplementationVersion("0.1.2")
                          .addSupportedCapabilities("openshell.compute.contract")
                          .addRequiredCapabilities("openshell.compute.contract"))
                  .build());
      driver
          .stub()
          .createSandbox(
              CreateSandboxRequest.newBuilder()
                  .setSandbox(Sandboxes.launching(minimal("sb-4", "delta"), GenerationsIT.FIRST))
                  .build());
      released(cluster, namespace);
      driver.stub().stopSandbox(StopSandboxRequest.newBuilder().setSandboxId("sb-4").build());
      driver
          .stub()
          .startSandbox(
              StartSandboxRequest.newBuilder()
                  .setSandboxId("sb-4")
                  .setGenerationId(GenerationsIT.SECOND)
                  .setLaunchAuthentication(Sandboxes.launchAuthentication(GenerationsIT.SECOND))
                  .build());
      released(cluster, namespace);
      driver.stub().deleteSandbox(DeleteSandboxRequest.newBuilder().setSandboxId("sb-4").build());
    } finally {
      controller.close();
    }
  }

  /** Waits until the supervisor pod of sb-4 is released. */
  private static void released(MockCluster cluster, String namespace) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              Pod pod =
                  cluster
                      .admin()
                      .pods()
                      .inNamespace(namespace)
                      .withName("os-supervisor-sb-4")
                      .get();
              return pod != null
                  && (pod.getSpec().getSchedulingGates() == null
                      || pod.getSpec().getSchedulingGates().isEmpty());
            });
  }

  private static DriverSandbox gpuSandbox() {
    return yaml(
        """
        id: sb-3
        name: gamma
        workspace: team-a
        spec:
          resource_requirements:
            gpu: {}
          template:
            image: ghcr.io/example/agent:1
        """);
  }

  private static void secret(MockCluster cluster, String name) {
    cluster
        .admin()
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withType("Opaque")
                .addToData("k", "dg==")
                .build())
        .create();
  }

  /** A sandbox an older gateway made, without the gateway-id label the startup backfill adds. */
  private static void legacySandbox(MockCluster cluster, SandboxApiVersion version) {
    GenericKubernetesResource sandbox = new GenericKubernetesResource();
    sandbox.setApiVersion(version.apiVersion());
    sandbox.setKind(SandboxApiVersion.KIND);
    sandbox.setMetadata(
        new ObjectMetaBuilder()
            .withName("team-a--old")
            .withNamespace(NAMESPACE)
            .withLabels(
                Map.of("openshell.ai/managed-by", "openshell", "openshell.ai/sandbox-id", "sb-0"))
            .build());
    sandbox.setAdditionalProperty("spec", Map.of());
    cluster
        .admin()
        .genericKubernetesResources(MockCluster.sandboxes(version))
        .inNamespace(NAMESPACE)
        .resource(sandbox)
        .create();
  }

  /**
   * Answers the next patch of the Sandbox with a version conflict, as a concurrent writer would.
   */
  private static void conflictOnce(
      MockCluster cluster, SandboxApiVersion version, String namespace, String name) {
    cluster
        .server()
        .expect()
        .patch()
        .withPath(MockCluster.sandboxPath(version, namespace, name))
        .andReturn(409, MockCluster.failure(409, "Conflict", "the object has been modified"))
        .once();
  }
}
