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
    twoPod(all, SANDBOX_NAMESPACE, SHARED_ONLY);
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
            "the sandbox namespace's OpenShift UID and group ranges; its UID, which two-pod"
                + " sandboxes bind in their bootstrap claims"));

    // Managed mode: sandboxes spread over one namespace per workspace.
    sandboxes(all, CLUSTER, MANAGED_ONLY);
    all.add(
        ApiPermission.of(
            SANDBOX_GROUP, SANDBOXES, "patch", CLUSTER, MANAGED_ONLY, "stop and start"));
    podsAndEvents(all, CLUSTER, MANAGED_ONLY);
    twoPod(all, CLUSTER, MANAGED_ONLY);
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
            CORE,
            "pods",
            "list",
            scope,
            modes,
            "Stop's wait for the pod to go (v1alpha1); two-pod readiness from the supervisor pods"));
    all.add(
        ApiPermission.of(
            CORE,
            "pods",
            "watch",
            scope,
            modes,
            "Stop's wait for the pod to go (v1alpha1); two-pod readiness from the supervisor pods"));
    all.add(
        ApiPermission.of(
            CORE,
            "pods",
            "get",
            scope,
            modes,
            "AuthenticateSandbox: the pod a token was issued to, compared by UID"));
  }

  /**
   * What the two-pod sandboxes of G2 and later gateways need around the Sandbox ({@link
   * IsolationLifecycle}): the namespace fences, the boundary Service, the supervisor pod, both
   * pods' release and the per-generation bootstrap Secrets.
   */
  private static void twoPod(
      List<ApiPermission> all, ApiPermission.Scope scope, Set<WorkspaceMode> modes) {
    String fences = "two-pod sandboxes: the namespace's workload and supervisor fences";
    all.add(ApiPermission.of(NETWORKING, "networkpolicies", "create", scope, modes, fences));
    all.add(
        ApiPermission.of(
            NETWORKING,
            "networkpolicies",
            "get",
            scope,
            modes,
            "two-pod sandboxes: a fence that exists, checked before it is relied on"));
    String watched = "two-pod readiness: the workload fence is still in place while sandboxes run";
    all.add(ApiPermission.of(NETWORKING, "networkpolicies", "list", scope, modes, watched));
    all.add(ApiPermission.of(NETWORKING, "networkpolicies", "watch", scope, modes, watched));
    all.add(
        ApiPermission.of(
            CORE, "pods", "create", scope, modes, "two-pod sandboxes: the supervisor pod"));
    all.add(
        ApiPermission.of(
            CORE,
            "pods",
            "patch",
            scope,
            modes,
            "two-pod sandboxes: remove Berth's scheduling gate from both pods"));
    all.add(
        ApiPermission.of(
            CORE,
            "pods",
            "delete",
            scope,
            modes,
            "two-pod sandboxes: the supervisor pod on Stop and Delete"));
    String service = "two-pod sandboxes: the boundary Service";
    all.add(ApiPermission.of(CORE, "services", "create", scope, modes, service));
    all.add(
        ApiPermission.of(
            CORE, "services", "get", scope, modes, service + ", kept across Stop and Start"));
    all.add(ApiPermission.of(CORE, "services", "delete", scope, modes, service + " on Delete"));
    String secrets = "two-pod sandboxes: the immutable bootstrap Secrets of each generation";
    all.add(ApiPermission.of(CORE, "secrets", "create", scope, modes, secrets));
    all.add(ApiPermission.of(CORE, "secrets", "list", scope, modes, secrets + ", of one sandbox"));
    all.add(
        ApiPermission.of(
            CORE, "secrets", "delete", scope, modes, secrets + ", on Stop, Start and Delete"));
  }

  private static final String SANDBOX_CRD = SANDBOXES + "." + SANDBOX_GROUP;

  /**
   * What {@code berth doctor} and {@code berth serve}'s startup pass of the same checks ask, beyond
   * API discovery and {@code /version} (open to every authenticated user). Not part of {@link
   * #ALL}: the install does not grant them, so the driver keeps only what serving needs; a check
   * whose request is refused reports itself as not checked. {@code DoctorRequestsIT} keeps this
   * list equal to what the checks send.
   */
  public static final List<ApiPermission> CHECKS =
      List.of(
          ApiPermission.of(
                  "apiextensions.k8s.io",
                  "customresourcedefinitions",
                  "get",
                  CLUSTER,
                  ApiPermission.every(),
                  "doctor: the agent-sandbox CRD and its served versions")
              .named("name " + SANDBOX_CRD, s -> List.of(SANDBOX_CRD)),
          ApiPermission.of(
              "authorization.k8s.io",
              "selfsubjectaccessreviews",
              "create",
              CLUSTER,
              ApiPermission.every(),
              "doctor: the permissions and managed-mode checks (every authenticated user may)"),
          ApiPermission.of(
                  "authorization.k8s.io",
                  "subjectaccessreviews",
                  "create",
                  CLUSTER,
                  SHARED_ONLY,
                  "doctor: whether the sandbox ServiceAccount may use the SCC")
              .when("on OpenShift", s -> true),
          ApiPermission.of(
              CORE,
              "namespaces",
              "get",
              SANDBOX_NAMESPACE,
              SHARED_ONLY,
              "doctor: the sandbox namespace, its Pod Security label and OpenShift ranges"),
          ApiPermission.of(
              "storage.k8s.io",
              "storageclasses",
              "list",
              CLUSTER,
              ApiPermission.every(),
              "doctor: the workspace StorageClass or the default one"),
          ApiPermission.of(
                  "node.k8s.io",
                  "runtimeclasses",
                  "get",
                  CLUSTER,
                  ApiPermission.every(),
                  "doctor: the default RuntimeClass")
              .named(
                  "name: the default_runtime_class_name",
                  s -> s.workspace().defaultRuntimeClassName().stream().toList()),
          ApiPermission.of(
              CORE, "nodes", "list", CLUSTER, ApiPermission.every(), "doctor: GPU nodes"),
          ApiPermission.of(
                  CORE,
                  "secrets",
                  "get",
                  SANDBOX_NAMESPACE,
                  ApiPermission.every(),
                  "doctor: the client TLS and image pull Secrets exist")
              .named(ManagedNamespaces.COPIED_SECRETS, ApiPermissions::copiedSecrets));

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
                CORE,
                "namespaces",
                "get",
                CLUSTER,
                MANAGED_ONLY,
                "workspace namespace lookups; the UID two-pod sandboxes bind in their"
                    + " bootstrap claims"),
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
