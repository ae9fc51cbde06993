package dev.berth.grpc.e2e;

import static org.awaitility.Awaitility.await;

import dev.berth.kubernetes.KubernetesClients;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fabric8 CRUD mock API server with the agent-sandbox CRD installed, plus the few things the
 * agent-sandbox controller and the kubelet would do, which tests trigger by hand: write Sandbox
 * status, create and remove the sandbox pod, emit Events.
 *
 * <p>Expectations ({@link #server()}{@code .expect()}) take precedence over the CRUD store, so a
 * test can make one request fail and let the rest behave like a cluster.
 *
 * <p>Every request of the driver's client is recorded, and {@link #close()} fails when one is not
 * declared in {@code ApiPermissions}, so an IT that makes a new kind of API call fails until the
 * RBAC declaration grants it.
 */
final class MockCluster implements AutoCloseable {

  static final String GROUP = SandboxApiVersion.GROUP;

  /** The User-Agent of the driver's client, which tells its requests from the test's own. */
  static final String DRIVER_AGENT = "berth-under-test";

  private final Map<ServerRequest, Queue<ServerResponse>> responses;
  private final Recorder dispatcher;
  private volatile Optional<DriverSettings> driverSettings = Optional.empty();
  private volatile KubernetesMockServer server;
  private final KubernetesClient admin;

  private MockCluster(
      Map<ServerRequest, Queue<ServerResponse>> responses,
      Recorder dispatcher,
      KubernetesMockServer server,
      KubernetesClient admin) {
    this.responses = responses;
    this.dispatcher = dispatcher;
    this.server = server;
    this.admin = admin;
  }

  /**
   * Starts a cluster that serves only {@code served} of the Sandbox API: a newer version is
   * answered with 404 as an API server does for a version its CRD does not serve (the CRUD mock
   * would list it as empty).
   */
  static MockCluster start(SandboxApiVersion served, String... namespaces) {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    Recorder dispatcher = new Recorder(responses);
    KubernetesMockServer server = newServer(responses, dispatcher);
    server.init();
    KubernetesClient admin = server.createClient();
    MockCluster cluster = new MockCluster(responses, dispatcher, server, admin);
    cluster.installCrd(served);
    for (String namespace : namespaces) {
      cluster.createNamespace(namespace);
    }
    for (SandboxApiVersion v : SandboxApiVersion.values()) {
      if (v.ordinal() < served.ordinal()) {
        for (String namespace : namespaces) {
          server
              .expect()
              .get()
              .withPath(
                  "/apis/"
                      + GROUP
                      + "/"
                      + v.version()
                      + "/namespaces/"
                      + namespace
                      + "/sandboxes?limit=1")
              .andReturn(404, notFound("the server could not find the requested resource"))
              .always();
        }
      }
    }
    return cluster;
  }

  // The mock's Context needs fabric8's configured mapper, which only the deprecated accessor gives.
  @SuppressWarnings("deprecation")
  private static KubernetesMockServer newServer(
      Map<ServerRequest, Queue<ServerResponse>> responses, KubernetesMixedDispatcher dispatcher) {
    return new KubernetesMockServer(
        new Context(Serialization.jsonMapper()), new MockWebServer(), responses, dispatcher, false);
  }

  KubernetesMockServer server() {
    return server;
  }

  /**
   * Takes the API server down, dropping every connection and watch, runs {@code whileDown}, then
   * brings it back on the same port with the same objects and expectations.
   */
  void outage(ThrowingRunnable whileDown) throws Exception {
    int port = server.getPort();
    InetAddress address = InetAddress.getByName(server.getHostName());
    server.shutdown();
    try {
      whileDown.run();
    } finally {
      KubernetesMockServer restarted = newServer(responses, dispatcher);
      restarted.init(address, port);
      server = restarted;
    }
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** A client as a test or an operator would use it (fabric8's defaults). */
  KubernetesClient admin() {
    return admin;
  }

  /**
   * A client with the driver's production settings (no hidden retries, bounded requests), for the
   * backend under test; its requests are recorded and checked against the RBAC declaration for
   * {@code settings} when the cluster closes.
   */
  KubernetesClient driverClient(Duration requestTimeout, DriverSettings settings) {
    driverSettings = Optional.of(settings);
    return KubernetesClients.create(
        new ConfigBuilder(admin.getConfiguration()).withUserAgent(DRIVER_AGENT).build(),
        requestTimeout);
  }

  /** The driver's requests so far, classified as RBAC sees them. */
  List<ApiRequest> driverRequests() {
    return List.copyOf(dispatcher.recorded);
  }

  void createNamespace(String name) {
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  void createClaim(String namespace, String name) {
    createClaim(namespace, name, Map.of());
  }

  /** Replaces the claim's labels, as an operator approving it for sandboxes would. */
  void labelClaim(String namespace, String name, Map<String, String> labels) {
    admin
        .persistentVolumeClaims()
        .inNamespace(namespace)
        .withName(name)
        .edit(
            c -> {
              c.getMetadata().setLabels(labels);
              return c;
            });
  }

  void createClaim(String namespace, String name, Map<String, String> labels) {
    admin
        .persistentVolumeClaims()
        .inNamespace(namespace)
        .resource(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .addToRequests("storage", new Quantity("1Gi"))
                .endResources()
                .endSpec()
                .build())
        .create();
  }

  /** The API path of one Sandbox, for expectations. */
  static String sandboxPath(SandboxApiVersion version, String namespace, String name) {
    return "/apis/"
        + GROUP
        + "/"
        + version.version()
        + "/namespaces/"
        + namespace
        + "/"
        + SandboxApiVersion.PLURAL
        + "/"
        + name;
  }

  static ResourceDefinitionContext sandboxes(SandboxApiVersion version) {
    return KubernetesClients.sandboxes(version);
  }

  Resource<GenericKubernetesResource> sandbox(
      SandboxApiVersion version, String namespace, String name) {
    return admin
        .genericKubernetesResources(sandboxes(version))
        .inNamespace(namespace)
        .withName(name);
  }

  List<GenericKubernetesResource> sandboxes(SandboxApiVersion version, String namespace) {
    return admin
        .genericKubernetesResources(sandboxes(version))
        .inNamespace(namespace)
        .list()
        .getItems();
  }

  /**
   * What agent-sandbox writes once a sandbox runs: its pod, and a status naming it with a Ready
   * condition.
   */
  void markRunning(SandboxApiVersion version, String namespace, String name) {
    createPod(namespace, new ObjectMetaBuilder().withName(name).build());
    markReady(version, namespace, name);
  }

  private Pod createPod(String namespace, ObjectMeta meta) {
    return admin
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .addNewContainer()
                .withName("agent")
                .withImage("ghcr.io/example/agent:1")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  private void markReady(SandboxApiVersion version, String namespace, String name) {
    writeStatus(
        version,
        namespace,
        name,
        List.of(condition("Ready", "True", "DependenciesReady", "Pod is Ready", 0)));
  }

  /**
   * What agent-sandbox does to run a sandbox, faithfully enough for authentication: a pod named as
   * the Sandbox, with the pod template's labels and annotations and the Sandbox as its controller
   * owner, and a Ready status. A pod left from an earlier run is replaced, as a new generation's
   * pod would be.
   */
  Pod runSandboxPod(SandboxApiVersion version, String namespace, String name) {
    GenericKubernetesResource sandbox = sandbox(version, namespace, name).get();
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) sandbox.getAdditionalProperties().get("spec");
    @SuppressWarnings("unchecked")
    Map<String, Object> template = (Map<String, Object>) spec.get("podTemplate");
    ObjectMeta meta =
        admin.getKubernetesSerialization().convertValue(template.get("metadata"), ObjectMeta.class);
    admin.pods().inNamespace(namespace).withName(name).delete();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> admin.pods().inNamespace(namespace).withName(name).get() == null);
    Pod pod =
        createPod(
            namespace,
            new ObjectMetaBuilder()
                .withName(name)
                .withUid(UUID.randomUUID().toString())
                .withLabels(meta.getLabels())
                .withAnnotations(meta.getAnnotations())
                .addNewOwnerReference()
                .withApiVersion(version.apiVersion())
                .withKind(SandboxApiVersion.KIND)
                .withName(name)
                .withUid(sandbox.getMetadata().getUid())
                .withController(true)
                .endOwnerReference()
                .build());
    markReady(version, namespace, name);
    return pod;
  }

  /**
   * What agent-sandbox does on a stop: {@code v1beta1} reports {@code Suspended=True} for the
   * current generation, {@code v1alpha1} scales the pod away.
   */
  void markStopped(SandboxApiVersion version, String namespace, String name) {
    if (version == SandboxApiVersion.V1ALPHA1) {
      admin.pods().inNamespace(namespace).withName(name).delete();
      return;
    }
    long generation = generation(version, namespace, name);
    writeStatus(
        version,
        namespace,
        name,
        List.of(
            condition("Ready", "False", "SandboxSuspended", "Sandbox is suspended", generation),
            condition("Suspended", "True", "PodDeleted", "Pod is gone", generation)));
  }

  private long generation(SandboxApiVersion version, String namespace, String name) {
    Long generation = sandbox(version, namespace, name).get().getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  /** Replaces the status, as the controller does through the status subresource. */
  void writeStatus(
      SandboxApiVersion version, String namespace, String name, List<Map<String, Object>> conds) {
    GenericKubernetesResource current = sandbox(version, namespace, name).get();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("sandboxName", name);
    status.put("agentPod", name);
    status.put("conditions", new ArrayList<>(conds));
    current.setAdditionalProperty("status", status);
    admin
        .genericKubernetesResources(sandboxes(version))
        .inNamespace(namespace)
        .resource(current)
        .updateStatus();
  }

  static Map<String, Object> condition(
      String type, String status, String reason, String message, long observedGeneration) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", status);
    c.put("reason", reason);
    c.put("message", message);
    c.put("lastTransitionTime", Instant.now().toString());
    if (observedGeneration > 0) {
      c.put("observedGeneration", observedGeneration);
    }
    return c;
  }

  /** A core/v1 Event about the Sandbox resource, as the controller emits them. */
  void emitEvent(String namespace, String sandboxName, String reason, String message) {
    String now = Instant.now().toString();
    admin
        .v1()
        .events()
        .inNamespace(namespace)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withGenerateName(sandboxName + ".")
                .withNamespace(namespace)
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(GROUP + "/v1beta1")
                .withKind("Sandbox")
                .withNamespace(namespace)
                .withName(sandboxName)
                .endInvolvedObject()
                .withType("Normal")
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build())
        .create();
  }

  /** A Kubernetes {@code Status} failure body for expectations. */
  static Status failure(int code, String reason, String message) {
    return new StatusBuilder()
        .withStatus("Failure")
        .withCode(code)
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  static Status notFound(String message) {
    return failure(404, "NotFound", message);
  }

  private void installCrd(SandboxApiVersion storage) {
    List<CustomResourceDefinitionVersion> versions = new ArrayList<>();
    for (SandboxApiVersion v : SandboxApiVersion.values()) {
      if (v.ordinal() < storage.ordinal()) {
        continue;
      }
      versions.add(
          new CustomResourceDefinitionVersionBuilder()
              .withName(v.version())
              .withServed(true)
              .withStorage(v == storage)
              .withNewSubresources()
              .withNewStatus()
              .endStatus()
              .endSubresources()
              .withNewSchema()
              .withNewOpenAPIV3Schema()
              .withType("object")
              .withXKubernetesPreserveUnknownFields(true)
              .endOpenAPIV3Schema()
              .endSchema()
              .build());
    }
    CustomResourceDefinition crd =
        new CustomResourceDefinitionBuilder()
            .withNewMetadata()
            .withName(SandboxApiVersion.PLURAL + "." + GROUP)
            .endMetadata()
            .withNewSpec()
            .withGroup(GROUP)
            .withScope("Namespaced")
            .withNewNames()
            .withKind(SandboxApiVersion.KIND)
            .withPlural(SandboxApiVersion.PLURAL)
            .withSingular("sandbox")
            .endNames()
            .withVersions(versions)
            .endSpec()
            .build();
    admin.apiextensions().v1().customResourceDefinitions().resource(crd).create();
  }

  @Override
  public void close() {
    admin.close();
    server.destroy();
    driverSettings.ifPresent(
        settings -> {
          List<String> undeclared = ApiCoverage.undeclared(driverRequests(), settings);
          if (!undeclared.isEmpty()) {
            throw new AssertionError(
                "The driver made API requests that ApiPermissions does not declare (add them, so"
                    + " the installed RBAC grants them):\n  "
                    + String.join("\n  ", undeclared));
          }
        });
  }

  /** The CRUD and expectation dispatcher, recording what the driver's client asks. */
  private static final class Recorder extends KubernetesMixedDispatcher {
    final List<ApiRequest> recorded = new CopyOnWriteArrayList<>();

    Recorder(Map<ServerRequest, Queue<ServerResponse>> responses) {
      super(responses);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String agent = request.getHeader("User-Agent");
      if (agent != null && agent.startsWith(DRIVER_AGENT)) {
        ApiRequest.of(request.getMethod(), request.getPath())
            .ifPresentOrElse(
                recorded::add,
                () ->
                    recorded.add(
                        new ApiRequest(
                            request.getMethod() + " " + request.getPath(),
                            "(non-resource)",
                            request.getPath(),
                            request.getMethod(),
                            Optional.empty(),
                            Optional.empty())));
      }
      return super.dispatch(request);
    }
  }
}
