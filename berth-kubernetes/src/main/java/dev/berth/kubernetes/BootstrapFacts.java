package dev.berth.kubernetes;

import dev.berth.naming.IsolationNames;
import dev.berth.plan.LaunchAuthentication;

/**
 * What one runtime generation's bootstrap material binds to, as the create observed it: the UIDs
 * Kubernetes assigned and the boundary Service's address. A recreated or stale object has another
 * UID, so material made for it cannot be attached to the wrong pod.
 *
 * @param names the generation's names
 * @param sandboxId the gateway's sandbox id
 * @param runtimeGeneration the runtime generation the material is for
 * @param namespace the sandbox's namespace
 * @param namespaceUid UID of that Namespace
 * @param sandboxUid UID of the Sandbox resource
 * @param workloadPodUid UID of the (gated) workload pod
 * @param supervisorPodUid UID of the (gated) supervisor pod
 * @param fenceUid UID of the namespace's workload NetworkPolicy
 * @param fenceResourceVersion its resourceVersion when observed
 * @param boundaryAuthority the Service's DNS name and port, what the supervisor dials
 * @param boundaryIp the Service's cluster IP (IPv4 or IPv6)
 * @param boundaryPort the workload listener's port
 * @param workload the identity and environment of the workload pod's agent
 * @param launch the gateway's launch authentication for this generation
 */
record BootstrapFacts(
    IsolationNames names,
    String sandboxId,
    String runtimeGeneration,
    String namespace,
    String namespaceUid,
    String sandboxUid,
    String workloadPodUid,
    String supervisorPodUid,
    String fenceUid,
    String fenceResourceVersion,
    String boundaryAuthority,
    String boundaryIp,
    int boundaryPort,
    WorkloadFacts workload,
    LaunchAuthentication launch) {

  /** The Service's address as the runtime descriptor names it: {@code ip:port}, IPv6 bracketed. */
  String boundaryAddress() {
    return SocketAddresses.of(boundaryIp, boundaryPort);
  }

  /** Where the workload's listener binds: any address of the Service's family. */
  String listenerAddress() {
    return SocketAddresses.anyLike(boundaryIp, boundaryPort);
  }
}
