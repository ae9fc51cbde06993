package dev.berth.naming;

import java.util.List;
import java.util.Set;

/**
 * Every name and path the driver manages in a sandbox pod.
 *
 * <p>The renderer uses these constants to build the pod and the validator uses the same constants
 * to keep user volumes and mounts away from them, so the two can never disagree. A test renders
 * every topology and sideload combination and checks that each driver-managed volume name is in
 * {@link #RESERVED_VOLUME_NAMES}.
 */
public final class ManagedNames {

  private ManagedNames() {}

  // ---- containers ------------------------------------------------------------------------------
  public static final String AGENT_CONTAINER = "agent";
  public static final String NETWORK_SIDECAR_CONTAINER = "openshell-supervisor-network";
  public static final String SUPERVISOR_INSTALL_INIT = "openshell-supervisor-install";
  public static final String NETWORK_INIT = "openshell-network-init";
  public static final String WORKSPACE_INIT = "workspace-init";

  // ---- volumes ---------------------------------------------------------------------------------
  public static final String CLIENT_TLS_VOLUME = "openshell-client-tls";
  public static final String PROXY_AUTH_VOLUME = "openshell-upstream-proxy-auth";
  public static final String SA_TOKEN_VOLUME = "openshell-sa-token";
  public static final String SPIFFE_VOLUME = "spiffe-workload-api";
  public static final String SUPERVISOR_BIN_VOLUME = "openshell-supervisor-bin";
  public static final String SIDECAR_STATE_VOLUME = "openshell-sidecar-state";
  public static final String SIDECAR_TLS_VOLUME = "openshell-supervisor-tls";

  /**
   * The workspace volume; also the name of the claim template, which agent-sandbox turns into a pod
   * volume of the same name.
   */
  public static final String WORKSPACE_VOLUME = "workspace";

  /** Volume names a user may not declare. Upstream's list misses the two sidecar volumes. */
  public static final Set<String> RESERVED_VOLUME_NAMES =
      Set.of(
          CLIENT_TLS_VOLUME,
          PROXY_AUTH_VOLUME,
          SA_TOKEN_VOLUME,
          SPIFFE_VOLUME,
          SUPERVISOR_BIN_VOLUME,
          SIDECAR_STATE_VOLUME,
          SIDECAR_TLS_VOLUME,
          WORKSPACE_VOLUME);

  /** Prefix of every driver-owned name; user volumes may not start with it either. */
  public static final String RESERVED_PREFIX = "openshell-";

  // ---- paths -----------------------------------------------------------------------------------
  public static final String WORKSPACE_PATH = "/sandbox";
  public static final String WORKSPACE_SEED_PATH = "/workspace-pvc";
  public static final String WORKSPACE_SENTINEL = ".workspace-initialized";
  public static final String SUPERVISOR_BIN_DIR = "/opt/openshell/bin";
  public static final String SUPERVISOR_BINARY = SUPERVISOR_BIN_DIR + "/openshell-sandbox";

  /** Where the supervisor binary lives inside the supervisor image. */
  public static final String SUPERVISOR_IMAGE_BINARY = "/openshell-sandbox";

  public static final String CLIENT_TLS_DIR = "/etc/openshell-tls/client";
  public static final String PROXY_TLS_DIR = "/etc/openshell-tls/proxy";
  public static final String PROXY_AUTH_DIR = "/etc/openshell/auth";
  public static final String PROXY_AUTH_FILE = PROXY_AUTH_DIR + "/upstream-proxy";
  public static final String SA_TOKEN_DIR = "/var/run/secrets/openshell";
  public static final String SA_TOKEN_FILE_NAME = "token";
  public static final String SA_TOKEN_FILE = SA_TOKEN_DIR + "/" + SA_TOKEN_FILE_NAME;
  public static final String SIDECAR_STATE_DIR = "/run/openshell-sidecar";

  /**
   * Directories the supervisor owns; a user mount may be neither at, under nor above any of them.
   */
  public static final List<String> CONTROL_ROOTS =
      List.of(
          "/opt/openshell",
          "/etc/openshell",
          "/etc/openshell-tls",
          "/run/openshell",
          SIDECAR_STATE_DIR,
          "/run/netns",
          "/var/run/netns",
          // The isolation backend's workload state, in both generations' spellings.
          "/.openshell",
          "/.ryno");

  /** Paths that carry gateway credentials; a user mount may not overlap them. */
  public static final List<String> PROTECTED_PATHS = List.of(SA_TOKEN_DIR);

  // ---- gateway audience and tokens -------------------------------------------------------------
  public static final String SA_TOKEN_AUDIENCE = "openshell-gateway";
  public static final long SA_TOKEN_TTL_DEFAULT = 3600;
  public static final long SA_TOKEN_TTL_MIN = 600;
  public static final long SA_TOKEN_TTL_MAX = 86400;

  // ---- labels and annotations ------------------------------------------------------------------
  public static final String LABEL_SANDBOX_ID = "openshell.ai/sandbox-id";
  public static final String LABEL_SANDBOX_NAME = "openshell.ai/sandbox-name";
  public static final String LABEL_WORKSPACE = "openshell.ai/sandbox-workspace";
  public static final String LABEL_MANAGED_BY = "openshell.ai/managed-by";
  public static final String LABEL_GATEWAY_ID = "openshell.ai/gateway-id";
  public static final String MANAGED_BY_VALUE = "openshell";
  public static final String POD_ANNOTATION_SANDBOX_ID = "openshell.io/sandbox-id";
  public static final String SCC_UID_RANGE = "openshift.io/sa.scc.uid-range";
  public static final String SCC_SUPPLEMENTAL_GROUPS = "openshift.io/sa.scc.supplemental-groups";
  public static final String AGENT_SANDBOX_POD_NAME = "agents.x-k8s.io/pod-name";

  /**
   * The sandbox's current runtime generation, on the Sandbox and its pod template (G2 and later);
   * the rotating part of the runtime identity (docs/runtime-identity.md).
   */
  public static final String ANNOTATION_RUNTIME_GENERATION =
      "openshell.ai/sandbox-runtime-generation";

  /** Whether the caller's driver_config was non-empty at Create, re-checked at Start (G2+). */
  public static final String ANNOTATION_CALLER_DRIVER_CONFIG_USED =
      "openshell.ai/caller-driver-config-used";

  /** Extended resource name of NVIDIA GPUs. */
  public static final String GPU_RESOURCE = "nvidia.com/gpu";

  /** Separator between workspace and name in shared-mode resource names. */
  public static final String SHARED_NAME_SEPARATOR = "--";

  /** Managed mode: the NetworkPolicy that admits SSH to sandbox pods only from the gateway. */
  public static final String SSH_POLICY_NAME = "openshell-sandbox-ssh";

  /**
   * Managed mode on OpenShift: the RoleBinding in each workspace namespace that lets the sandbox
   * ServiceAccount use the sandbox SCC (through {@code --sandbox-scc-cluster-role}).
   */
  public static final String SCC_ROLE_BINDING_NAME = "berth-sandbox-scc";

  /** The port the supervisor's SSH endpoint listens on. */
  public static final int SSH_PORT = 2222;

  /** Label every namespace carries with its own name (Kubernetes sets it). */
  public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  /** Prefix of managed-mode namespaces: {@code openshell-{gateway}-{workspace}}. */
  public static final String MANAGED_NAMESPACE_PREFIX = "openshell-";

  /**
   * What every managed-mode namespace of this gateway starts with: {@code openshell-{gateway}-}.
   */
  public static String managedNamespacePrefix(String gatewayId) {
    return MANAGED_NAMESPACE_PREFIX + gatewayId + "-";
  }

  /** The managed-mode namespace of a workspace (not checked to be a DNS-1123 label). */
  public static String managedNamespace(String gatewayId, String workspace) {
    return managedNamespacePrefix(gatewayId) + workspace;
  }

  // ---- sidecar topology and supervisor files ---------------------------------------------------
  /** Control socket the network sidecar serves to the process supervisor in the agent. */
  public static final String SIDECAR_CONTROL_SOCKET = SIDECAR_STATE_DIR + "/control.sock";

  /**
   * Abstract (leading {@code @}) socket the sidecar relays SSH through: scoped to the pod's network
   * namespace, so the workload cannot unlink and replace it as it could a file in a shared volume.
   */
  public static final String SIDECAR_SSH_SOCKET = "@openshell-sidecar-ssh";

  /** Where network-init copies the client TLS files for the network sidecar. */
  public static final String PROXY_CLIENT_TLS_DIR = PROXY_TLS_DIR + "/client";

  /** File names inside a client TLS Secret and its copies. */
  public static final String TLS_CA_FILE_NAME = "ca.crt";

  public static final String TLS_CERT_FILE_NAME = "tls.crt";
  public static final String TLS_KEY_FILE_NAME = "tls.key";

  /** File name of the proxy credential inside {@link #PROXY_AUTH_DIR}. */
  public static final String PROXY_AUTH_FILE_NAME = "upstream-proxy";
}
