package dev.berth.kubernetes;

import static dev.berth.kubernetes.ApiPermission.Scope.CLUSTER;
import static dev.berth.kubernetes.ApiPermission.Scope.SANDBOX_NAMESPACE;
import static dev.berth.settings.WorkspaceMode.MANAGED;
import static dev.berth.settings.WorkspaceMode.SHARED;

import dev.berth.naming.ManagedNames;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.WorkspaceMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every request the Kubernetes layer makes, per workspace mode: the one source for the RBAC that
 * the Helm post-renderer grants and that {@code docs/install.md} lists. An integration test records
 * every request the driver sends to the mock API server and fails when one is not declared here,
 * and fails when a declared one is never made, so this list is complete and minimal; extend it in
 * the same change that adds an API call.
 */
public final class ApiPermissions {

  private ApiPermissions() {}

  static final String SANDBOXES = SandboxApiVersion.PLURAL;
  static final String SANDBOX_GROUP = SandboxApiVersion.GROUP;
  static final String CORE = "";
  static final String NETWORKING = "networking.k8s.io";
  static final String AUTHENTICATION = "authentication.k8s.io";
  static final String RBAC = "rbac.authorization.k8s.io";

  private static final Set<WorkspaceMode> SHARED_ONLY = Set.of(SHARED);
  private static final Set<WorkspaceMode> MANAGED_ONLY = Set.of(MANAGED);

  /** Every declared permission, shared mode first. */
  public static final List<ApiPermission> ALL = declare();

  private static List<ApiPermission> declare() {
    List<ApiPermission> all = new ArrayList<>();
    // Shared mode: every sandbox lives in the sandbox namespace.
    sandboxes(all, SANDBOX_NAMESPACE, SHARED_ONLY);
    all.add(
        ApiPermission.of(
            SANDBOX_GROUP,
            SANDBOXES,
            "patch",
            SANDBOX_NAMESPACE,
            SHARED_ONLY,
            "stop and start; the startup gateway-id backfill"));
    podsAndEvents(all, SANDBOX_NAMESPACE, SHARED_ONLY);
    all.add(
        ApiPermission.of(
            CORE,
            "persistentvolumeclaims",
            "get",
            SANDBOX_NAMESPACE,
            SHARED_ONLY,
            "the missing-claim check before a create"));
    all.add(
        ApiPermission.of(
            CORE,
            "namespaces",
            "get",
            SANDBOX_NAMESPACE,
            SHARED_ONLY,
            "the sandbox namespace's OpenShift UID and group ranges"));

    // Managed mode: sandboxes spread over one namespace per workspace.
    sandboxes(all, CLUSTER, MANAGED_ONLY);
    all.add(
        ApiPermission.of(
            SANDBOX_GROUP, SANDBOXES, "patch", CLUSTER, MANAGED_ONLY, "stop and start"));
    podsAndEvents(all, CLUSTER, MANAGED_ONLY);
    all.add(
        ApiPermission.of(
            CORE,
            "persistentvolumeclaims",
            "get",
            CLUSTER,
            MANAGED_ONLY,
            "the missing-claim check before a create"));
    all.addAll(ManagedNamespaces.PERMISSIONS);

    // Both modes.
    all.add(
        ApiPermission.of(
            CORE, "nodes", "list", CLUSTER, ApiPermission.every(), "the GPU capacity check"));
    all.add(
        ApiPermission.of(
            AUTHENTICATION,
            "tokenreviews",
            "create",
            CLUSTER,
            ApiPermission.every(),
            "AuthenticateSandbox: who a sandbox's projected token belongs to"));
    return List.copyOf(all);
  }

  private static void sandboxes(
      List<ApiPermission> all, ApiPermission.Scope scope, Set<WorkspaceMode> modes) {
    all.add(
        ApiPermission.of(
            SANDBOX_GROUP,
            SANDBOXES,
            "list",
            scope,
            modes,
            "the served-version probe, the informer, lookups by sandbox id"));
    all.add(
        ApiPermission.of(
            SANDBOX_GROUP,
            SANDBOXES,
            "watch",
            scope,
            modes,
            "the informer behind Get, List, Watch"));
    all.add(ApiPermission.of(SANDBOX_GROUP, SANDBOXES, "create", scope, modes, "CreateSandbox"));
    all.add(
        ApiPermission.of(
            SANDBOX_GROUP, SANDBOXES, "get", scope, modes, "re-read after a stop/start conflict"));
    all.add(
        ApiPermission.of(
            SANDBOX_GROUP, SANDBOXES, "delete", scope, modes, "DeleteSandbox (uid precondition)"));
  }

  private static void podsAndEvents(
      List<ApiPermission> all, ApiPermission.Scope scope, Set<WorkspaceMode> modes) {
    all.add(ApiPermission.of(CORE, "events", "list", scope, modes, "platform events: start point"));
    all.add(ApiPermission.of(CORE, "events", "watch", scope, modes, "platform events"));
    all.add(
        ApiPermission.of(
            CORE, "pods", "list", scope, modes, "Stop's wait for the pod to go (v1alpha1)"));
    all.add(
        ApiPermission.of(
            CORE, "pods", "watch", scope, modes, "Stop's wait for the pod to go (v1alpha1)"));
    all.add(
        ApiPermission.of(
            CORE,
            "pods",
            "get",
            scope,
            modes,
            "AuthenticateSandbox: the pod a token was issued to, compared by UID"));
  }

  /** The permissions a driver with these settings needs, in declaration order. */
  public static List<ApiPermission> neededBy(DriverSettings settings) {
    return ALL.stream().filter(p -> p.neededBy(settings)).toList();
  }

  /** The Secrets managed mode copies into workspace namespaces. */
  static List<String> copiedSecrets(DriverSettings settings) {
    List<String> names = new ArrayList<>(settings.images().imagePullSecrets());
    settings.gateway().clientTlsSecretName().ifPresent(names::add);
    return names;
  }

  /** What {@link NamespaceManager} and {@link SecretCopier} call in managed mode. */
  private static final class ManagedNamespaces {
    static final String SSH_INGRESS = "with managed_ssh_ingress.enabled";
    static final String SCC_ROLE = "with sandbox_scc_cluster_role (OpenShift)";
    static final String COPIED_SECRETS =
        "names: the client_tls_secret_name and image_pull_secrets Secrets";

    static final List<ApiPermission> PERMISSIONS =
        List.of(
            ApiPermission.of(
                CORE, "namespaces", "get", CLUSTER, MANAGED_ONLY, "workspace namespace lookups"),
            ApiPermission.of(
                CORE, "namespaces", "create", CLUSTER, MANAGED_ONLY, "EnsureWorkspace"),
            ApiPermission.of(
                CORE,
                "namespaces",
                "delete",
                CLUSTER,
                MANAGED_ONLY,
                "DeleteWorkspace (uid precondition)"),
            ApiPermission.of(
                CORE,
                "serviceaccounts",
                "create",
                CLUSTER,
                MANAGED_ONLY,
                "the sandbox ServiceAccount in each workspace namespace"),
            ApiPermission.of(
                    NETWORKING,
                    "networkpolicies",
                    "create",
                    CLUSTER,
                    MANAGED_ONLY,
                    "the SSH ingress policy in each workspace namespace")
                .when(SSH_INGRESS, s -> s.cluster().managedSshIngress().enabled()),
            ApiPermission.of(
                    NETWORKING,
                    "networkpolicies",
                    "get",
                    CLUSTER,
                    MANAGED_ONLY,
                    "the SSH ingress policy, read before an update")
                .when(SSH_INGRESS, s -> s.cluster().managedSshIngress().enabled())
                .named(
                    "name " + ManagedNames.SSH_POLICY_NAME,
                    s -> List.of(ManagedNames.SSH_POLICY_NAME)),
            ApiPermission.of(
                    NETWORKING,
                    "networkpolicies",
                    "update",
                    CLUSTER,
                    MANAGED_ONLY,
                    "the SSH ingress policy, when it exists")
                .when(SSH_INGRESS, s -> s.cluster().managedSshIngress().enabled())
                .named(
                    "name " + ManagedNames.SSH_POLICY_NAME,
                    s -> List.of(ManagedNames.SSH_POLICY_NAME)),
            ApiPermission.of(
                    RBAC,
                    "rolebindings",
                    "create",
                    CLUSTER,
                    MANAGED_ONLY,
                    "the sandbox ServiceAccount's use of the SCC in each workspace namespace")
                .when(SCC_ROLE, s -> s.cluster().sandboxSccClusterRole().isPresent()),
            // Authorized, not sent: the API server lets an account bind a role whose permissions
            // it does not hold itself only with bind on that role.
            ApiPermission.of(
                    RBAC,
                    "clusterroles",
                    "bind",
                    CLUSTER,
                    MANAGED_ONLY,
                    "binding that ClusterRole without holding its permissions")
                .named(
                    "name: the sandbox_scc_cluster_role",
                    s -> s.cluster().sandboxSccClusterRole().stream().toList()),
            ApiPermission.of(
                    CORE,
                    "secrets",
                    "get",
                    CLUSTER,
                    MANAGED_ONLY,
                    "read the configured client TLS and image-pull Secrets, and their copies")
                .named(COPIED_SECRETS, ApiPermissions::copiedSecrets),
            ApiPermission.of(
                    CORE,
                    "secrets",
                    "create",
                    CLUSTER,
                    MANAGED_ONLY,
                    "copy them into workspace namespaces")
                .when("with client TLS or image-pull Secrets", s -> !copiedSecrets(s).isEmpty()),
            ApiPermission.of(
                    CORE, "secrets", "update", CLUSTER, MANAGED_ONLY, "refresh a copy that exists")
                .named(COPIED_SECRETS, ApiPermissions::copiedSecrets));
  }
}
