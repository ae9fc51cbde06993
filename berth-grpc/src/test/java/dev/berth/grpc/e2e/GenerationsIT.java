package dev.berth.grpc.e2e;

import static dev.berth.grpc.testing.Sandboxes.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import dev.berth.grpc.GenerationResolver;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.testing.Sandboxes;
import dev.berth.grpc.wiretest.g2.AuthenticateSandboxRequest;
import dev.berth.grpc.wiretest.g2.AuthenticateSandboxResponse;
import dev.berth.grpc.wiretest.g2.CreateSandboxRequest;
import dev.berth.grpc.wiretest.g2.CreateSandboxResponse;
import dev.berth.grpc.wiretest.g2.DeleteSandboxRequest;
import dev.berth.grpc.wiretest.g2.DeleteSandboxResponse;
import dev.berth.grpc.wiretest.g2.DriverCondition;
import dev.berth.grpc.wiretest.g2.DriverSandbox;
import dev.berth.grpc.wiretest.g2.GetCapabilitiesRequest;
import dev.berth.grpc.wiretest.g2.GetCapabilitiesResponse;
import dev.berth.grpc.wiretest.g2.PeerMetadata;
import dev.berth.grpc.wiretest.g2.ProtocolVersion;
import dev.berth.grpc.wiretest.g2.StartSandboxRequest;
import dev.berth.grpc.wiretest.g2.StartSandboxResponse;
import dev.berth.grpc.wiretest.g2.StopSandboxRequest;
import dev.berth.grpc.wiretest.g2.StopSandboxResponse;
import dev.berth.grpc.wiretest.g2.ValidateSandboxCreateRequest;
import dev.berth.grpc.wiretest.g2.ValidateSandboxCreateResponse;
import dev.berth.grpc.wiretest.g2.WatchSandboxesEvent;
import dev.berth.grpc.wiretest.g2.WatchSandboxesRequest;
import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Each contract generation's gateway drives the whole lifecycle over the driver's Unix socket,
 * against the real Kubernetes backend on the mock API server, with the messages of its own
 * generation's protos: negotiation, admission refusal and acceptance, Create and Start identities
 * that AuthenticateSandbox then reports for the sandbox's pod (the TokenReview answered by a
 * mock-server expectation), both timestamp fields, and Stop, Start and Delete.
 */
class GenerationsIT {

  static final String NAMESPACE = "agents";
  static final String RESOURCE = "team-a--alpha";
  static final SandboxApiVersion VERSION = SandboxApiVersion.V1BETA1;

  @TempDir Path tmp;

  static DriverSettings settingsWith(String... more) {
    String[] base = {
      "OPENSHELL_SANDBOX_NAMESPACE", NAMESPACE,
      "OPENSHELL_GATEWAY_ID", "gw1",
      "OPENSHELL_K8S_SANDBOX_SERVICE_ACCOUNT", "sandbox"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return settings(all);
  }

  /** A request mounting the claim {@code data}, as proto JSON of the caller's generation. */
  static final String WITH_CLAIM =
      """
      {"id": "sb-1", "name": "alpha", "workspace": "team-a",
       "spec": {"template": {"image": "ghcr.io/example/agent:1",
         "driverConfig": {
           "volumes": [{"name": "data", "persistent_volume_claim": {"claim_name": "data"}}],
           "containers": {"agent": {"volume_mounts": [{"name": "data", "mount_path": "/sandbox/data"}]}}}}}}
      """;

  static <B extends Message.Builder> B parse(String json, B builder) {
    try {
      JsonFormat.parser().merge(json, builder);
      return builder;
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  // ---- G2 and G3 -----------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(
      value = Generation.class,
      names = {"G2", "G3"})
  void aCurrentGatewayDrivesTheWholeLifecycle(Generation g) throws Exception {
    String service =
        g == Generation.G3 ? GenerationResolver.RYNO_SERVICE : ComputeDriverGrpc.SERVICE_NAME;
    String prefix = g.labelPrefix();
    try (MockCluster cluster = MockCluster.start(VERSION, NAMESPACE);
        SocketDriver driver =
            SocketDriver.start(
                cluster,
                settingsWith("OPENSHELL_ALLOW_DRIVER_CONFIG", "true"),
                tmp.resolve("driver.sock"))) {
      TokenAuthority authority = TokenAuthority.install(cluster);
      WireClient gateway = new WireClient(driver.channel(), service);
      ListAppender<ILoggingEvent> log = new ListAppender<>();
      log.start();
      ROOT.addAppender(log);

      // Negotiation: Berth answers in the gateway's namespace with its admission policy.
      GetCapabilitiesResponse caps =
          gateway.call(
              "GetCapabilities",
              GetCapabilitiesRequest.newBuilder().setGateway(gatewayMetadata(g)).build(),
              GetCapabilitiesResponse.getDefaultInstance());
      assertThat(caps.getSupportsSandboxAuthentication()).isTrue();
      assertThat(caps.getExtension().getProtocolVersion().getMajor()).isEqualTo(1);
      assertThat(caps.getExtension().getImplementationName()).isEqualTo("berth/kubernetes");
      assertThat(caps.getExtension().getRequiredCapabilitiesList())
          .containsExactly(g.contractCapability());
      assertThat(caps.getResourceAdmissionPolicy())
          .isEqualTo(
              "v1:{\"allow_driver_config\":true,\"resource_admission\":{\"enabled\":true,"
                  + "\"required_labels\":{\""
                  + prefix
                  + "sandbox-attachable\":\"true\",\""
                  + prefix
                  + "sandbox-attachable-workspace\":\"${workspace}\"}}}");

      // Admission: a claim without the generation's labels is refused, a labelled one admitted.
      cluster.createClaim(NAMESPACE, "data");
      DriverSandbox sandbox = parse(WITH_CLAIM, DriverSandbox.newBuilder()).build();
      StatusRuntimeException refused =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () ->
                  gateway.call(
                      "ValidateSandboxCreate",
                      ValidateSandboxCreateRequest.newBuilder().setSandbox(sandbox).build(),
                      ValidateSandboxCreateResponse.getDefaultInstance()));
      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(refused.getStatus().getDescription())
          .contains(
              "PersistentVolumeClaim 'data' lacks the labels "
                  + prefix
                  + "sandbox-attachable=true, "
                  + prefix
                  + "sandbox-attachable-workspace=team-a");
      cluster.labelClaim(
          NAMESPACE,
          "data",
          Map.of(
              prefix + "sandbox-attachable", "true",
              prefix + "sandbox-attachable-workspace", "team-a"));
      gateway.call(
          "ValidateSandboxCreate",
          ValidateSandboxCreateRequest.newBuilder().setSandbox(sandbox).build(),
          ValidateSandboxCreateResponse.getDefaultInstance());

      // Create brings up the two-pod shape and answers the identity of its first runtime, the
      // generation the gateway minted the launch authentication for.
      StandInController controller = StandInController.start(cluster, VERSION, NAMESPACE);
      DriverSandbox.Builder launching = sandbox.toBuilder();
      launching.getSpecBuilder().setLaunchAuthentication(Sandboxes.launchAuthentication(FIRST));
      String created =
          gateway
              .call(
                  "CreateSandbox",
                  CreateSandboxRequest.newBuilder().setSandbox(launching).build(),
                  CreateSandboxResponse.getDefaultInstance())
              .getRuntimeIdentity();
      String uid = cluster.sandbox(VERSION, NAMESPACE, RESOURCE).get().getMetadata().getUid();
      assertThat(uid).isNotBlank();
      assertThat(created).isEqualTo("kubernetes://agents/" + uid + "/" + FIRST);
      Pod supervisor = bothPodsRunning(cluster, FIRST);

      // The supervisor pod presents its projected token; the driver names the sandbox and the
      // runtime, the very identity Create returned. The workload pod never authenticates.
      String token = authority.issue("sandbox", supervisor, g.tokenAudience());
      AuthenticateSandboxResponse first = authenticate(gateway, token);
      assertThat(first.getSandboxId()).isEqualTo("sb-1");
      assertThat(first.getRuntimeIdentity()).isEqualTo(created);
      Pod workload = cluster.admin().pods().inNamespace(NAMESPACE).withName(RESOURCE).get();
      assertThat(
              authenticationFailure(
                  gateway, authority.issue("sandbox", workload, g.tokenAudience())))
          .isEqualTo(Status.Code.PERMISSION_DENIED);
      // A token for the other generation's audience is not accepted.
      String foreign =
          authority.issue(
              "sandbox", supervisor, g == Generation.G3 ? "openshell-gateway" : "ryno-gateway");
      assertThat(authenticationFailure(gateway, foreign)).isEqualTo(Status.Code.UNAUTHENTICATED);

      // The watch carries G2's timestamp fields.
      Events<WatchSandboxesEvent> watch = new Events<>();
      gateway.watch(
          "WatchSandboxes",
          WatchSandboxesRequest.getDefaultInstance(),
          WatchSandboxesEvent.getDefaultInstance(),
          watch);
      WatchSandboxesEvent snapshot =
          watch.next(
              e ->
                  e.hasSandbox()
                      && e.getSandbox().getSandbox().getStatus().getConditionsCount() > 0);
      var condition = snapshot.getSandbox().getSandbox().getStatus().getConditions(0);
      assertThat(condition.hasTransitionTime()).isTrue();
      assertThat(snapshot.getSandbox().getSandbox().getStatus().getName()).isEqualTo(RESOURCE);

      // Readiness follows the supervisor pod: a crashing supervisor makes the sandbox not Ready,
      // with upstream's reason and the kubelet's words; its recovery makes it Ready again.
      if (ready(snapshot).filter(c -> c.getStatus().equals("True")).isEmpty()) {
        watch.next(e -> ready(e).filter(c -> c.getStatus().equals("True")).isPresent());
      }
      cluster
          .admin()
          .pods()
          .inNamespace(NAMESPACE)
          .withName(supervisor.getMetadata().getName())
          .editStatus(GenerationsIT::crashing);
      var crashing =
          ready(watch.next(e -> ready(e).filter(c -> c.getStatus().equals("False")).isPresent()))
              .orElseThrow();
      assertThat(crashing.getReason()).isEqualTo("DependenciesNotReady");
      assertThat(crashing.getMessage()).contains("os-supervisor-sb-1").contains("CrashLoopBackOff");
      cluster
          .admin()
          .pods()
          .inNamespace(NAMESPACE)
          .withName(supervisor.getMetadata().getName())
          .editStatus(GenerationsIT::recovered);
      if (ready(snapshot).filter(c -> c.getStatus().equals("True")).isEmpty()) {
        watch.next(e -> ready(e).filter(c -> c.getStatus().equals("True")).isPresent());
      }
      cluster.emitEvent(NAMESPACE, RESOURCE, "Scheduled", "assigned to node-1");
      WatchSandboxesEvent event = watch.next(WatchSandboxesEvent::hasPlatformEvent);
      assertThat(Timestamps.toMillis(event.getPlatformEvent().getEvent().getEventTime()))
          .isPositive();

      // Stop removes both pods and the generation's Secrets, and keeps the Sandbox and Service.
      gateway.call(
          "StopSandbox",
          StopSandboxRequest.newBuilder().setSandboxId("sb-1").build(),
          StopSandboxResponse.getDefaultInstance());
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(everything(cluster))
                      .containsExactlyInAnyOrder(
                          "NetworkPolicy/" + g.namespace() + "-sandbox-workloads",
                          "NetworkPolicy/" + g.namespace() + "-sandbox-supervisors",
                          "Sandbox/" + RESOURCE,
                          "Service/os-boundary-sb-1",
                          "PersistentVolumeClaim/data"));

      // A Service lost while stopped (deleted by hand) is made again by the Start, and the new
      // generation's Secrets are written after it, so their descriptor names its address.
      cluster.admin().services().inNamespace(NAMESPACE).withName("os-boundary-sb-1").delete();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !everything(cluster).contains("Service/os-boundary-sb-1"));

      // A start of the gateway's new generation brings up a new pair and rotates the identity.
      StartSandboxRequest start =
          StartSandboxRequest.newBuilder()
              .setSandboxId("sb-1")
              .setName("alpha")
              .setGenerationId(SECOND)
              .setExpectedRuntimeIdentity(created)
              .setLaunchAuthentication(Sandboxes.launchAuthentication(SECOND))
              .build();
      String started =
          gateway
              .call("StartSandbox", start, StartSandboxResponse.getDefaultInstance())
              .getRuntimeIdentity();
      assertThat(started).isEqualTo("kubernetes://agents/" + uid + "/" + SECOND);
      Pod restarted = bothPodsRunning(cluster, SECOND);
      assertThat(everything(cluster)).contains("Service/os-boundary-sb-1");
      // A retry of the same start (same generation_id) is the same start.
      assertThat(
              gateway
                  .call("StartSandbox", start, StartSandboxResponse.getDefaultInstance())
                  .getRuntimeIdentity())
          .isEqualTo(started);
      assertThat(LifecycleIT.operatingState(cluster, VERSION, NAMESPACE, RESOURCE))
          .isEqualTo("running");

      // The new supervisor authenticates as the new runtime; the old one's token no longer does.
      AuthenticateSandboxResponse second =
          authenticate(gateway, authority.issue("sandbox", restarted, g.tokenAudience()));
      assertThat(second.getRuntimeIdentity()).isEqualTo(started);
      assertThat(authenticationFailure(gateway, token)).isEqualTo(Status.Code.PERMISSION_DENIED);

      assertThat(
              gateway
                  .call(
                      "DeleteSandbox",
                      DeleteSandboxRequest.newBuilder().setSandboxId("sb-1").build(),
                      DeleteSandboxResponse.getDefaultInstance())
                  .getDeleted())
          .isTrue();
      // Everything Berth made for the sandbox is gone; the namespace's fences stay.
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(everything(cluster))
                      .containsExactlyInAnyOrder(
                          "NetworkPolicy/" + g.namespace() + "-sandbox-workloads",
                          "NetworkPolicy/" + g.namespace() + "-sandbox-supervisors",
                          "PersistentVolumeClaim/data"));
      controller.close();
      String during = authority.issue("sandbox", restarted, g.tokenAudience());
      // An API fault while reviewing is INTERNAL, as upstream answers it.
      authority.failing = true;
      assertThat(authenticationFailure(gateway, during)).isEqualTo(Status.Code.INTERNAL);
      authority.failing = false;

      // The tokens went to the TokenReview and into no log line, not even the failure's.
      ROOT.detachAppender(log);
      assertThat(authority.reviewed).contains(token, during);
      List<ILoggingEvent> lines;
      // Appends synchronize on the appender; a thread still logging must not break the copy.
      synchronized (log) {
        lines = new ArrayList<>(log.list);
      }
      assertThat(lines).isNotEmpty();
      for (ILoggingEvent line : lines) {
        String text =
            line.getFormattedMessage()
                + (line.getThrowableProxy() == null
                    ? ""
                    : ThrowableProxyUtil.asString(line.getThrowableProxy()));
        for (String issued : authority.reviewed) {
          assertThat(text).doesNotContain(issued);
        }
        assertThat(text)
            .doesNotContain(Sandboxes.GATEWAY_TOKEN)
            .doesNotContain(Sandboxes.SANDBOX_TOKEN);
      }
    }
  }

  static final String FIRST = "g0000000000000001";
  static final String SECOND = "g0000000000000002";

  /**
   * Waits until both pods of {@code generation} run (released, marked running by the stand-in
   * kubelet) beside its two Secrets; returns the supervisor pod.
   */
  static Pod bothPodsRunning(MockCluster cluster, String generation) {
    String supervisor = "os-supervisor-sb-1";
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              for (String name : List.of(RESOURCE, supervisor)) {
                Pod pod = cluster.admin().pods().inNamespace(NAMESPACE).withName(name).get();
                assertThat(pod).as(name).isNotNull();
                assertThat(pod.getSpec().getSchedulingGates()).as(name).isNullOrEmpty();
                assertThat(pod.getStatus()).as(name).isNotNull();
                assertThat(pod.getStatus().getPhase()).as(name).isEqualTo("Running");
              }
              assertThat(everything(cluster))
                  .contains(
                      "Secret/" + IsolationNames.sandboxSecret("sb-1", generation),
                      "Secret/" + IsolationNames.supervisorSecret("sb-1", generation));
            });
    return cluster.admin().pods().inNamespace(NAMESPACE).withName(supervisor).get();
  }

  /** The Ready condition a watch event carries, if it is a sandbox update with one. */
  static Optional<DriverCondition> ready(WatchSandboxesEvent event) {
    return event.hasSandbox()
        ? event.getSandbox().getSandbox().getStatus().getConditionsList().stream()
            .filter(c -> c.getType().equals("Ready"))
            .findFirst()
        : Optional.empty();
  }

  /** The pod as the kubelet reports a supervisor that keeps crashing. */
  static Pod crashing(Pod pod) {
    return new PodBuilder(pod)
        .editStatus()
        .withConditions(
            new PodConditionBuilder()
                .withType("Ready")
                .withStatus("False")
                .withReason("ContainersNotReady")
                .build())
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName("supervisor")
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .withMessage("back-off 10s restarting failed container")
                .endWaiting()
                .endState()
                .build())
        .endStatus()
        .build();
  }

  static Pod recovered(Pod pod) {
    return new PodBuilder(pod)
        .editStatus()
        .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build())
        .withContainerStatuses()
        .endStatus()
        .build();
  }

  /** Every object of the kinds a sandbox involves in the namespace, as "Kind/name". */
  static List<String> everything(MockCluster cluster) {
    KubernetesClient admin = cluster.admin();
    List<String> all = new ArrayList<>();
    cluster
        .sandboxes(VERSION, NAMESPACE)
        .forEach(s -> all.add("Sandbox/" + s.getMetadata().getName()));
    admin
        .pods()
        .inNamespace(NAMESPACE)
        .list()
        .getItems()
        .forEach(o -> all.add("Pod/" + o.getMetadata().getName()));
    admin
        .services()
        .inNamespace(NAMESPACE)
        .list()
        .getItems()
        .forEach(o -> all.add("Service/" + o.getMetadata().getName()));
    admin
        .secrets()
        .inNamespace(NAMESPACE)
        .list()
        .getItems()
        .forEach(o -> all.add("Secret/" + o.getMetadata().getName()));
    admin
        .configMaps()
        .inNamespace(NAMESPACE)
        .list()
        .getItems()
        .forEach(o -> all.add("ConfigMap/" + o.getMetadata().getName()));
    admin
        .persistentVolumeClaims()
        .inNamespace(NAMESPACE)
        .list()
        .getItems()
        .forEach(o -> all.add("PersistentVolumeClaim/" + o.getMetadata().getName()));
    admin
        .network()
        .v1()
        .networkPolicies()
        .inNamespace(NAMESPACE)
        .list()
        .getItems()
        .forEach(o -> all.add("NetworkPolicy/" + o.getMetadata().getName()));
    return all;
  }

  private static final Logger ROOT = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  static PeerMetadata gatewayMetadata(Generation g) {
    return PeerMetadata.newBuilder()
        .setProtocolVersion(ProtocolVersion.newBuilder().setMajor(1).setMinor(0))
        .setImplementationName(g.namespace() + "/gateway")
        .setImplementationVersion("0.1.2")
        .addSupportedCapabilities(g.contractCapability())
        .addSupportedCapabilities(g.capabilityPrefix() + "compute.launch-authentication")
        .addRequiredCapabilities(g.contractCapability())
        .build();
  }

  private static AuthenticateSandboxResponse authenticate(WireClient gateway, String token) {
    return gateway.call(
        "AuthenticateSandbox",
        AuthenticateSandboxRequest.newBuilder().setCredential(token).build(),
        AuthenticateSandboxResponse.getDefaultInstance());
  }

  private static Status.Code authenticationFailure(WireClient gateway, String token) {
    StatusRuntimeException e =
        catchThrowableOfType(StatusRuntimeException.class, () -> authenticate(gateway, token));
    assertThat(e).as("authentication should fail").isNotNull();
    assertThat(e.getStatus().getDescription()).doesNotContain(token);
    return e.getStatus().getCode();
  }

  // ---- watch helper ----------------------------------------------------------------------------

  /** One watch stream's items, with a bounded wait for the next one that matters. */
  static final class Events<T> implements StreamObserver<T> {
    private final BlockingQueue<T> items = new LinkedBlockingQueue<>();

    T next(Predicate<T> wanted) throws InterruptedException {
      while (true) {
        T item = items.poll(5, TimeUnit.SECONDS);
        if (item == null) {
          throw new AssertionError("no matching watch event within 5s");
        }
        if (wanted.test(item)) {
          return item;
        }
      }
    }

    @Override
    public void onNext(T value) {
      items.add(value);
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
