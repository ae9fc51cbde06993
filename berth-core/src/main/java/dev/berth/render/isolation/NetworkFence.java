package dev.berth.render.isolation;

import dev.berth.naming.IsolationNames;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The namespace-wide fence of the isolation backend (upstream's {@code workload_fence}): one policy
 * that selects every workload pod, lets only supervisor pods reach the boundary port and allows no
 * connection a workload opens (DNS and the Kubernetes API included; replies to admitted connections
 * still flow), and one that keeps supervisor egress open against any default-deny policy an
 * operator adds. Both are shared by every sandbox of the namespace and outlive them.
 */
public final class NetworkFence {

  static final String INGRESS = "Ingress";
  static final String EGRESS = "Egress";
  static final String TCP = "TCP";

  private NetworkFence() {}

  /** The workload fence: must exist before any workload pod may run. */
  public static NetworkPolicy workload(IsolationNames names, String namespace, int boundaryPort) {
    NetworkPolicyPeer supervisors = new NetworkPolicyPeer();
    supervisors.setPodSelector(selector(names, IsolationNames.ROLE_SUPERVISOR));
    NetworkPolicyPort port = new NetworkPolicyPort();
    port.setPort(new IntOrString(boundaryPort));
    port.setProtocol(TCP);
    NetworkPolicyIngressRule ingress = new NetworkPolicyIngressRule();
    ingress.setFrom(List.of(supervisors));
    ingress.setPorts(List.of(port));
    NetworkPolicySpec spec = new NetworkPolicySpec();
    spec.setPodSelector(selector(names, IsolationNames.ROLE_WORKLOAD));
    spec.setPolicyTypes(List.of(INGRESS, EGRESS));
    spec.setIngress(List.of(ingress));
    // Egress is listed and given no rule: every workload-initiated connection is denied.
    spec.setEgress(List.of());
    return policy(
        names, namespace, names.workloadPolicy(), IsolationNames.COMPONENT_WORKLOAD_FENCE, spec);
  }

  /** Supervisors keep normal egress (gateway, DNS, policy-approved upstreams). */
  public static NetworkPolicy supervisors(IsolationNames names, String namespace) {
    NetworkPolicySpec spec = new NetworkPolicySpec();
    spec.setPodSelector(selector(names, IsolationNames.ROLE_SUPERVISOR));
    spec.setPolicyTypes(List.of(EGRESS));
    spec.setEgress(List.of(new NetworkPolicyEgressRule()));
    return policy(
        names,
        namespace,
        names.supervisorPolicy(),
        IsolationNames.COMPONENT_SUPERVISOR_EGRESS,
        spec);
  }

  /** True when {@code policy} selects workloads for egress and allows them none. */
  public static boolean deniesWorkloadEgress(IsolationNames names, NetworkPolicy policy) {
    NetworkPolicySpec spec = policy.getSpec();
    return spec.getPolicyTypes().contains(EGRESS)
        && spec.getEgress().isEmpty()
        && Map.of(names.roleLabel(), IsolationNames.ROLE_WORKLOAD)
            .equals(spec.getPodSelector().getMatchLabels());
  }

  private static LabelSelector selector(IsolationNames names, String role) {
    LabelSelector selector = new LabelSelector();
    selector.setMatchLabels(Map.of(names.roleLabel(), role));
    return selector;
  }

  private static NetworkPolicy policy(
      IsolationNames names,
      String namespace,
      String name,
      String component,
      NetworkPolicySpec spec) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(names.managedByLabel(), names.generation().namespace());
    labels.put(names.componentLabel(), component);
    NetworkPolicy policy = new NetworkPolicy();
    policy.setMetadata(IsolationMeta.meta(name, namespace, labels));
    policy.setSpec(spec);
    return policy;
  }
}
