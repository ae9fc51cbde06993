package dev.berth.grpc;

import static dev.berth.grpc.testing.InProcessDriver.assertStatus;
import static dev.berth.grpc.testing.InProcessDriver.failure;
import static dev.berth.grpc.testing.Sandboxes.minimal;
import static dev.berth.grpc.testing.Sandboxes.settings;
import static dev.berth.grpc.testing.Sandboxes.withClaim;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.rpc.PreconditionFailure;
import dev.berth.driver.AuthenticatedSandbox;
import dev.berth.driver.RuntimeIdentity;
import dev.berth.driver.RuntimeStart;
import dev.berth.grpc.proto.AuthenticateSandboxRequest;
import dev.berth.grpc.proto.AuthenticateSandboxResponse;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.GetCapabilitiesRequest;
import dev.berth.grpc.proto.GetCapabilitiesResponse;
import dev.berth.grpc.proto.GetGatewayListenerRequirementsRequest;
import dev.berth.grpc.proto.PeerMetadata;
import dev.berth.grpc.proto.StartSandboxRequest;
import dev.berth.grpc.proto.StopSandboxRequest;
import dev.berth.grpc.proto.ValidateSandboxCreateRequest;
import dev.berth.grpc.testing.FakeBackend;
import dev.berth.grpc.testing.InProcessDriver;
import dev.berth.grpc.testing.Sandboxes;
import dev.berth.naming.Generation;
import dev.berth.naming.ManagedNames;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the service answers each contract generation, over an in-process channel against a fake
 * backend: negotiation, the admission policy, identities from Create and Start, authentication.
 */
class GenerationsServiceTest {

  private static final GetCapabilitiesRequest G2 =
      GetCapabilitiesRequest.newBuilder().setGateway(NegotiationTest.g2Gateway()).build();
  private static final GetCapabilitiesRequest G3 =
      GetCapabilitiesRequest.newBuilder().setGateway(g3Gateway()).build();

  private final FakeBackend backend = new FakeBackend();
  private InProcessDriver driver;

  private InProcessDriver driver(String... env) {
    driver = InProcessDriver.start(backend, settings(env));
    return driver;
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.close();
    }
  }

  static PeerMetadata g3Gateway() {
    PeerMetadata g2 = NegotiationTest.g2Gateway();
    return g2.toBuilder()
        .setImplementationName("ryno/gateway")
        .clearSupportedCapabilities()
        .addSupportedCapabilities("ryno.compute.contract")
        .clearRequiredCapabilities()
        .addRequiredCapabilities("ryno.compute.contract")
        .build();
  }

  // ---- negotiation ---------------------------------------------------------------------------

  @Test
  void aG2GatewayGetsBerthsMetadataAndTheByteStablePolicy() {
    var stub = driver().stub();
    GetCapabilitiesResponse caps = stub.getCapabilities(G2);

    assertThat(caps.getSupportsSandboxAuthentication()).isTrue();
    assertThat(caps.getDriverReportsRuntimeReadiness()).isFalse();
    assertThat(caps.getResourceCapabilities().getGpu().getCountSelectionSupported()).isTrue();
    assertThat(caps.getResourceCapabilities().getCpu().getLimitSupported()).isTrue();
    assertThat(caps.getRootfsTarMaxBytes()).isZero();
    assertThat(caps.getExtension().getImplementationName()).isEqualTo("berth/kubernetes");
    assertThat(caps.getExtension().getSupportedCapabilitiesList())
        .containsExactly("openshell.compute.contract");
    assertThat(caps.getResourceAdmissionPolicy())
        .isEqualTo(
            "v1:{\"allow_driver_config\":false,\"resource_admission\":{\"enabled\":true,"
                + "\"required_labels\":{\"openshell.ai/sandbox-attachable\":\"true\","
                + "\"openshell.ai/sandbox-attachable-workspace\":\"${workspace}\"}}}");
    // The gateway compares the policy before every Validate, Create and Start: same bytes.
    assertThat(stub.getCapabilities(G2).toByteString()).isEqualTo(caps.toByteString());
  }

  @Test
  void aG3GatewayOnTheRynoServiceGetsRynoNames() {
    GetCapabilitiesResponse caps = driver().ryno(ComputeDriverGrpc.getGetCapabilitiesMethod(), G3);

    assertThat(caps.getExtension().getSupportedCapabilitiesList())
        .containsExactly("ryno.compute.contract");
    assertThat(caps.getResourceAdmissionPolicy()).contains("\"ryno.ai/sandbox-attachable\"");
  }

  @Test
  void unacceptableMetadataIsAFailedPreconditionNamingEachProblem() {
    var stub = driver().stub();
    GetCapabilitiesRequest ryno =
        GetCapabilitiesRequest.newBuilder().setGateway(g3Gateway()).build();

    assertStatus(
        failure(() -> stub.getCapabilities(ryno)),
        Status.Code.FAILED_PRECONDITION,
        "the gateway's capability metadata is not acceptable: supported_capabilities entry"
            + " 'ryno.compute.contract' does not start with 'openshell.', the namespace of this"
            + " contract generation; required_capabilities entry 'ryno.compute.contract' does not"
            + " start with 'openshell.', the namespace of this contract generation; it requires"
            + " 'ryno.compute.contract', which Berth does not support (Berth supports"
            + " 'openshell.compute.contract'); it does not support 'openshell.compute.contract',"
            + " which Berth requires of a g2 gateway.");
  }

  @Test
  void aPinnedGenerationRefusesTheOtherProjectsService() {
    InProcessDriver pinned = driver("OPENSHELL_GATEWAY_GENERATION", "g2");
    StatusRuntimeException e =
        failure(() -> pinned.ryno(ComputeDriverGrpc.getGetCapabilitiesMethod(), G3));

    assertStatus(
        e,
        Status.Code.FAILED_PRECONDITION,
        "Berth is pinned to gateway generation g2 (--gateway-generation"
            + " (OPENSHELL_GATEWAY_GENERATION)), but this call came through"
            + " ryno.compute.v1.ComputeDriver, which such a gateway does not call; set it to the"
            + " gateway's generation or to 'auto'.");
    // Pinned to g2, a gateway without metadata still gets the g2 answer, not a refusal.
    assertThat(
            pinned
                .stub()
                .getCapabilities(GetCapabilitiesRequest.getDefaultInstance())
                .getResourceAdmissionPolicy())
        .startsWith("v1:");
  }

  @Test
  void theRynoServiceHasNoListenerRequirements() {
    StatusRuntimeException e =
        failure(
            () ->
                driver()
                    .ryno(
                        ComputeDriverGrpc.getGetGatewayListenerRequirementsMethod(),
                        GetGatewayListenerRequirementsRequest.getDefaultInstance()));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
  }

  // ---- admission -----------------------------------------------------------------------------

  @Test
  void aG2GatewaysCallerMayNotSendDriverConfigByDefault() throws Exception {
    var stub = driver().stub();
    stub.getCapabilities(G2);
    DriverSandbox sandbox = withClaim("sb-1", "demo", "data");

    StatusRuntimeException e =
        failure(
            () ->
                stub.validateSandboxCreate(
                    ValidateSandboxCreateRequest.newBuilder().setSandbox(sandbox).build()));

    assertStatus(
        e,
        Status.Code.FAILED_PRECONDITION,
        "the request carries a driver_config, and callers may not send one: set"
            + " --allow-driver-config (OPENSHELL_ALLOW_DRIVER_CONFIG) to true and"
            + " allow_driver_config = true in the gateway's driver table to allow it, or leave"
            + " driver_config out.");
    PreconditionFailure details =
        StatusProto.fromThrowable(e).getDetails(0).unpack(PreconditionFailure.class);
    assertThat(details.getViolations(0).getSubject()).isEqualTo("allow_driver_config");
    // Nothing was asked of the cluster for a request the policy refuses outright.
    assertThat(backend.inspected).isEmpty();
  }

  @Test
  void aClaimWithoutTheRequiredLabelsIsRefusedNamingTheLabels() throws Exception {
    backend.withClaim("default", "data", Map.of("openshell.ai/sandbox-attachable", "true"));
    var stub = driver("OPENSHELL_ALLOW_DRIVER_CONFIG", "true").stub();
    stub.getCapabilities(G2);

    StatusRuntimeException e =
        failure(
            () ->
                stub.createSandbox(
                    CreateSandboxRequest.newBuilder()
                        .setSandbox(withClaim("sb-1", "demo", "data"))
                        .build()));

    assertStatus(
        e,
        Status.Code.FAILED_PRECONDITION,
        "PersistentVolumeClaim 'data' lacks the label"
            + " openshell.ai/sandbox-attachable-workspace=team-a that resource admission requires"
            + " of claims a sandbox of workspace 'team-a' mounts. Label the claims in namespace"
            + " 'default' if they are meant for this sandbox, or mount others.");
    Any detail = StatusProto.fromThrowable(e).getDetails(0);
    assertThat(detail.unpack(PreconditionFailure.class).getViolations(0).getSubject())
        .isEqualTo("default/data");
    assertThat(backend.created).isEmpty();
  }

  @Test
  void aLabelledClaimIsAdmittedAndG1IgnoresLabels() {
    backend.withClaim(
        "default",
        "data",
        Map.of(
            "openshell.ai/sandbox-attachable", "true",
            "openshell.ai/sandbox-attachable-workspace", "team-a"));
    backend.withClaim("default", "plain");
    var stub = driver("OPENSHELL_ALLOW_DRIVER_CONFIG", "true").stub();
    stub.createSandbox(
        CreateSandboxRequest.newBuilder().setSandbox(withClaim("sb-g1", "g1", "plain")).build());
    stub.getCapabilities(G2);
    stub.createSandbox(
        CreateSandboxRequest.newBuilder()
            .setSandbox(Sandboxes.launching(withClaim("sb-g2", "g2", "data"), "g0000000000000001"))
            .build());

    assertThat(backend.created).hasSize(2);
  }

  @Test
  void rynoEnvironmentIsRefusedOnlyForAG3Gateway() {
    DriverSandbox sandbox = minimal("sb-1", "demo");
    DriverSandbox ryno =
        sandbox.toBuilder()
            .setSpec(
                sandbox.getSpec().toBuilder()
                    .putEnvironment("RYNO_FOO", "1")
                    .setTemplate(
                        sandbox.getSpec().getTemplate().toBuilder()
                            .putEnvironment("RYNO_LOG_LEVEL", "debug")))
            .build();
    ValidateSandboxCreateRequest validate =
        ValidateSandboxCreateRequest.newBuilder().setSandbox(ryno).build();
    var stub = driver().stub();
    stub.getCapabilities(G2);
    // Before the rename these are the caller's own names.
    stub.validateSandboxCreate(validate);

    driver.ryno(ComputeDriverGrpc.getGetCapabilitiesMethod(), G3);
    StatusRuntimeException e =
        failure(() -> driver.ryno(ComputeDriverGrpc.getValidateSandboxCreateMethod(), validate));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    String fix =
        "* variables carry the supervisor's contract and are set by the driver; rename it (use"
            + " spec.log_level for the log level).";
    assertThat(StatusMapping.violations(e))
        .containsExactlyInAnyOrder(
            new Violation(
                "spec.environment['RYNO_FOO']",
                "environment variable name 'RYNO_FOO' is reserved: RYNO_" + fix),
            new Violation(
                "spec.template.environment['RYNO_LOG_LEVEL']",
                "environment variable name 'RYNO_LOG_LEVEL' is reserved: RYNO_" + fix));
    assertThat(backend.created).isEmpty();
  }

  // ---- identities ----------------------------------------------------------------------------

  @Test
  void g1SandboxesAreCreatedAsRenderedAndG2OnesCarryTheirRuntimeGeneration() {
    var stub = driver().stub();
    String g1 =
        stub.createSandbox(
                CreateSandboxRequest.newBuilder().setSandbox(minimal("sb-1", "one")).build())
            .getRuntimeIdentity();
    stub.getCapabilities(G2);
    String g2 =
        stub.createSandbox(
                CreateSandboxRequest.newBuilder()
                    .setSandbox(Sandboxes.launching(minimal("sb-2", "two"), "g0000000000000002"))
                    .build())
            .getRuntimeIdentity();

    assertThat(g1).isEqualTo("kubernetes://default/uid-sb-1/0");
    assertThat(backend.created.get(0).sandbox().getMetadata().getAnnotations())
        .doesNotContainKey(ManagedNames.ANNOTATION_RUNTIME_GENERATION);
    // The G2 sandbox is the two-pod shape, started at the generation the gateway minted for.
    var annotations = backend.created.get(1).sandbox().getMetadata().getAnnotations();
    String generation = "g0000000000000002";
    assertThat(annotations)
        .containsEntry(ManagedNames.ANNOTATION_RUNTIME_GENERATION, generation)
        .containsEntry(ManagedNames.ANNOTATION_CALLER_DRIVER_CONFIG_USED, "false");
    assertThat(backend.createdIsolated)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.supervisorPod().getMetadata().getAnnotations())
                    .containsEntry(ManagedNames.ANNOTATION_RUNTIME_GENERATION, generation));
    assertThat(g2).isEqualTo("kubernetes://default/uid-sb-2/" + generation);
  }

  @Test
  void aG2CreateWithoutUsableLaunchAuthenticationIsRefusedWithoutQuotingIt() {
    var stub = driver().stub();
    stub.getCapabilities(G2);
    StatusRuntimeException missing =
        failure(
            () ->
                stub.createSandbox(
                    CreateSandboxRequest.newBuilder().setSandbox(minimal("sb-1", "one")).build()));
    assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(missing.getStatus().getDescription()).contains("spec.launch_authentication");

    DriverSandbox.Builder broken = minimal("sb-1", "one").toBuilder();
    broken
        .getSpecBuilder()
        .setLaunchAuthentication(
            ByteString.copyFromUtf8("{\"supervisor\": {\"gateway_token\": \"secret-xyz\"}}"));
    StatusRuntimeException bad =
        failure(
            () ->
                stub.createSandbox(
                    CreateSandboxRequest.newBuilder().setSandbox(broken.build()).build()));
    assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(bad.getStatus().getDescription())
        .contains("gateway_id")
        .doesNotContain("secret-xyz");
    assertThat(backend.created).isEmpty();
  }

  @Test
  void aG2StartRotatesToTheGatewaysGenerationAndARetryKeepsIt() {
    var stub = driver().stub();
    stub.getCapabilities(G2);
    String created =
        stub.createSandbox(
                CreateSandboxRequest.newBuilder()
                    .setSandbox(Sandboxes.launching(minimal("sb-1", "one"), "g0000000000000001"))
                    .build())
            .getRuntimeIdentity();
    stub.stopSandbox(StopSandboxRequest.newBuilder().setSandboxId("sb-1").build());
    StartSandboxRequest start =
        StartSandboxRequest.newBuilder()
            .setSandboxId("sb-1")
            .setGenerationId("g0000000000000007")
            .setExpectedRuntimeIdentity(created)
            .build();

    String started = stub.startSandbox(start).getRuntimeIdentity();

    assertThat(started).isEqualTo("kubernetes://default/uid-sb-1/g0000000000000007");
    assertThat(stub.startSandbox(start).getRuntimeIdentity()).isEqualTo(started);
    assertThat(backend.starts).allMatch(s -> s instanceof RuntimeStart.Rotate);
  }

  @Test
  void aG1StartKeepsTheGeneration() {
    var stub = driver().stub();
    stub.createSandbox(
        CreateSandboxRequest.newBuilder().setSandbox(minimal("sb-1", "one")).build());
    String started =
        stub.startSandbox(
                StartSandboxRequest.newBuilder()
                    .setSandboxId("sb-1")
                    .setGenerationId("ignored-by-g1")
                    .build())
            .getRuntimeIdentity();

    assertThat(started).isEqualTo("kubernetes://default/uid-sb-1/0");
    assertThat(backend.starts).singleElement().isInstanceOf(RuntimeStart.Keep.class);
  }

  @Test
  void aBadGenerationIdOrExpectedIdentityIsRefused() {
    var stub = driver().stub();
    stub.getCapabilities(G2);
    stub.createSandbox(
        CreateSandboxRequest.newBuilder()
            .setSandbox(Sandboxes.launching(minimal("sb-1", "one"), "g0000000000000001"))
            .build());

    StatusRuntimeException badId =
        failure(
            () ->
                stub.startSandbox(
                    StartSandboxRequest.newBuilder()
                        .setSandboxId("sb-1")
                        .setGenerationId("G/1")
                        .build()));
    assertStatus(
        badId,
        Status.Code.INVALID_ARGUMENT,
        "generation_id: generation_id must be 1 to 64 lowercase letters, digits or '-', as the"
            + " gateway makes them");
    StatusRuntimeException badIdentity =
        failure(
            () ->
                stub.startSandbox(
                    StartSandboxRequest.newBuilder()
                        .setSandboxId("sb-1")
                        .setExpectedRuntimeIdentity("kyma://default/uid")
                        .build()));
    assertThat(badIdentity.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    StatusRuntimeException otherSandbox =
        failure(
            () ->
                stub.startSandbox(
                    StartSandboxRequest.newBuilder()
                        .setSandboxId("sb-1")
                        .setExpectedRuntimeIdentity("kubernetes://default/another-uid/0")
                        .build()));
    assertThat(otherSandbox.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(otherSandbox.getStatus().getDescription()).contains("another-uid", "uid-sb-1");
  }

  // ---- authentication ------------------------------------------------------------------------

  @Test
  void authenticationAnswersTheSandboxAndItsRuntimeForTheCallersGeneration() {
    RuntimeIdentity identity = new RuntimeIdentity("default", "uid-1", "g1");
    backend.withCredential("token-1", new AuthenticatedSandbox("sb-1", identity));
    InProcessDriver d = driver();
    AuthenticateSandboxRequest request =
        AuthenticateSandboxRequest.newBuilder().setCredential("token-1").build();

    AuthenticateSandboxResponse openshell = d.stub().authenticateSandbox(request);
    AuthenticateSandboxResponse ryno =
        d.ryno(ComputeDriverGrpc.getAuthenticateSandboxMethod(), request);

    assertThat(openshell.getSandboxId()).isEqualTo("sb-1");
    assertThat(openshell.getRuntimeIdentity()).isEqualTo("kubernetes://default/uid-1/g1");
    assertThat(ryno).isEqualTo(openshell);
    // No G1 gateway calls it, so before any GetCapabilities the openshell service counts as G2.
    assertThat(backend.authentications).containsExactly(Generation.G2, Generation.G3);
  }

  @Test
  void settingsPinningG1StillAuthenticateAsG2() {
    DriverSettings pinned = settings("OPENSHELL_GATEWAY_GENERATION", "g1");
    assertThat(pinned.contract().pinnedGeneration()).contains(Generation.G1);
    backend.withCredential(
        "t", new AuthenticatedSandbox("sb", new RuntimeIdentity("ns", "uid", "0")));
    driver = InProcessDriver.start(backend, pinned);
    driver
        .stub()
        .authenticateSandbox(AuthenticateSandboxRequest.newBuilder().setCredential("t").build());
    assertThat(backend.authentications).containsExactly(Generation.G2);
  }
}
