package dev.berth.kubernetes;

import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import java.util.Optional;

/**
 * This gateway's supervisor pods, watched for two-pod readiness: each reported as a {@link
 * SupervisorState}; the informers' stores hold only what a deletion needs to name its pod.
 */
final class SupervisorPods implements GenerationInformers.Kind<Pod, SupervisorState> {

  private static final long LIST_PAGE = 500;

  private final KubernetesClient client;
  private final Optional<String> namespace;
  private final String gatewayId;

  SupervisorPods(KubernetesClient client, Optional<String> namespace, String gatewayId) {
    this.client = client;
    this.namespace = namespace;
    this.gatewayId = gatewayId;
  }

  @Override
  public String describe(Generation generation) {
    return generation.namespace() + " supervisor pods";
  }

  /** The label selector of one generation's supervisor pods of this gateway. */
  @Override
  public String selector(IsolationNames names) {
    return GenerationInformers.componentSelector(names, IsolationNames.COMPONENT_SUPERVISOR)
        + ","
        + names.gatewayIdLabel()
        + "="
        + gatewayId;
  }

  @Override
  public SharedIndexInformer<Pod> informer(String selector) {
    SharedIndexInformer<Pod> informer =
        pods().withLabelSelector(selector).withLimit(LIST_PAGE).runnableInformer(0);
    informer.itemStore(
        new ReducedStateItemStore<>(
            ReducedStateItemStore.NAME_KEY_STATE,
            Pod.class,
            client.getKubernetesSerialization(),
            // apiVersion and kind: the restored object is read back through the client's typed
            // deserializer, which finds the class by them
            "apiVersion",
            "kind",
            "metadata.uid",
            "metadata.resourceVersion",
            "metadata.annotations"));
    return informer;
  }

  @Override
  public Optional<SupervisorState> state(Pod pod, IsolationNames names) {
    return SupervisorState.of(pod, names);
  }

  private FilterWatchListDeletable<Pod, PodList, PodResource> pods() {
    return namespace.isPresent()
        ? client.pods().inNamespace(namespace.get())
        : client.pods().inAnyNamespace();
  }
}
