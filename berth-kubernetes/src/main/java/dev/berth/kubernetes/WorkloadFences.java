package dev.berth.kubernetes;

import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import dev.berth.render.isolation.NetworkFence;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Objects;
import java.util.Optional;

/**
 * The namespaces' workload fences (the NetworkPolicy that leaves workload pods no egress), watched
 * so that a fence deleted or opened up while sandboxes run is noticed: their readiness and the
 * fail-closed guard read it. One small object per namespace and generation.
 */
final class WorkloadFences implements GenerationInformers.Kind<NetworkPolicy, FenceState> {

  private final KubernetesClient client;
  private final Optional<String> namespace;

  WorkloadFences(KubernetesClient client, Optional<String> namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  @Override
  public String describe(Generation generation) {
    return generation.namespace() + " workload fences";
  }

  @Override
  public String selector(IsolationNames names) {
    return GenerationInformers.componentSelector(names, IsolationNames.COMPONENT_WORKLOAD_FENCE);
  }

  @Override
  public SharedIndexInformer<NetworkPolicy> informer(String selector) {
    return policies().withLabelSelector(selector).runnableInformer(0);
  }

  @Override
  public Optional<FenceState> state(NetworkPolicy policy, IsolationNames names) {
    if (!policy.getMetadata().getName().equals(names.workloadPolicy())) {
      return Optional.empty();
    }
    return Optional.of(
        new FenceState(
            policy.getMetadata().getNamespace(),
            policy.getMetadata().getName(),
            Objects.requireNonNullElse(policy.getMetadata().getUid(), ""),
            policy.getSpec() != null && NetworkFence.deniesWorkloadEgress(names, policy)));
  }

  private FilterWatchListDeletable<NetworkPolicy, NetworkPolicyList, Resource<NetworkPolicy>>
      policies() {
    return namespace.isPresent()
        ? client.network().v1().networkPolicies().inNamespace(namespace.get())
        : client.network().v1().networkPolicies().inAnyNamespace();
  }
}
