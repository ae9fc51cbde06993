package dev.berth.grpc.e2e;

import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import dev.berth.plan.SandboxApiVersion;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent-sandbox controller and the kubelet for two-pod sandboxes, as far as the lifecycle needs
 * them: a running Sandbox gets its workload pod from the template (gated, the Sandbox its
 * controller); a pod whose gates are all gone is marked running and Ready, and the Sandbox Ready; a
 * suspended Sandbox loses its pod and reports Suspended; a deleted one loses its pod (the garbage
 * collector's part). Single-pod sandboxes are left to the tests' hand-written steps.
 */
final class StandInController implements AutoCloseable {

  private final MockCluster cluster;
  private final SandboxApiVersion version;
  private final List<String> namespaces;
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  private final Map<String, Boolean> stopped = new HashMap<>();

  private StandInController(
      MockCluster cluster, SandboxApiVersion version, List<String> namespaces) {
    this.cluster = cluster;
    this.version = version;
    this.namespaces = namespaces;
  }

  static StandInController start(
      MockCluster cluster, SandboxApiVersion version, String... namespaces) {
    StandInController controller = new StandInController(cluster, version, List.of(namespaces));
    controller.loop.scheduleWithFixedDelay(controller::pass, 20, 20, TimeUnit.MILLISECONDS);
    return controller;
  }

  private void pass() {
    for (String namespace : namespaces) {
      try {
        reconcile(namespace);
      } catch (RuntimeException e) {
        // The next pass tries again, as a controller would.
      }
    }
  }

  private void reconcile(String namespace) {
    KubernetesClient admin = cluster.admin();
    Map<String, GenericKubernetesResource> twoPod = new HashMap<>();
    for (GenericKubernetesResource s : cluster.sandboxes(version, namespace)) {
      if (twoPod(s)) {
        twoPod.put(s.getMetadata().getName(), s);
      }
    }
    for (Pod pod : admin.pods().inNamespace(namespace).list().getItems()) {
      String name = pod.getMetadata().getName();
      boolean controlled =
          pod.getMetadata().getOwnerReferences() != null
              && pod.getMetadata().getOwnerReferences().stream()
                  .anyMatch(o -> Boolean.TRUE.equals(o.getController()));
      GenericKubernetesResource owner = twoPod.get(name);
      boolean gone = controlled && owner == null && ownedByTwoPod(pod);
      if (gone || (owner != null && suspendedAWhile(namespace, owner))) {
        admin.pods().inNamespace(namespace).withName(name).delete();
        continue;
      }
      boolean gated =
          pod.getSpec().getSchedulingGates() != null
              && !pod.getSpec().getSchedulingGates().isEmpty();
      if (!gated && (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase()))) {
        admin
            .pods()
            .inNamespace(namespace)
            .withName(name)
            .editStatus(
                p ->
                    new PodBuilder(p)
                        .editOrNewStatus()
                        .withPhase("Running")
                        .withConditions(
                            new PodConditionBuilder()
                                .withType("Ready")
                                .withStatus("True")
                                .withLastTransitionTime(Instant.now().toString())
                                .build())
                        .endStatus()
                        .build());
        if (owner != null) {
          cluster.writeStatus(
              version,
              namespace,
              name,
              List.of(MockCluster.condition("Ready", "True", "DependenciesReady", "ready", 0)));
        }
      }
    }
    for (GenericKubernetesResource s : twoPod.values()) {
      String name = s.getMetadata().getName();
      boolean hasPod = admin.pods().inNamespace(namespace).withName(name).get() != null;
      if (running(s)) {
        stopped.remove(namespace + "/" + name);
        if (!hasPod) {
          createPod(namespace, s);
        }
      } else if (!hasPod && stopped.put(namespace + "/" + name, true) == null) {
        cluster.markStopped(version, namespace, name);
      }
    }
  }

  /**
   * Suspended for longer than the driver needs to start its wait: the mock's watches do not replay
   * history, so a pod removed before Stop's pod watch (v1alpha1) starts would never be seen going.
   */
  private boolean suspendedAWhile(String namespace, GenericKubernetesResource sandbox) {
    String key = namespace + "/" + sandbox.getMetadata().getName();
    if (running(sandbox)) {
      suspendedSince.remove(key);
      return false;
    }
    long since = suspendedSince.computeIfAbsent(key, k -> System.nanoTime());
    return System.nanoTime() - since > SETTLE.toNanos();
  }

  private static final Duration SETTLE = Duration.ofMillis(300);
  private final Map<String, Long> suspendedSince = new HashMap<>();

  private static boolean twoPod(GenericKubernetesResource sandbox) {
    Map<String, String> annotations = sandbox.getMetadata().getAnnotations();
    return annotations != null
        && (annotations.containsKey(new IsolationNames(Generation.G2).bootstrapPhaseAnnotation())
            || annotations.containsKey(
                new IsolationNames(Generation.G3).bootstrapPhaseAnnotation()));
  }

  private static boolean ownedByTwoPod(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels != null
        && (labels.containsKey(new IsolationNames(Generation.G2).roleLabel())
            || labels.containsKey(new IsolationNames(Generation.G3).roleLabel()));
  }

  @SuppressWarnings("unchecked")
  private static boolean running(GenericKubernetesResource sandbox) {
    Map<String, Object> spec = (Map<String, Object>) sandbox.getAdditionalProperties().get("spec");
    Object mode = spec.get("operatingMode");
    if (mode != null) {
      return "Running".equals(mode);
    }
    return !Integer.valueOf(0).equals(spec.get("replicas"));
  }

  @SuppressWarnings("unchecked")
  private void createPod(String namespace, GenericKubernetesResource sandbox) {
    KubernetesClient admin = cluster.admin();
    Map<String, Object> spec = (Map<String, Object>) sandbox.getAdditionalProperties().get("spec");
    Map<String, Object> template = (Map<String, Object>) spec.get("podTemplate");
    ObjectMeta meta =
        admin.getKubernetesSerialization().convertValue(template.get("metadata"), ObjectMeta.class);
    PodSpec podSpec =
        admin.getKubernetesSerialization().convertValue(template.get("spec"), PodSpec.class);
    admin
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(sandbox.getMetadata().getName())
                .withUid(UUID.randomUUID().toString())
                .withLabels(meta.getLabels())
                .withAnnotations(meta.getAnnotations())
                .addNewOwnerReference()
                .withApiVersion(version.apiVersion())
                .withKind(SandboxApiVersion.KIND)
                .withName(sandbox.getMetadata().getName())
                .withUid(sandbox.getMetadata().getUid())
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withSpec(podSpec)
                .build())
        .create();
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
