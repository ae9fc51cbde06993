package dev.berth.grpc.e2e;

import static dev.berth.grpc.testing.InProcessDriver.assertStatus;
import static dev.berth.grpc.testing.InProcessDriver.failure;
import static dev.berth.grpc.testing.Sandboxes.minimal;
import static dev.berth.grpc.testing.Sandboxes.withClaim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.PreconditionFailure;
import dev.berth.grpc.proto.ComputeDriverGrpc.ComputeDriverBlockingStub;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DeleteSandboxRequest;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.GetSandboxRequest;
import dev.berth.grpc.proto.StartSandboxRequest;
import dev.berth.grpc.proto.StopSandboxRequest;
import dev.berth.grpc.proto.ValidateSandboxCreateRequest;
import dev.berth.plan.SandboxApiVersion;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the gateway sees when the cluster misbehaves: name clashes, version conflicts, throttling
 * and outages, missing claims. Failures are injected with mock-server expectations, which take
 * precedence over the CRUD store for the one request they match; everything else behaves like a
 * cluster.
 */
class FaultsIT {

  static final String NAMESPACE = LifecycleIT.GATEWAY_NAMESPACE;
  static final SandboxApiVersion VERSION = SandboxApiVersion.V1BETA1;
  static final String RESOURCE = "team-a--alpha";
  static final String SANDBOX_PATH =
      "/apis/agents.x-k8s.io/v1beta1/namespaces/" + NAMESPACE + "/sandboxes";

  /** Every call in these tests must fail or succeed well within this; nothing may hang. */
  static final long DEADLINE_SECONDS = 5;

  @TempDir Path tmp;

  @AutoClose private ClusterDriver env;
  private MockCluster cluster;
  private ComputeDriverBlockingStub stub;

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
                    Duration.ofSeconds(1),
                    SocketDriver.OPTIONS));
    cluster = env.cluster();
    stub = env.driver().stub(DEADLINE_SECONDS);
  }

  private void create(DriverSandbox sandbox) {
    stub.createSandbox(CreateSandboxRequest.newBuilder().setSandbox(sandbox).build());
  }

  @Test
  void aTakenNameIsAlreadyExists() {
    create(minimal("sb-1", "alpha"));

    assertStatus(
        failure(() -> stub.createSandbox(request(minimal("sb-1", "alpha")))),
        Status.Code.ALREADY_EXISTS,
        "sandbox already exists");
    // Another id with the same name maps to the same Sandbox resource.
    assertStatus(
        failure(() -> stub.createSandbox(request(minimal("sb-2", "alpha")))),
        Status.Code.ALREADY_EXISTS,
        "sandbox already exists");
  }

  @Test
  void aConflictOnTheStopPatchIsRetriedAndTheStopCompletes() throws Exception {
    create(minimal("sb-1", "alpha"));
    AtomicInteger conflicts = conflictOnPatch(1);

    CompletableFuture<Void> stop =
        CompletableFuture.runAsync(
            () -> stub.stopSandbox(StopSandboxRequest.newBuilder().setSandboxId("sb-1").build()));
    await()
        .atMost(Duration.ofSeconds(DEADLINE_SECONDS))
        .until(
            () -> LifecycleIT.operatingState(cluster, VERSION, NAMESPACE, RESOURCE),
            "stopped"::equals);
    cluster.markStopped(VERSION, NAMESPACE, RESOURCE);

    stop.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    assertThat(conflicts).hasValue(1);
  }

  @Test
  void aConflictOnTheStartPatchIsRetried() {
    create(minimal("sb-1", "alpha"));
    AtomicInteger conflicts = conflictOnPatch(2);

    stub.startSandbox(StartSandboxRequest.newBuilder().setSandboxId("sb-1").build());

    assertThat(conflicts).hasValue(2);
    assertThat(LifecycleIT.operatingState(cluster, VERSION, NAMESPACE, RESOURCE))
        .isEqualTo("running");
  }

  @Test
  void conflictsThatNeverStopAreAbortedNotAlreadyExists() {
    create(minimal("sb-1", "alpha"));
    AtomicInteger conflicts = conflictOnPatch(Integer.MAX_VALUE);

    StatusRuntimeException e =
        failure(
            () -> stub.startSandbox(StartSandboxRequest.newBuilder().setSandboxId("sb-1").build()));

    assertStatus(
        e,
        Status.Code.ABORTED,
        "Sandbox "
            + RESOURCE
            + " kept changing while the driver tried to start it (5 attempts); retry");
    assertThat(conflicts).hasValue(5);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {429, 500, 503})
  void anOverloadedOrFailingApiServerIsUnavailableWithoutHanging(int code) {
    create(minimal("sb-1", "alpha"));
    String reason =
        code == 429 ? "TooManyRequests" : code == 500 ? "InternalError" : "ServiceUnavailable";
    cluster
        .server()
        .expect()
        .post()
        .withPath(SANDBOX_PATH)
        .andReturn(code, MockCluster.failure(code, reason, "try again later"))
        .always();
    cluster
        .server()
        .expect()
        .patch()
        .withPath(SANDBOX_PATH + "/" + RESOURCE)
        .andReturn(code, MockCluster.failure(code, reason, "try again later"))
        .always();
    cluster
        .server()
        .expect()
        .delete()
        .withPath(SANDBOX_PATH + "/" + RESOURCE)
        .andReturn(code, MockCluster.failure(code, reason, "try again later"))
        .always();

    long started = System.nanoTime();
    assertUnavailable(
        failure(() -> stub.createSandbox(request(minimal("sb-2", "beta")))),
        code,
        "create Sandbox team-a--beta in namespace " + NAMESPACE);
    assertUnavailable(
        failure(
            () -> stub.stopSandbox(StopSandboxRequest.newBuilder().setSandboxId("sb-1").build())),
        code,
        "stop Sandbox " + RESOURCE + " in namespace " + NAMESPACE);
    assertUnavailable(
        failure(
            () -> stub.startSandbox(StartSandboxRequest.newBuilder().setSandboxId("sb-1").build())),
        code,
        "start Sandbox " + RESOURCE + " in namespace " + NAMESPACE);
    assertUnavailable(
        failure(
            () ->
                stub.deleteSandbox(DeleteSandboxRequest.newBuilder().setSandboxId("sb-1").build())),
        code,
        "delete Sandbox " + RESOURCE + " in namespace " + NAMESPACE);
    // No hidden retries: four failing calls take far less than one retry schedule would.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    // Reads are served from the informer's cache and keep working.
    assertThat(
            stub.getSandbox(GetSandboxRequest.newBuilder().setSandboxId("sb-1").build())
                .getSandbox()
                .getId())
        .isEqualTo("sb-1");
  }

  @Test
  void anApiServerThatDoesNotAnswerTimesOutWithinTheRequestTimeout() {
    cluster
        .server()
        .expect()
        .post()
        .delay(3, TimeUnit.SECONDS)
        .withPath(SANDBOX_PATH)
        .andReturn(201, "{}")
        .always();

    long started = System.nanoTime();
    StatusRuntimeException e = failure(() -> stub.createSandbox(request(minimal("sb-1", "alpha"))));

    assertStatus(e, Status.Code.DEADLINE_EXCEEDED, "timed out after 1s waiting for Kubernetes API");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aMissingClaimIsAFailedPreconditionNamingItOnValidateAndCreate() {
    DriverSandbox sandbox = withClaim("sb-1", "alpha", "team-data");
    String message =
        "PersistentVolumeClaim 'team-data' does not exist in namespace '"
            + NAMESPACE
            + "'; create it there before the sandbox, or remove the volume that references it"
            + " (otherwise the pod would wait on FailedMount).";

    StatusRuntimeException validate =
        failure(
            () ->
                stub.validateSandboxCreate(
                    ValidateSandboxCreateRequest.newBuilder().setSandbox(sandbox).build()));
    StatusRuntimeException create = failure(() -> stub.createSandbox(request(sandbox)));

    for (StatusRuntimeException e : new StatusRuntimeException[] {validate, create}) {
      assertStatus(e, Status.Code.FAILED_PRECONDITION, message);
      assertThat(preconditionSubjects(e)).containsExactly(NAMESPACE + "/team-data");
    }
    assertThat(cluster.sandboxes(VERSION, NAMESPACE)).isEmpty();

    cluster.createClaim(NAMESPACE, "team-data");
    stub.validateSandboxCreate(
        ValidateSandboxCreateRequest.newBuilder().setSandbox(sandbox).build());
    create(sandbox);
    assertThat(cluster.sandboxes(VERSION, NAMESPACE)).hasSize(1);
  }

  /** Answers the next {@code times} Stop/Start patches of the sandbox with 409 and counts them. */
  private AtomicInteger conflictOnPatch(int times) {
    AtomicInteger count = new AtomicInteger();
    var reply =
        cluster
            .server()
            .expect()
            .patch()
            .withPath(SANDBOX_PATH + "/" + RESOURCE)
            .andReply(
                409,
                request -> {
                  count.incrementAndGet();
                  return MockCluster.failure(
                      409,
                      "Conflict",
                      "Operation cannot be fulfilled on sandboxes.agents.x-k8s.io \""
                          + RESOURCE
                          + "\": the object has been modified; please apply your changes to the"
                          + " latest version and try again");
                });
    if (times == Integer.MAX_VALUE) {
      reply.always();
    } else {
      reply.times(times);
    }
    return count;
  }

  private static CreateSandboxRequest request(DriverSandbox sandbox) {
    return CreateSandboxRequest.newBuilder().setSandbox(sandbox).build();
  }

  private static void assertUnavailable(StatusRuntimeException e, int code, String action) {
    assertStatus(
        e,
        Status.Code.UNAVAILABLE,
        "the Kubernetes API is unavailable (HTTP "
            + code
            + ") and could not "
            + action
            + ": try again later; retry later");
  }

  private static List<String> preconditionSubjects(StatusRuntimeException e) {
    var status = StatusProto.fromThrowable(e);
    assertThat(status).isNotNull();
    return status.getDetailsList().stream()
        .filter(any -> any.is(PreconditionFailure.class))
        .flatMap(
            any -> {
              try {
                return any.unpack(PreconditionFailure.class).getViolationsList().stream();
              } catch (InvalidProtocolBufferException x) {
                throw new AssertionError(x);
              }
            })
        .map(PreconditionFailure.Violation::getSubject)
        .toList();
  }
}
