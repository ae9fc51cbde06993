package dev.berth.grpc;

import static dev.berth.grpc.testing.InProcessDriver.assertStatus;
import static dev.berth.grpc.testing.InProcessDriver.failure;
import static dev.berth.grpc.testing.Sandboxes.minimal;
import static dev.berth.grpc.testing.Sandboxes.settings;
import static dev.berth.grpc.testing.Sandboxes.withClaim;
import static dev.berth.grpc.testing.Sandboxes.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.PreconditionFailure;
import dev.berth.driver.DriverException;
import dev.berth.driver.DriverException.Kind;
import dev.berth.grpc.convert.ProtoRequests;
import dev.berth.grpc.proto.AuthenticateSandboxRequest;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.GetCapabilitiesRequest;
import dev.berth.grpc.proto.GetCapabilitiesResponse;
import dev.berth.grpc.proto.GetGatewayListenerRequirementsRequest;
import dev.berth.grpc.proto.GetSandboxRequest;
import dev.berth.grpc.proto.ListSandboxesRequest;
import dev.berth.grpc.proto.ValidateSandboxCreateRequest;
import dev.berth.grpc.testing.FakeBackend;
import dev.berth.grpc.testing.LazyDriver;
import dev.berth.plan.ClusterFacts;
import dev.berth.result.Violation;
import dev.berth.validate.SandboxValidator;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Every RPC over an in-process channel against a fake backend: answers, codes and messages. */
class ComputeDriverServiceTest {

  private final FakeBackend backend = new FakeBackend();

  @AutoClose
  private final LazyDriver driver =
      new LazyDriver(backend, settings("OPENSHELL_SANDBOX_IMAGE", "ghcr.io/example/default:2"));

  private static CreateSandboxRequest create(DriverSandbox sandbox) {
    return CreateSandboxRequest.newBuilder().setSandbox(sandbox).build();
  }

  private static ValidateSandboxCreateRequest validate(DriverSandbox sandbox) {
    return ValidateSandboxCreateRequest.newBuilder().setSandbox(sandbox).build();
  }

  // ---- capabilities, authentication, listeners ----------------------------------------------

  @Test
  void capabilitiesNameTheDriverVersionAndDefaultImage() {
    GetCapabilitiesResponse caps =
        driver.stub().getCapabilities(GetCapabilitiesRequest.getDefaultInstance());

    // A G1 gateway sends no metadata and gets exactly the G1 answer: no field it does not know.
    assertThat(caps)
        .isEqualTo(
            GetCapabilitiesResponse.newBuilder()
                .setDriverName("kubernetes")
                .setDriverVersion("9.9.9")
                .setDefaultImage("ghcr.io/example/default:2")
                .setGatewayManagesLifecycle(false)
                .build());
  }

  @Test
  void authenticationWithoutACredentialIsRefusedLikeAMissingField() {
    var stub = driver.stub();
    assertStatus(
        failure(() -> stub.authenticateSandbox(AuthenticateSandboxRequest.getDefaultInstance())),
        Status.Code.INVALID_ARGUMENT,
        "credential is required");
  }

  @Test
  void anUnknownCredentialIsUnauthenticatedAndNeverEchoed() {
    var stub = driver.stub();
    StatusRuntimeException e =
        failure(
            () ->
                stub.authenticateSandbox(
                    AuthenticateSandboxRequest.newBuilder().setCredential("secret").build()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(e.getStatus().getDescription()).doesNotContain("secret");
  }

  @Test
  void listenerRequirementsAreEmpty() {
    assertThat(
            driver
                .stub()
                .getGatewayListenerRequirements(
                    GetGatewayListenerRequirementsRequest.getDefaultInstance())
                .getRequirementsList())
        .isEmpty();
  }

  // ---- validate and create -------------------------------------------------------------------

  @Test
  void validateAndCreateWithoutASandboxAreRefusedWithUpstreamsMessage() {
    var stub = driver.stub();
    assertStatus(
        failure(
            () -> stub.validateSandboxCreate(ValidateSandboxCreateRequest.getDefaultInstance())),
        Status.Code.INVALID_ARGUMENT,
        "sandbox is required");
    StatusRuntimeException create =
        failure(() -> stub.createSandbox(CreateSandboxRequest.getDefaultInstance()));
    assertStatus(create, Status.Code.INVALID_ARGUMENT, "sandbox is required");
    assertThat(StatusMapping.violations(create))
        .containsExactly(new Violation("sandbox", "is required"));
  }

  @Test
  void validSandboxValidatesWithoutCreatingAnything() {
    driver.stub().validateSandboxCreate(validate(minimal("sb-1", "demo")));

    assertThat(backend.created).isEmpty();
    assertThat(backend.prepared).isEmpty();
    assertThat(backend.inspected).containsExactly("team-a/default");
  }

  @Test
  void createRendersIntoTheWorkspacesSharedName() {
    driver.stub().createSandbox(create(minimal("sb-1", "demo")));

    assertThat(backend.created)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.sandbox().getMetadata().getName()).isEqualTo("team-a--demo");
              assertThat(r.sandbox().getMetadata().getNamespace()).isEqualTo("default");
            });
    assertThat(
            driver
                .stub()
                .getSandbox(GetSandboxRequest.newBuilder().setSandboxId("sb-1").build())
                .getSandbox()
                .getName())
        .isEqualTo("demo");
  }

  @Test
  void secondCreateOfTheSameNameIsAlreadyExists() {
    var stub = driver.stub();
    stub.createSandbox(create(minimal("sb-1", "demo")));

    assertStatus(
        failure(() -> stub.createSandbox(create(minimal("sb-2", "demo")))),
        Status.Code.ALREADY_EXISTS,
        "sandbox already exists");
  }

  @Test
  void everyViolationComesBackAsBadRequestDetailsAndInTheMessage() {
    DriverSandbox bad =
        yaml(
            """
            id: sb-1
            name: Not_A_Name
            workspace: team-a
            spec:
              template:
                image: ghcr.io/example/agent:1
                resources: {cpu_limit: lots}
                driver_config:
                  volumes:
                    - name: data
                      persistent_volume_claim: {}
                  surprise: true
            """);
    List<Violation> expected =
        SandboxValidator.validate(
                ProtoRequests.toRequest(bad), driver.settings(), ClusterFacts.DEFAULT)
            .violations();
    assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
    var stub = driver.stub();

    for (Supplier<?> call :
        List.<Supplier<?>>of(
            () -> stub.validateSandboxCreate(validate(bad)),
            () -> stub.createSandbox(create(bad)))) {
      StatusRuntimeException e = failure(call);
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(StatusMapping.violations(e)).containsExactlyElementsOf(expected);
      assertThat(e.getStatus().getDescription())
          .isEqualTo(String.join("; ", expected.stream().map(Violation::toString).toList()));
    }
    assertThat(backend.created).isEmpty();
  }

  @Test
  void createRechecksTheSharedModeNameLength() {
    DriverSandbox longName = minimal("sb-1", "a".repeat(60));
    var stub = driver.stub();

    for (Supplier<?> call :
        List.<Supplier<?>>of(
            () -> stub.validateSandboxCreate(validate(longName)),
            () -> stub.createSandbox(create(longName)))) {
      StatusRuntimeException e = failure(call);
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(StatusMapping.violations(e))
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.field()).isEqualTo("name");
                assertThat(v.message()).contains("68 characters", "limit of 63");
              });
    }
    assertThat(backend.created).isEmpty();
  }

  @Test
  void missingClaimIsAFailedPreconditionNamingItAndTheNamespace() throws Exception {
    DriverSandbox sandbox = withClaim("sb-1", "demo", "team-data");
    var stub = driver.stub();

    for (Supplier<?> call :
        List.<Supplier<?>>of(
            () -> stub.validateSandboxCreate(validate(sandbox)),
            () -> stub.createSandbox(create(sandbox)))) {
      StatusRuntimeException e = failure(call);
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(e.getStatus().getDescription())
          .startsWith("PersistentVolumeClaim 'team-data' does not exist in namespace 'default'");
      Any detail = StatusProto.fromThrowable(e).getDetails(0);
      assertThat(detail.unpack(PreconditionFailure.class).getViolations(0).getSubject())
          .isEqualTo("default/team-data");
    }
    assertThat(backend.created).isEmpty();

    backend.withClaim("default", "team-data");
    stub.createSandbox(create(sandbox));
    assertThat(backend.created).hasSize(1);
  }

  @Test
  void gpuRequestWithoutCapacityIsAFailedPrecondition() {
    DriverSandbox gpu =
        yaml(
            """
            id: sb-gpu
            name: trainer
            workspace: team-a
            spec:
              resource_requirements: {gpu: {count: 1}}
              template: {image: ghcr.io/example/agent:1}
            """);
    backend.withoutGpus();
    var stub = driver.stub();

    StatusRuntimeException e = failure(() -> stub.createSandbox(create(gpu)));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(e.getStatus().getDescription())
        .startsWith("GPU sandbox requested, but the active gateway has no allocatable GPUs.");
    assertThat(failure(() -> stub.validateSandboxCreate(validate(gpu))).getStatus().getCode())
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void managedModePreparesTheWorkspaceNamespace() {
    driver.settings(settings("OPENSHELL_WORKSPACE_MODE", "managed", "OPENSHELL_GATEWAY_ID", "gw"));

    driver.stub().createSandbox(create(minimal("sb-1", "demo")));

    assertThat(backend.prepared).containsExactly("team-a/openshell-gw-team-a");
    assertThat(backend.created.get(0).sandbox().getMetadata().getNamespace())
        .isEqualTo("openshell-gw-team-a");
  }

  @Test
  void validateOnlyInspectsTheManagedNamespace() {
    driver.settings(settings("OPENSHELL_WORKSPACE_MODE", "managed", "OPENSHELL_GATEWAY_ID", "gw"));

    driver.stub().validateSandboxCreate(validate(minimal("sb-1", "demo")));

    assertThat(backend.prepared).isEmpty();
    assertThat(backend.inspected).containsExactly("team-a/openshell-gw-team-a");
  }

  @Test
  void clusterFailuresWhilePreparingKeepTheirKind() {
    backend.failNext("prepare", new DriverException(Kind.UNAVAILABLE, "API server unreachable"));

    assertStatus(
        failure(() -> driver.stub().createSandbox(create(minimal("sb-1", "demo")))),
        Status.Code.UNAVAILABLE,
        "API server unreachable");
  }

  @Test
  void unexpectedBackendExceptionsBecomeInternalWithoutDetails() {
    backend.failNext("list", new IllegalStateException("token=abc in a bug message"));

    StatusRuntimeException e =
        failure(() -> driver.stub().listSandboxes(ListSandboxesRequest.getDefaultInstance()));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(e.getStatus().getDescription()).doesNotContain("token");
  }

  @Test
  void secretsNeverReachTheBackendRequest() {
    DriverSandbox withToken =
        minimal("sb-1", "demo").toBuilder()
            .setSpec(minimal("sb-1", "demo").getSpec().toBuilder().setSandboxToken("tok-123"))
            .build();

    driver.stub().createSandbox(create(withToken));

    assertThat(backend.created.get(0).sandbox().toString()).doesNotContain("tok-123");
  }
}
