package dev.berth.kubernetes.doctor;

import dev.berth.kubernetes.ApiPermission;
import dev.berth.kubernetes.ApiPermissions;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.WorkspaceMode;
import java.util.List;
import java.util.Set;

/**
 * Check 10: in managed mode, creating and deleting namespaces and writing the objects Berth puts in
 * each (ServiceAccount, Secret copies, the SSH NetworkPolicy) are permitted cluster-wide.
 */
final class ManagedModeCheck implements DoctorCheck {

  private static final Set<String> NAMESPACE_OBJECTS =
      Set.of(
          "namespaces",
          "serviceaccounts",
          "secrets",
          "networkpolicies",
          "rolebindings",
          "clusterroles");

  @Override
  public String name() {
    return "managed-mode";
  }

  @Override
  public String action() {
    return "create SelfSubjectAccessReviews";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    DriverSettings settings = context.settings();
    if (settings.cluster().workspaceMode() != WorkspaceMode.MANAGED) {
      return CheckResult.ok(name(), "shared mode: Berth creates no namespaces.");
    }
    List<ApiPermission> wanted =
        ApiPermissions.neededBy(settings).stream()
            .filter(p -> p.scope() == ApiPermission.Scope.CLUSTER)
            .filter(p -> NAMESPACE_OBJECTS.contains(p.resource()))
            .filter(p -> !p.verb().equals("get"))
            .toList();
    List<AccessReviews.Missing> missing = AccessReviews.missing(context.client(), settings, wanted);
    if (missing.isEmpty()) {
      return CheckResult.ok(
          name(),
          "namespace create/delete and the per-namespace objects ("
              + String.join(", ", wanted.stream().map(ApiPermission::describe).toList())
              + ") are permitted cluster-wide.");
    }
    return CheckResult.fail(
            name(),
            "managed mode cannot create its workspace namespaces: missing "
                + String.join("; ", missing.stream().map(AccessReviews.Missing::describe).toList())
                + ".",
            "apply the ClusterRole below and bind it to the driver's ServiceAccount with a"
                + " ClusterRoleBinding, or use --workspace-mode shared.")
        .withManifest(MissingRbac.yaml(missing, settings.cluster().sandboxNamespace()));
  }
}
