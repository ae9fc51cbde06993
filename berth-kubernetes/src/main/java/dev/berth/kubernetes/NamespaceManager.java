package dev.berth.kubernetes;

import static dev.berth.naming.ManagedNames.LABEL_GATEWAY_ID;
import static dev.berth.naming.ManagedNames.LABEL_MANAGED_BY;
import static dev.berth.naming.ManagedNames.MANAGED_BY_VALUE;
import static dev.berth.naming.ManagedNames.SCC_ROLE_BINDING_NAME;
import static dev.berth.naming.ManagedNames.SSH_POLICY_NAME;

import dev.berth.driver.DriverException;
import dev.berth.naming.ManagedNames;
import dev.berth.render.workspace.WorkspaceResources;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.Map;
import java.util.Optional;

/**
 * Managed workspace mode: one namespace per workspace, {@code openshell-{gateway}-{workspace}},
 * created with ownership labels and the gateway namespace's OpenShift SCC ranges, with the sandbox
 * ServiceAccount and (when enabled) a NetworkPolicy that admits SSH only from the gateway. A
 * namespace of that name that this gateway does not own is refused; deletion is guarded by the uid
 * read just before, so a namespace recreated in between is never deleted.
 */
final class NamespaceManager {

  private final KubernetesClient client;
  private final ApiErrors errors;
  private final DriverSettings.Cluster cluster;

  NamespaceManager(KubernetesClient client, ApiErrors errors, DriverSettings.Cluster cluster) {
    this.client = client;
    this.errors = errors;
    this.cluster = cluster;
  }

  String namespaceFor(String workspace) {
    return ManagedNames.managedNamespace(cluster.gatewayId(), workspace);
  }

  /** Creates or adopts the workspace namespace and what sandboxes need in it. Idempotent. */
  Namespace ensure(String workspace) throws DriverException {
    String name = namespaceFor(workspace);
    Namespace namespace = createOrGet(workspace, name);
    ensureServiceAccount(name);
    if (cluster.managedSshIngress().enabled()) {
      ensureSshPolicy(name);
    }
    for (String role : cluster.sandboxSccClusterRole().stream().toList()) {
      ensureSccBinding(role, name);
    }
    return namespace;
  }

  /**
   * The annotations the workspace namespace has, or would get when {@link #ensure} creates it, read
   * without writing anything: ValidateSandboxCreate must not leave namespaces behind for sandboxes
   * that are never created. A namespace of that name this gateway does not own is refused as {@link
   * #ensure} refuses it.
   */
  Map<String, String> annotations(String workspace) throws DriverException {
    String name = namespaceFor(workspace);
    Optional<Namespace> existing = read(name);
    if (existing.isEmpty()) {
      return WorkspaceResources.sccAnnotations(gatewayNamespaceAnnotations());
    }
    if (!ownedByThisGateway(existing.get())) {
      throw notOwned(name);
    }
    Map<String, String> annotations = existing.get().getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  /** Deletes the workspace namespace if this gateway owns it; missing is fine. */
  void delete(String workspace) throws DriverException {
    String name = namespaceFor(workspace);
    Optional<Namespace> existing = read(name);
    if (existing.isEmpty() || !ownedByThisGateway(existing.get())) {
      return;
    }
    String uid = existing.get().getMetadata().getUid();
    if (uid == null || uid.isEmpty()) {
      throw new DriverException(
          DriverException.Kind.INTERNAL,
          "namespace " + name + " has no UID; refusing an unguarded delete");
    }
    var options =
        new DeleteOptionsBuilder().withNewPreconditions().withUid(uid).endPreconditions().build();
    try {
      client.raw(namespaceUrl(name), "DELETE", options);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw errors.map(e, "delete namespace " + name);
      }
    }
  }

  /**
   * The workspace namespace, read first: on every Create after the first it exists, and adopting it
   * needs neither the gateway namespace's SCC ranges nor a create that can only conflict.
   */
  private Namespace createOrGet(String workspace, String name) throws DriverException {
    Optional<Namespace> existing = read(name);
    if (existing.isEmpty()) {
      try {
        return client
            .namespaces()
            .resource(
                WorkspaceResources.namespace(cluster, workspace, gatewayNamespaceAnnotations()))
            .create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw errors.map(e, "create namespace " + name);
        }
      }
      // Created by someone else since the read: adopt it on the same terms.
      existing = read(name);
    }
    Namespace namespace =
        existing.orElseThrow(
            () ->
                new DriverException(
                    DriverException.Kind.UNAVAILABLE,
                    "namespace " + name + " disappeared while the driver created it; retry"));
    if (!ownedByThisGateway(namespace)) {
      throw notOwned(name);
    }
    if (namespace.getMetadata().getDeletionTimestamp() != null) {
      throw new DriverException(
          DriverException.Kind.UNAVAILABLE,
          "namespace " + name + " is being deleted; retry once it is gone");
    }
    return namespace;
  }

  private Optional<Namespace> read(String name) throws DriverException {
    return Optional.ofNullable(
        errors.call("read namespace " + name, () -> client.namespaces().withName(name).get()));
  }

  /** The gateway namespace's annotations, whose OpenShift SCC ranges a new namespace copies. */
  private Map<String, String> gatewayNamespaceAnnotations() throws DriverException {
    return read(cluster.sandboxNamespace())
        .map(n -> n.getMetadata().getAnnotations())
        .orElse(Map.of());
  }

  private void ensureServiceAccount(String namespace) throws DriverException {
    ServiceAccount account = WorkspaceResources.serviceAccount(cluster, namespace);
    try {
      client.serviceAccounts().inNamespace(namespace).resource(account).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw errors.map(
            e,
            "create ServiceAccount " + cluster.serviceAccountName() + " in namespace " + namespace);
      }
    }
  }

  /**
   * A binding that exists is adopted as it is, as the ServiceAccount is: its role reference cannot
   * change in place, and one of that name in a namespace this gateway owns was made by the driver.
   */
  private void ensureSccBinding(String clusterRole, String namespace) throws DriverException {
    RoleBinding binding = WorkspaceResources.sccRoleBinding(cluster, clusterRole, namespace);
    try {
      client.rbac().roleBindings().inNamespace(namespace).resource(binding).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw errors.map(
            e, "create RoleBinding " + SCC_ROLE_BINDING_NAME + " in namespace " + namespace);
      }
    }
  }

  private void ensureSshPolicy(String namespace) throws DriverException {
    NetworkPolicy policy = WorkspaceResources.sshIngressPolicy(cluster, namespace);
    errors.call(
        "write NetworkPolicy " + SSH_POLICY_NAME + " in namespace " + namespace,
        () ->
            client
                .network()
                .v1()
                .networkPolicies()
                .inNamespace(namespace)
                .resource(policy)
                .createOr(NonDeletingOperation::update));
  }

  private static DriverException notOwned(String name) {
    return new DriverException(
        DriverException.Kind.FAILED_PRECONDITION,
        "namespace " + name + " exists but is not owned by this gateway");
  }

  private boolean ownedByThisGateway(Namespace namespace) {
    Map<String, String> labels = namespace.getMetadata().getLabels();
    return labels != null
        && MANAGED_BY_VALUE.equals(labels.get(LABEL_MANAGED_BY))
        && cluster.gatewayId().equals(labels.get(LABEL_GATEWAY_ID));
  }

  private String namespaceUrl(String name) {
    return KubernetesClients.url(client, "api/v1/namespaces/" + name);
  }
}
