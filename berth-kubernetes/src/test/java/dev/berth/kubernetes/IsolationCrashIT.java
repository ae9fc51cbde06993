package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.berth.driver.DriverException;
import dev.berth.driver.RuntimeIdentity;
import dev.berth.driver.RuntimeStart;
import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.LaunchAuthentication;
import dev.berth.plan.RuntimePlan;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.agentsandbox.AgentSandbox;
import dev.berth.render.isolation.CreateStep;
import dev.berth.render.isolation.IsolationRenderer;
import dev.berth.render.isolation.RenderedIsolationSandbox;
import dev.berth.request.ResourceRequests;
import dev.berth.request.SandboxRequest;
import dev.berth.request.SandboxSpec;
import dev.berth.request.SandboxTemplate;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.Topology;
import dev.berth.validate.SandboxValidator;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two-pod lifecycle survives a crash between any two of its steps: the backend is made to fail
 * after each step in turn, and the next Create, Start or Delete finishes the job with nothing left
 * over (every object kind in the namespace listed at the end).
 */
class IsolationCrashIT {

  private static final String GENERATION = "7f3c9a2e51d44b8e";
  private static final String NEXT = "g0000000000000002";
  private static final String ID = "sb-1";
  private static final String RESOURCE = "team-a--demo";
  private static final IsolationNames NAMES = new IsolationNames(Generation.G2);
  private static final List<String> FENCES =
      List.of(
          "NetworkPolicy/" + NAMES.workloadPolicy(), "NetworkPolicy/" + NAMES.supervisorPolicy());

  @Test
  void aCreateThatDiedAfterAnyStepIsFinishedByTheNextCreate() throws Exception {
    RenderedIsolationSandbox rendered = render(GENERATION);
    for (int k = 0; k < rendered.createSteps().size(); k++) {
      try (TwoPodCluster cluster = new TwoPodCluster();
          Driver driver = new Driver(cluster, k)) {
        DriverException crash =
            catchThrowableOfType(
                DriverException.class, () -> driver.lifecycle.create(rendered, launch(GENERATION)));
        assertThat(crash).as("crash after step %d", k).isNotNull();

        driver.crashAfter(-1);
        RuntimeIdentity identity =
            driver.lifecycle.create(render(GENERATION), launch(GENERATION)).identity();
        assertThat(identity.runtimeGeneration()).isEqualTo(GENERATION);
        assertRunning(cluster, GENERATION, "after a crash after step " + k);
      }
    }
  }

  @Test
  void aCreateThatDiedAfterAnyStepLeavesNothingAfterTheNextDelete() throws Exception {
    int steps = render(GENERATION).createSteps().size();
    for (int k = 0; k < steps; k++) {
      try (TwoPodCluster cluster = new TwoPodCluster();
          Driver driver = new Driver(cluster, k)) {
        catchThrowableOfType(
            DriverException.class,
            () -> driver.lifecycle.create(render(GENERATION), launch(GENERATION)));
        driver.crashAfter(-1);
        driver.delete();
        String when = "after a create that died after step " + k;
        await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(cluster.everything()).as(when).isSubsetOf(FENCES));
      }
    }
  }

  @Test
  void aStartThatDiedAfterAnyStepIsFinishedByItsRetry() throws Exception {
    int steps = IsolationRenderer.startSteps(NAMES, ID, RESOURCE, NEXT).size();
    for (int k = 0; k < steps; k++) {
      try (TwoPodCluster cluster = new TwoPodCluster();
          Driver driver = new Driver(cluster, -1)) {
        RuntimeIdentity created =
            driver.lifecycle.create(render(GENERATION), launch(GENERATION)).identity();
        assertRunning(cluster, GENERATION, "before the stop");
        driver.lifecycle.stop(ID, driver.find(), NAMES);
        await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(
                () ->
                    assertThat(cluster.everything())
                        .containsExactlyInAnyOrderElementsOf(
                            List.of(
                                FENCES.get(0),
                                FENCES.get(1),
                                "Sandbox/" + RESOURCE,
                                "Service/" + IsolationNames.boundaryService(ID))));

        driver.crashAfter(k);
        RuntimeStart start =
            new RuntimeStart.Rotate(Optional.of(NEXT), "unused", Optional.of(created), s -> {});
        DriverException crash =
            catchThrowableOfType(
                DriverException.class,
                () ->
                    driver.lifecycle.start(
                        ID, driver.find(), NAMES, start, Optional.of(launch(NEXT))));
        assertThat(crash).as("crash after start step %d", k).isNotNull();
        driver.crashAfter(-1);
        RuntimeIdentity started =
            driver.lifecycle.start(ID, driver.find(), NAMES, start, Optional.of(launch(NEXT)));
        assertThat(started)
            .isEqualTo(new RuntimeIdentity(created.namespace(), created.sandboxUid(), NEXT));
        assertRunning(cluster, NEXT, "after a start that died after step " + k);
      }
    }
  }

  /** Both pods released, both Secrets of {@code generation} owned by them, nothing else. */
  private static void assertRunning(TwoPodCluster cluster, String generation, String when) {
    KubernetesClient admin = cluster.admin();
    String supervisorName = IsolationNames.supervisorPod(ID);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(cluster.everything())
                    .as(when)
                    .containsExactlyInAnyOrder(
                        FENCES.get(0),
                        FENCES.get(1),
                        "Sandbox/" + RESOURCE,
                        "Service/" + IsolationNames.boundaryService(ID),
                        "Pod/" + RESOURCE,
                        "Pod/" + supervisorName,
                        "Secret/" + IsolationNames.sandboxSecret(ID, generation),
                        "Secret/" + IsolationNames.supervisorSecret(ID, generation)));
    Pod workload = admin.pods().inNamespace(TwoPodCluster.NAMESPACE).withName(RESOURCE).get();
    Pod supervisor =
        admin.pods().inNamespace(TwoPodCluster.NAMESPACE).withName(supervisorName).get();
    for (Pod pod : List.of(workload, supervisor)) {
      assertThat(pod.getSpec().getSchedulingGates()).as(when).isNullOrEmpty();
    }
    Secret forWorkload =
        admin
            .secrets()
            .inNamespace(TwoPodCluster.NAMESPACE)
            .withName(IsolationNames.sandboxSecret(ID, generation))
            .get();
    Secret forSupervisor =
        admin
            .secrets()
            .inNamespace(TwoPodCluster.NAMESPACE)
            .withName(IsolationNames.supervisorSecret(ID, generation))
            .get();
    assertThat(forWorkload.getMetadata().getOwnerReferences().get(0).getUid())
        .isEqualTo(workload.getMetadata().getUid());
    assertThat(forSupervisor.getMetadata().getOwnerReferences().get(0).getUid())
        .isEqualTo(supervisor.getMetadata().getUid());
    assertThat(new String(decode(forSupervisor, IsolationNames.KEY_AUTH_BUNDLE), UTF8))
        .contains("gateway-bearer");
    for (String value : forWorkload.getData().values()) {
      assertThat(new String(Base64.getDecoder().decode(value), UTF8))
          .doesNotContain("gateway-bearer")
          .doesNotContain("sandbox-bearer");
    }
    assertBound(cluster, generation, workload, supervisor, forWorkload, forSupervisor, when);
  }

  /** Both documents name the objects that are there now, and agree with each other. */
  private static void assertBound(
      TwoPodCluster cluster,
      String generation,
      Pod workload,
      Pod supervisor,
      Secret forWorkload,
      Secret forSupervisor,
      String when) {
    KubernetesClient admin = cluster.admin();
    JsonNode boundary = JSON.readTree(decode(forWorkload, IsolationNames.KEY_BOUNDARY_CONFIG));
    JsonNode descriptor =
        JSON.readTree(decode(forSupervisor, IsolationNames.KEY_BACKEND_DESCRIPTOR));
    String sandboxUid =
        admin
            .genericKubernetesResources(TwoPodCluster.sandboxes())
            .inNamespace(TwoPodCluster.NAMESPACE)
            .withName(RESOURCE)
            .get()
            .getMetadata()
            .getUid();
    Map<String, String> claims =
        Map.of(
            "kubernetes.namespace_uid",
            admin.namespaces().withName(TwoPodCluster.NAMESPACE).get().getMetadata().getUid(),
            "kubernetes.sandbox_resource_uid",
            sandboxUid,
            "kubernetes.workload_pod_uid",
            workload.getMetadata().getUid(),
            "kubernetes.supervisor_pod_uid",
            supervisor.getMetadata().getUid(),
            "kubernetes.egress_policy_uid",
            admin
                .network()
                .v1()
                .networkPolicies()
                .inNamespace(TwoPodCluster.NAMESPACE)
                .withName(NAMES.workloadPolicy())
                .get()
                .getMetadata()
                .getUid());
    for (JsonNode document : List.of(boundary, descriptor)) {
      assertThat(document.get("generation").asString()).as(when).isEqualTo(generation);
      assertThat(document.get("outer_fence").get("generation").asString()).isEqualTo(generation);
      JsonNode bound = document.get("resource_claims");
      claims.forEach(
          (k, v) -> assertThat(bound.get(k).asString()).as(when + ": " + k).isEqualTo(v));
      assertThat(document.get("workload_identity").get("uid").asLong()).isEqualTo(1000L);
      assertThat(document.get("workload_identity").get("resource_digest").asString())
          .isEqualTo("sandbox:" + sandboxUid);
    }
    assertThat(descriptor.get("resource_claims")).isEqualTo(boundary.get("resource_claims"));
    assertThat(descriptor.get("outer_fence")).isEqualTo(boundary.get("outer_fence"));
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static byte[] decode(Secret secret, String key) {
    return Base64.getDecoder().decode(secret.getData().get(key));
  }

  private static final Charset UTF8 = StandardCharsets.UTF_8;

  /** The lifecycle as the backend builds it, with a hook that fails after step {@code k}. */
  private static final class Driver implements AutoCloseable {
    final AtomicInteger crashAfter;
    final AtomicInteger done = new AtomicInteger();
    final IsolationLifecycle lifecycle;
    final SandboxStore store;
    final KubernetesClient client;
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    Driver(TwoPodCluster cluster, int k) {
      crashAfter = new AtomicInteger(k);
      client = cluster.driverClient();
      ApiErrors errors = new ApiErrors(Duration.ofSeconds(10), Duration.ofSeconds(10));
      SandboxApi api =
          new SandboxApi(client, TwoPodCluster.VERSION, Optional.of(TwoPodCluster.NAMESPACE));
      store = new SandboxStore(api, "gw1", errors);
      lifecycle =
          new IsolationLifecycle(
              new IsolationLifecycle.Io(
                  new IsolationObjects(client, errors),
                  api,
                  store,
                  errors,
                  new GeneratedBootstrapMaterial(
                      Optional.empty(),
                      GeneratedBootstrapMaterial.ClientCa.NONE,
                      Clock.systemUTC())),
              client,
              5500,
              Duration.ofSeconds(5),
              Duration.ofSeconds(5),
              scheduler,
              (CreateStep step) -> {
                if (done.getAndIncrement() == crashAfter.get()) {
                  done.set(0);
                  throw new DriverException(
                      DriverException.Kind.UNAVAILABLE, "crash after " + step);
                }
              });
    }

    /** Fails the call after its {@code k}-th next step; -1 fails none. */
    void crashAfter(int k) {
      done.set(0);
      crashAfter.set(k);
    }

    AgentSandbox find() throws DriverException {
      return store.find(ID).orElseThrow();
    }

    void delete() throws DriverException {
      Optional<AgentSandbox> found = store.find(ID);
      if (found.isPresent()) {
        assertThat(lifecycle.delete(ID, found.get(), NAMES)).isTrue();
      }
    }

    @Override
    public void close() {
      scheduler.shutdownNow();
      client.close();
    }
  }

  static RenderedIsolationSandbox render(String generation) {
    DriverSettings settings =
        SandboxPlan.withTopology(
            DriverSettings.fromMap(
                    Map.of(
                        "OPENSHELL_SANDBOX_NAMESPACE",
                        TwoPodCluster.NAMESPACE,
                        "OPENSHELL_GATEWAY_ID",
                        "gw1"))
                .orElseThrow(),
            Topology.ISOLATION_BACKEND);
    SandboxRequest request =
        new SandboxRequest(
            ID,
            "demo",
            "",
            "team-a",
            new SandboxSpec(
                "",
                Map.of(),
                new SandboxTemplate(
                    "ghcr.io/example/agent:1.0",
                    "",
                    Map.of(),
                    Map.of(),
                    ResourceRequests.NONE,
                    SandboxTemplate.emptyObject(),
                    SandboxTemplate.emptyObject(),
                    Optional.empty()),
                Optional.empty(),
                List.of(),
                true,
                false));
    return IsolationRenderer.render(
        SandboxValidator.validate(request, settings, ClusterFacts.DEFAULT).orElseThrow(),
        new RuntimePlan(Generation.G2, generation));
  }

  static LaunchAuthentication launch(String generation) {
    String json =
        """
        {"supervisor": {"session_id": "0b9d5a1c-6d0e-4c1f-9e2b-1f4d6c7a8b90",
                        "runtime_generation": "%s", "session_rotation": 1, "auth_epoch": 1,
                        "gateway_token": "gateway-bearer", "sandbox_token": "sandbox-bearer"},
         "gateway_id": "openshell",
         "verification_keys": [{"key_id": "key-1",
           "public_key_pem": "-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA\\n-----END PUBLIC KEY-----\\n"}]}
        """
            .formatted(generation);
    return LaunchAuthentication.parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }
}
