package dev.berth.grpc.e2e;

import static dev.berth.grpc.testing.Sandboxes.minimal;
import static dev.berth.grpc.testing.Sandboxes.settings;
import static dev.berth.grpc.testing.Sandboxes.withClaim;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.grpc.proto.ComputeDriverGrpc.ComputeDriverBlockingStub;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.GetCapabilitiesRequest;
import dev.berth.grpc.proto.PeerMetadata;
import dev.berth.grpc.proto.ProtocolVersion;
import dev.berth.grpc.proto.StartSandboxRequest;
import dev.berth.grpc.proto.ValidateSandboxCreateRequest;
import dev.berth.grpc.testing.InProcessDriver;
import dev.berth.grpc.testing.Sandboxes;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.settings.DriverSettings;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource admission against the real backend and the mock API server: what the metadata reads of
 * caller claims answer (labels, 404, 403), the driver_config gate, and the re-check at Start.
 */
class AdmissionIT {

  static final String NAMESPACE = "agents";
  static final Map<String, String> LABELS =
      Map.of(
          "openshell.ai/sandbox-attachable", "true",
          "openshell.ai/sandbox-attachable-workspace", "team-a");

  @TempDir Path tmp;

  private static final GetCapabilitiesRequest G2 =
      GetCapabilitiesRequest.newBuilder()
          .setGateway(
              PeerMetadata.newBuilder()
                  .setProtocolVersion(ProtocolVersion.newBuilder().setMajor(1))
                  .setImplementationName("openshell/gateway")
                  .setImplementationVersion("0.1.2")
                  .addSupportedCapabilities("openshell.compute.contract")
                  .addRequiredCapabilities("openshell.compute.contract"))
          .build();

  private static DriverSettings settingsWith(String... more) {
    String[] all = new String[more.length + 2];
    all[0] = "OPENSHELL_SANDBOX_NAMESPACE";
    all[1] = NAMESPACE;
    System.arraycopy(more, 0, all, 2, more.length);
    return settings(all);
  }

  private SocketDriver allowingDriverConfig(MockCluster cluster) throws Exception {
    return SocketDriver.start(
        cluster, settingsWith("OPENSHELL_ALLOW_DRIVER_CONFIG", "true"), tmp.resolve("d.sock"));
  }

  private static StatusRuntimeException validateFails(
      ComputeDriverBlockingStub stub, DriverSandbox sandbox) {
    return InProcessDriver.failure(
        () ->
            stub.validateSandboxCreate(
                ValidateSandboxCreateRequest.newBuilder().setSandbox(sandbox).build()));
  }

  @Test
  void aG2GatewaysDefaultsRefuseDriverConfigBeforeAskingTheCluster() throws Exception {
    try (MockCluster cluster = MockCluster.start(SandboxApiVersion.V1BETA1, NAMESPACE);
        SocketDriver driver = SocketDriver.start(cluster, settingsWith(), tmp.resolve("d.sock"))) {
      ComputeDriverBlockingStub stub = driver.stub();
      stub.getCapabilities(G2);

      StatusRuntimeException e = validateFails(stub, withClaim("sb-1", "alpha", "data"));

      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(e.getStatus().getDescription()).contains("callers may not send one");
      // A sandbox without driver_config is admitted as before.
      StandInController controller =
          StandInController.start(cluster, SandboxApiVersion.V1BETA1, NAMESPACE);
      try {
        stub.createSandbox(
            CreateSandboxRequest.newBuilder()
                .setSandbox(Sandboxes.launching(minimal("sb-2", "beta"), GenerationsIT.FIRST))
                .build());
      } finally {
        controller.close();
      }
    }
  }

  @Test
  void aMissingClaimIsNamedAndAForbiddenReadNamesThePermission() throws Exception {
    try (MockCluster cluster = MockCluster.start(SandboxApiVersion.V1BETA1, NAMESPACE);
        SocketDriver driver = allowingDriverConfig(cluster)) {
      ComputeDriverBlockingStub stub = driver.stub();
      stub.getCapabilities(G2);

      InProcessDriver.assertStatus(
          validateFails(stub, withClaim("sb-1", "alpha", "data")),
          Status.Code.FAILED_PRECONDITION,
          "PersistentVolumeClaim 'data' does not exist in namespace 'agents'; create it there"
              + " before the sandbox, or remove the volume that references it (otherwise the pod"
              + " would wait on FailedMount).");

      cluster
          .server()
          .expect()
          .get()
          .withPath("/api/v1/namespaces/" + NAMESPACE + "/persistentvolumeclaims/secret-data")
          .andReturn(
              403, MockCluster.failure(403, "Forbidden", "persistentvolumeclaims is forbidden"))
          .always();
      InProcessDriver.assertStatus(
          validateFails(stub, withClaim("sb-1", "alpha", "secret-data")),
          Status.Code.UNAVAILABLE,
          "the driver may not read PersistentVolumeClaim metadata in namespace 'agents' (needed"
              + " for 'secret-data'); grant its service account 'get' on persistentvolumeclaims"
              + " there.");
    }
  }

  @Test
  void startChecksTheClaimsAgain() throws Exception {
    SandboxApiVersion version = SandboxApiVersion.V1ALPHA1;
    try (MockCluster cluster = MockCluster.start(version, NAMESPACE);
        SocketDriver driver = allowingDriverConfig(cluster)) {
      ComputeDriverBlockingStub stub = driver.stub();
      stub.getCapabilities(G2);
      cluster.createClaim(NAMESPACE, "data", LABELS);
      StandInController controller = StandInController.start(cluster, version, NAMESPACE);
      String created =
          stub.createSandbox(
                  CreateSandboxRequest.newBuilder()
                      .setSandbox(
                          Sandboxes.launching(
                              withClaim("sb-1", "alpha", "data"), GenerationsIT.FIRST))
                      .build())
              .getRuntimeIdentity();
      cluster
          .sandbox(version, NAMESPACE, "team-a--alpha")
          .edit(
              s -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> spec =
                    (Map<String, Object>) s.getAdditionalProperties().get("spec");
                spec.put("replicas", 0);
                return s;
              });
      // The claim loses its approval while the sandbox is stopped.
      cluster.labelClaim(
          NAMESPACE, "data", Map.of("openshell.ai/sandbox-attachable-workspace", "team-a"));
      StartSandboxRequest start =
          StartSandboxRequest.newBuilder()
              .setSandboxId("sb-1")
              .setGenerationId(GenerationsIT.SECOND)
              .setExpectedRuntimeIdentity(created)
              .setLaunchAuthentication(Sandboxes.launchAuthentication(GenerationsIT.SECOND))
              .build();

      StatusRuntimeException refused = InProcessDriver.failure(() -> stub.startSandbox(start));
      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(refused.getStatus().getDescription())
          .startsWith(
              "PersistentVolumeClaim 'data' lacks the label openshell.ai/sandbox-attachable=true");
      assertThat(LifecycleIT.operatingState(cluster, version, NAMESPACE, "team-a--alpha"))
          .isEqualTo("stopped");

      cluster.labelClaim(NAMESPACE, "data", LABELS);
      assertThat(stub.startSandbox(start).getRuntimeIdentity()).endsWith("/g0000000000000002");
      assertThat(LifecycleIT.operatingState(cluster, version, NAMESPACE, "team-a--alpha"))
          .isEqualTo("running");
      // The two-pod start records the new generation on the Sandbox.
      assertThat(
              cluster
                  .sandbox(version, NAMESPACE, "team-a--alpha")
                  .get()
                  .getMetadata()
                  .getAnnotations())
          .containsEntry("openshell.ai/sandbox-runtime-generation", GenerationsIT.SECOND);
      controller.close();
    }
  }
}
