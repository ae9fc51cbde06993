package dev.berth.install;

import dev.berth.naming.ManagedNames;
import dev.berth.security.SandboxScc;
import dev.berth.security.Scc;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.Topology;
import dev.berth.settings.WorkspaceMode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;
import java.util.TreeMap;

/**
 * OpenShift: the configured topology's least-privilege SCC ({@link SandboxScc}) and the grant of
 * verb {@code use} on it to the sandbox ServiceAccount. In shared mode that account lives in the
 * sandbox namespace and a Role and RoleBinding there grant it; in managed mode each workspace
 * namespace has its own account, which the driver creates, so the install ships a ClusterRole and
 * the driver binds it in each workspace namespace ({@code sandbox_scc_cluster_role}).
 */
final class InstallScc {

  /**
   * @param objects the SCC and its grant
   * @param notices what the operator still has to do, if anything
   */
  record Objects(List<HasMetadata> objects, List<String> notices) {}

  private InstallScc() {}

  /**
   * The SCC's name, {@code <release>-berth-sandbox-<topology>}: prefixed with the gateway
   * workload's (the release's) name, so two releases never own the same cluster-scoped SCC.
   */
  static String name(String release, Topology topology) {
    return release + "-" + SandboxScc.name(topology);
  }

  /** Whether the driver, not the install, grants the SCC: OpenShift in managed mode. */
  static boolean bindsPerWorkspace(InstallResolution.Resolved resolved) {
    return resolved.options().openshift()
        && resolved.settings().cluster().workspaceMode() == WorkspaceMode.MANAGED;
  }

  /**
   * @param topology the topology the gateway's sandboxes run, which its generation decides ({@link
   *     Topology#forGeneration})
   */
  static Objects build(DriverSettings settings, String release, Topology topology) {
    String name = name(release, topology);
    Scc scc = SandboxScc.forTopology(topology);
    GenericKubernetesResource resource = scc.toResource(SandboxScc.description(topology));
    resource.getMetadata().setName(name);
    resource.getMetadata().setLabels(new TreeMap<>(InstallRbac.LABELS));
    PolicyRule use =
        new PolicyRuleBuilder()
            .withApiGroups("security.openshift.io")
            .withResources("securitycontextconstraints")
            .withResourceNames(name)
            .withVerbs("use")
            .build();
    String account = settings.cluster().serviceAccountName();
    if (settings.cluster().workspaceMode() == WorkspaceMode.MANAGED) {
      return new Objects(
          List.of(
              resource,
              new ClusterRoleBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withLabels(InstallRbac.LABELS)
                  .endMetadata()
                  .withRules(use)
                  .build()),
          List.of(
              "openshift: the driver binds ClusterRole "
                  + name
                  + " to ServiceAccount "
                  + account
                  + " in each workspace namespace it prepares (RoleBinding "
                  + ManagedNames.SCC_ROLE_BINDING_NAME
                  + ")"));
    }
    String namespace = settings.cluster().sandboxNamespace();
    return new Objects(
        List.of(
            resource,
            new RoleBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(InstallRbac.LABELS)
                .endMetadata()
                .withRules(use)
                .build(),
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(InstallRbac.LABELS)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", name)
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(account)
                .withNamespace(namespace)
                .endSubject()
                .build()),
        List.of());
  }
}
