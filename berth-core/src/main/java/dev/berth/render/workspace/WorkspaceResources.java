package dev.berth.render.workspace;

import static dev.berth.naming.ManagedNames.LABEL_GATEWAY_ID;
import static dev.berth.naming.ManagedNames.LABEL_MANAGED_BY;
import static dev.berth.naming.ManagedNames.LABEL_WORKSPACE;
import static dev.berth.naming.ManagedNames.MANAGED_BY_VALUE;
import static dev.berth.naming.ManagedNames.NAMESPACE_NAME_LABEL;
import static dev.berth.naming.ManagedNames.SCC_ROLE_BINDING_NAME;
import static dev.berth.naming.ManagedNames.SCC_SUPPLEMENTAL_GROUPS;
import static dev.berth.naming.ManagedNames.SCC_UID_RANGE;
import static dev.berth.naming.ManagedNames.SSH_POLICY_NAME;
import static dev.berth.naming.ManagedNames.SSH_PORT;

import dev.berth.naming.ManagedNames;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects managed workspace mode keeps in each workspace namespace, rendered from settings
 * alone: the namespace with its ownership labels, the sandbox ServiceAccount, the NetworkPolicy
 * that admits SSH only from the gateway, and copies of the gateway's Secrets. The Kubernetes layer
 * only writes what this returns.
 */
public final class WorkspaceResources {

  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  private WorkspaceResources() {}

  /**
   * The workspace's namespace, labelled as this gateway's, with the OpenShift SCC ranges of the
   * gateway's namespace so sandbox UIDs resolve at once.
   *
   * @param gatewayNamespaceAnnotations annotations of the namespace the gateway runs in
   */
  public static Namespace namespace(
      DriverSettings.Cluster cluster,
      String workspace,
      Map<String, String> gatewayNamespaceAnnotations) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LABEL_MANAGED_BY, MANAGED_BY_VALUE);
    labels.put(LABEL_GATEWAY_ID, cluster.gatewayId());
    labels.put(LABEL_WORKSPACE, workspace);
    Namespace namespace = new Namespace();
    namespace.setMetadata(
        metadata(
            ManagedNames.managedNamespace(cluster.gatewayId(), workspace),
            labels,
            sccAnnotations(gatewayNamespaceAnnotations)));
    return namespace;
  }

  /** The OpenShift UID and supplemental-group ranges among {@code annotations}. */
  public static Map<String, String> sccAnnotations(Map<String, String> annotations) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : List.of(SCC_UID_RANGE, SCC_SUPPLEMENTAL_GROUPS)) {
      String value = annotations.get(key);
      if (value != null) {
        out.put(key, value);
      }
    }
    return out;
  }

  /** The ServiceAccount sandbox pods run as. */
  public static ServiceAccount serviceAccount(DriverSettings.Cluster cluster, String namespace) {
    ServiceAccount account = new ServiceAccount();
    account.setMetadata(
        metadata(
            cluster.serviceAccountName(),
            namespace,
            Map.of(LABEL_MANAGED_BY, MANAGED_BY_VALUE),
            Map.of()));
    return account;
  }

  /**
   * Admits TCP {@value dev.berth.naming.ManagedNames#SSH_PORT} to the workspace's sandbox pods only
   * from the gateway's pods; every other ingress to them is denied.
   */
  public static NetworkPolicy sshIngressPolicy(DriverSettings.Cluster cluster, String namespace) {
    DriverSettings.ManagedSshIngress ingress = cluster.managedSshIngress();
    String gatewayNamespace = ingress.gatewayNamespace().orElse(cluster.sandboxNamespace());
    return new NetworkPolicyBuilder()
        .withMetadata(
            metadata(
                SSH_POLICY_NAME, namespace, Map.of(LABEL_MANAGED_BY, MANAGED_BY_VALUE), Map.of()))
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(Map.of(LABEL_MANAGED_BY, MANAGED_BY_VALUE))
        .endPodSelector()
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .addNewFrom()
        .withNewNamespaceSelector()
        .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, gatewayNamespace))
        .endNamespaceSelector()
        .withNewPodSelector()
        .withMatchLabels(ingress.gatewayPodSelector())
        .endPodSelector()
        .endFrom()
        .addNewPort()
        .withProtocol("TCP")
        .withPort(new IntOrString(SSH_PORT))
        .endPort()
        .endIngress()
        .endSpec()
        .build();
  }

  /**
   * Binds the ClusterRole that grants {@code use} of the sandbox SCC to the workspace's sandbox
   * ServiceAccount, in that namespace only: on OpenShift the pods of a managed workspace are
   * admitted only once their own account may use the SCC, and each workspace has its own account.
   */
  public static RoleBinding sccRoleBinding(
      DriverSettings.Cluster cluster, String clusterRole, String namespace) {
    RoleBinding binding = new RoleBinding();
    binding.setMetadata(
        metadata(
            SCC_ROLE_BINDING_NAME,
            namespace,
            Map.of(LABEL_MANAGED_BY, MANAGED_BY_VALUE),
            Map.of()));
    binding.setRoleRef(new RoleRef(RBAC_GROUP, "ClusterRole", clusterRole));
    Subject account = new Subject();
    account.setKind("ServiceAccount");
    account.setName(cluster.serviceAccountName());
    account.setNamespace(namespace);
    binding.setSubjects(List.of(account));
    return binding;
  }

  /**
   * A copy of one of the gateway's Secrets for a workspace namespace: only its {@code type} and
   * {@code data}, labelled as the driver's, as upstream copies them.
   */
  public static Secret secretCopy(Secret source, String targetNamespace) {
    Secret copy = new Secret();
    copy.setMetadata(
        metadata(
            source.getMetadata().getName(),
            targetNamespace,
            Map.of(LABEL_MANAGED_BY, MANAGED_BY_VALUE),
            Map.of()));
    copy.setType(source.getType());
    copy.setData(source.getData());
    return copy;
  }

  private static ObjectMeta metadata(
      String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {
    ObjectMeta meta = metadata(name, labels, annotations);
    meta.setNamespace(namespace);
    return meta;
  }

  private static ObjectMeta metadata(
      String name, Map<String, String> labels, Map<String, String> annotations) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setLabels(labels);
    meta.setAnnotations(annotations);
    return meta;
  }
}
