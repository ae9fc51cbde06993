package dev.berth.benchmarks;

import dev.berth.grpc.convert.ProtoRequests;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import dev.berth.naming.ManagedNames;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.RuntimePlan;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.agentsandbox.AgentSandbox;
import dev.berth.render.agentsandbox.AgentSandboxStatus;
import dev.berth.render.isolation.IsolationRenderer;
import dev.berth.render.isolation.ReleasePatches;
import dev.berth.render.isolation.RenderedIsolationSandbox;
import dev.berth.result.Result;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.Topology;
import dev.berth.validate.SandboxValidator;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The cluster side of {@link ScaleBenchmark}: Sandboxes as Berth renders them, with the status
 * agent-sandbox writes and their pods, put straight into the mock's store; and the controller's
 * part during the run (status changes, the Suspended condition a stop waits for), made by a client
 * whose requests the counting dispatcher leaves out.
 */
final class ScaleCluster implements AutoCloseable {

  static final String TIME = "2026-12-06T10:00:00Z";
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  private final KubernetesClient client;
  private final ResourceDefinitionContext sandboxes;
  private final KubernetesSerialization json = new KubernetesSerialization();
  private final List<String> names = new ArrayList<>();

  ScaleCluster(MockApi api) {
    Config config =
        new ConfigBuilder(api.admin().getConfiguration())
            .withCustomHeaders(Map.of(CountingDispatcher.BENCH_HEADER, "admin"))
            .build();
    this.client = new KubernetesClientBuilder().withConfig(config).build();
    SandboxApiVersion v = SandboxApiVersion.V1BETA1;
    this.sandboxes =
        new ResourceDefinitionContext.Builder()
            .withGroup(SandboxApiVersion.GROUP)
            .withVersion(v.version())
            .withKind(SandboxApiVersion.KIND)
            .withPlural(SandboxApiVersion.PLURAL)
            .withNamespaced(true)
            .build();
  }

  static String id(int i) {
    return String.format(Locale.ROOT, "scale-%05d", i);
  }

  /**
   * Seeds {@code count} running sandboxes and their pods; returns the seconds it took. With {@code
   * twoPod}, each is G3's two-pod shape, released, with its Ready supervisor pod.
   */
  double seed(CountingDispatcher store, DriverSettings settings, int count, boolean twoPod) {
    long t0 = System.nanoTime();
    names.clear();
    DriverSandbox template = CreateSandboxBenchmark.request("template", "template");
    IsolationNames g3 = new IsolationNames(Generation.G3);
    for (int i = 0; i < count; i++) {
      DriverSandbox request = template.toBuilder().setId(id(i)).setName("sb-" + id(i)).build();
      AgentSandbox sandbox;
      if (twoPod) {
        String runtimeGeneration =
            UUID.nameUUIDFromBytes(request.getId().getBytes(StandardCharsets.UTF_8)).toString();
        RenderedIsolationSandbox rendered =
            renderTwoPod(request, settings, ClusterFacts.DEFAULT, Generation.G3, runtimeGeneration);
        sandbox = rendered.sandbox();
        if (i == 0) {
          // The namespace's two fences, as the first create makes them.
          store.seed(seeded(rendered.workloadFence()));
          store.seed(seeded(rendered.supervisorFence()));
        }
        sandbox
            .getMetadata()
            .getAnnotations()
            .put(g3.bootstrapPhaseAnnotation(), ReleasePatches.PHASE_RELEASED);
        store.seed(supervisor(rendered.supervisorPod()));
      } else {
        sandbox = CreateSandboxBenchmark.render(request, settings, ClusterFacts.DEFAULT);
      }
      ObjectMeta meta = sandbox.getMetadata();
      names.add(meta.getName());
      meta.setNamespace(MockApi.NAMESPACE);
      meta.setUid(UUID.nameUUIDFromBytes(id(i).getBytes(StandardCharsets.UTF_8)).toString());
      // "1": lower than any version the mock hands out later, so every change is newer
      meta.setResourceVersion("1");
      meta.setGeneration(1L);
      meta.setCreationTimestamp(TIME);
      AgentSandboxStatus status = new AgentSandboxStatus();
      status.setSandboxName(meta.getName());
      status.setAgentPod(meta.getName());
      status.setReplicas(1);
      status.setConditions(List.of(ready("DependenciesReady", "Pod is Ready; Service Exists")));
      sandbox.setStatus(status);
      store.seed(sandbox);
      Pod pod =
          new PodBuilder()
              .withNewMetadata()
              .withName(meta.getName())
              .withNamespace(MockApi.NAMESPACE)
              .withUid(UUID.randomUUID().toString())
              .withResourceVersion("1")
              .withCreationTimestamp(TIME)
              .withLabels(sandbox.getSpec().getPodTemplate().getMetadata().getLabels())
              .endMetadata()
              .withSpec(sandbox.getSpec().getPodTemplate().getSpec())
              .withNewStatus()
              .withPhase("Running")
              .withPodIP("10.0." + (i / 250) + "." + (i % 250))
              .endStatus()
              .build();
      store.seed(pod);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * The two-pod shape of {@code generation} for this request, rendered for runtime generation
   * {@code runtimeGeneration}.
   */
  static RenderedIsolationSandbox renderTwoPod(
      DriverSandbox sandbox,
      DriverSettings settings,
      ClusterFacts facts,
      Generation generation,
      String runtimeGeneration) {
    Result<SandboxPlan> plan =
        SandboxValidator.validate(
            ProtoRequests.toRequest(sandbox),
            SandboxPlan.withTopology(settings, Topology.ISOLATION_BACKEND),
            facts);
    if (!plan.isValid()) {
      throw new IllegalStateException("benchmark request is invalid: " + plan.violations());
    }
    return IsolationRenderer.render(
        plan.orElseThrow(), new RuntimePlan(generation, runtimeGeneration));
  }

  /** A rendered object as the API server stores it: namespace, UID and version set. */
  private static <T extends HasMetadata> T seeded(T object) {
    object.getMetadata().setNamespace(MockApi.NAMESPACE);
    object.getMetadata().setUid(UUID.randomUUID().toString());
    object.getMetadata().setResourceVersion("1");
    object.getMetadata().setCreationTimestamp(TIME);
    return object;
  }

  /** The supervisor pod as it runs once released: ungated, Running and Ready. */
  private static Pod supervisor(Pod rendered) {
    Pod pod =
        new PodBuilder(rendered)
            .editMetadata()
            .withNamespace(MockApi.NAMESPACE)
            .withUid(UUID.randomUUID().toString())
            .withResourceVersion("1")
            .withCreationTimestamp(TIME)
            .endMetadata()
            .withNewStatus()
            .withPhase("Running")
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .withLastTransitionTime(TIME)
            .endCondition()
            .endStatus()
            .build();
    pod.getSpec().setSchedulingGates(null);
    return pod;
  }

  static Condition ready(String reason, String message) {
    return new ConditionBuilder()
        .withType("Ready")
        .withStatus("True")
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(TIME)
        .withObservedGeneration(1L)
        .build();
  }

  /** The controller reports change {@code k} on sandbox {@code i} (a new Ready message). */
  void change(int i, int k) {
    patchStatus(names.get(i), List.of(ready("DependenciesReady", ScaleWatchers.CHANGE_PREFIX + k)));
  }

  /** The resource name Berth gave sandbox {@code i}. */
  String name(int i) {
    return names.get(i);
  }

  /** The resource name of the sandbox with this id, as the controller finds it. */
  String nameOf(String sandboxId) {
    return client
        .genericKubernetesResources(sandboxes)
        .inNamespace(MockApi.NAMESPACE)
        .withLabel(ManagedNames.LABEL_SANDBOX_ID, sandboxId)
        .list()
        .getItems()
        .get(0)
        .getMetadata()
        .getName();
  }

  /** The resource version of a sandbox, read by the controller. */
  String resourceVersion(String name) {
    GenericKubernetesResource r =
        client
            .genericKubernetesResources(sandboxes)
            .inNamespace(MockApi.NAMESPACE)
            .withName(name)
            .get();
    return r == null ? "" : r.getMetadata().getResourceVersion();
  }

  /** The controller reports the sandbox suspended, as agent-sandbox does after a stop. */
  void suspended(String name) {
    Condition suspended =
        new ConditionBuilder()
            .withType("Suspended")
            .withStatus("True")
            .withReason("Suspended")
            .withMessage("replicas is 0")
            .withLastTransitionTime(TIME)
            .build();
    patchStatus(name, List.of(suspended));
  }

  private void patchStatus(String name, List<Condition> conditions) {
    String body = json.asJson(Map.of("status", Map.of("conditions", conditions)));
    client
        .genericKubernetesResources(sandboxes)
        .inNamespace(MockApi.NAMESPACE)
        .withName(name)
        .subresource("status")
        .patch(MERGE, body);
  }

  @Override
  public void close() {
    client.close();
  }
}
