package dev.berth.naming;

import java.util.Locale;
import java.util.Objects;

/**
 * Every name of the two-pod isolation backend, spelled for one gateway generation: labels, the
 * scheduling gate, binaries, paths inside both pods, environment variables and policy names follow
 * the generation ({@code openshell} for G2, {@code ryno} for G3), as the generation's supervisor
 * and sandbox runtime read them. Volume and init-container names are Berth's own and keep the
 * reserved {@code openshell-} prefix in every generation, so the validator's reserved-name rule
 * covers them.
 *
 * @param generation the gateway generation the names are spelled for
 */
public record IsolationNames(Generation generation) {

  /** Per-sandbox object names start with this in every generation, as upstream names them. */
  public static final String OBJECT_PREFIX = "os-";

  /** Characters of the runtime generation that go into a bootstrap Secret's name. */
  public static final int GENERATION_SUFFIX_LENGTH = 12;

  /** Port name of the workload's boundary listener and of the Service in front of it. */
  public static final String BOUNDARY_PORT_NAME = "boundary";

  /** Upstream's kubelet readiness port of a G3 supervisor, which only listens once it is ready. */
  public static final int HEALTH_PORT = 5501;

  /** The two roles of {@link #roleLabel()}. */
  public static final String ROLE_WORKLOAD = "workload";

  public static final String ROLE_SUPERVISOR = "supervisor";

  /** Values of {@link #componentLabel()}. */
  public static final String COMPONENT_SANDBOX_SECRET = "sandbox-bootstrap";

  public static final String COMPONENT_SUPERVISOR_SECRET = "supervisor-bootstrap";
  public static final String COMPONENT_BOUNDARY_SERVICE = "boundary-service";
  public static final String COMPONENT_SUPERVISOR = "supervisor";
  public static final String COMPONENT_WORKLOAD_FENCE = "sandbox-workload-fence";
  public static final String COMPONENT_SUPERVISOR_EGRESS = "sandbox-supervisor-egress";

  /** Keys of the sandbox bootstrap Secret, read by the workload's trusted init container. */
  public static final String KEY_BOUNDARY_CONFIG = "boundary.json";

  public static final String KEY_BOUNDARY_CERTIFICATE = "tls.crt";
  public static final String KEY_BOUNDARY_PRIVATE_KEY = "tls.key";

  /** Keys of the supervisor bootstrap Secret, mounted whole at {@link #supervisorDir()}. */
  public static final String KEY_BACKEND_DESCRIPTOR = "runtime-descriptor.json";

  public static final String KEY_AUTH_BUNDLE = "auth.json";
  public static final String KEY_PROXY_CA_CERTIFICATE = "proxy-ca.crt";
  public static final String KEY_PROXY_CA_PRIVATE_KEY = "proxy-ca.key";
  public static final String KEY_UPSTREAM_PROXY_CA_BUNDLE = "upstream-proxy-ca.pem";
  public static final String KEY_CLIENT_CA = "client-ca.crt";

  // ---- volumes and containers of both pods (Berth's names, reserved prefix)
  // ----------------------
  public static final String RUNTIME_VOLUME = "openshell-runtime";
  public static final String STATE_VOLUME = "openshell-runtime-state";
  public static final String BOOTSTRAP_VOLUME = "openshell-sandbox-bootstrap";
  public static final String POD_IDENTITY_VOLUME = "openshell-pod-identity";
  public static final String RUN_VOLUME = "openshell-run";
  public static final String BOOTSTRAP_INIT = "openshell-sandbox-bootstrap";
  public static final String SUPERVISOR_CONTAINER = "supervisor";
  public static final String SUPERVISOR_BOOTSTRAP_VOLUME = "bootstrap";
  public static final String SUPERVISOR_TOKEN_VOLUME = "sa-token";
  public static final String SUPERVISOR_RUN_VOLUME = "run";
  public static final String SUPERVISOR_LOGS_VOLUME = "logs";
  public static final String SUPERVISOR_CLIENT_TLS_VOLUME = "client-tls";
  public static final String SUPERVISOR_PROXY_AUTH_VOLUME = "upstream-proxy-auth";

  /** The file of the pod identity volume that holds the pod's UID. */
  public static final String POD_UID_FILE = "uid";

  /** Where the workload pod mounts its in-memory run directory (the proxy CA lands there). */
  public static final String WORKLOAD_RUN_DIR = "/run";

  /** The workload's name server: the sandbox runtime answers DNS itself, the pod has no egress. */
  public static final String WORKLOAD_NAMESERVER = "127.0.0.53";

  /** The one sysctl the workload needs: the runtime binds low ports without a capability. */
  public static final String UNPRIVILEGED_PORT_SYSCTL = "net.ipv4.ip_unprivileged_port_start";

  /** The supervisor's log directory; it writes rotated log files there. */
  public static final String SUPERVISOR_LOG_DIR = "/var/log";

  public IsolationNames {
    Objects.requireNonNull(generation, "generation");
  }

  private String ns() {
    return generation.namespace();
  }

  // ---- labels, annotations and the gate --------------------------------------------------------
  /** Binds the workload and supervisor pods of one sandbox as a pair. */
  public String pairLabel() {
    return generation.labelPrefix() + "boundary-pair";
  }

  /** Which of the pair a pod is; the NetworkPolicies select by it. */
  public String roleLabel() {
    return generation.labelPrefix() + "boundary-role";
  }

  public String componentLabel() {
    return generation.labelPrefix() + "component";
  }

  /** Pod annotation the gateway's authentication maps a pod back to its sandbox with. */
  public String sandboxIdKey() {
    return generation.labelPrefix() + "sandbox-id";
  }

  public String managedByLabel() {
    return generation.labelPrefix() + "managed-by";
  }

  public String gatewayIdLabel() {
    return generation.labelPrefix() + "gateway-id";
  }

  /** The scheduling gate both pods are created with and lose only at release. */
  public String schedulingGate() {
    return generation.labelPrefix() + "bootstrap";
  }

  /** Sandbox annotation recording the runtime generation this render starts. */
  public String runtimeGenerationAnnotation() {
    return generation.labelPrefix() + "sandbox-runtime-generation";
  }

  /** Sandbox annotation recording the bootstrap phase ({@code preparing}, {@code released}). */
  public String bootstrapPhaseAnnotation() {
    return generation.labelPrefix() + "sandbox-runtime-bootstrap-phase";
  }

  /**
   * Sandbox annotation holding the rendered supervisor pod, so that a Start (which has no request
   * to render from) can make the next generation's supervisor from what the Create rendered.
   */
  public String supervisorTemplateAnnotation() {
    return generation.labelPrefix() + "sandbox-runtime-supervisor-template";
  }

  // ---- namespace-wide objects ------------------------------------------------------------------
  public String workloadPolicy() {
    return ns() + "-sandbox-workloads";
  }

  public String supervisorPolicy() {
    return ns() + "-sandbox-supervisors";
  }

  // ---- per-sandbox objects ---------------------------------------------------------------------
  /** The pair label's value: the sandbox id, lowercased. */
  public static String pairValue(String sandboxId) {
    return sandboxId.toLowerCase(Locale.ROOT);
  }

  public static String supervisorPod(String sandboxId) {
    return OBJECT_PREFIX + "supervisor-" + pairValue(sandboxId);
  }

  public static String boundaryService(String sandboxId) {
    return OBJECT_PREFIX + "boundary-" + pairValue(sandboxId);
  }

  /** The immutable sandbox bootstrap Secret of one runtime generation. */
  public static String sandboxSecret(String sandboxId, String runtimeGeneration) {
    return OBJECT_PREFIX + "sandbox-" + pairValue(sandboxId) + "-" + suffix(runtimeGeneration);
  }

  /** The immutable supervisor bootstrap Secret of one runtime generation. */
  public static String supervisorSecret(String sandboxId, String runtimeGeneration) {
    return OBJECT_PREFIX + "supervisor-" + pairValue(sandboxId) + "-" + suffix(runtimeGeneration);
  }

  /** The first twelve letters and digits of the generation, lowercased, as upstream names them. */
  static String suffix(String runtimeGeneration) {
    StringBuilder out = new StringBuilder(GENERATION_SUFFIX_LENGTH);
    runtimeGeneration
        .codePoints()
        .filter(c -> c < 128 && Character.isLetterOrDigit(c))
        .limit(GENERATION_SUFFIX_LENGTH)
        .forEach(c -> out.appendCodePoint(Character.toLowerCase(c)));
    return out.toString();
  }

  // ---- binaries ---------------------------------------------------------------------------------
  /** The supervisor binary at the root of the supervisor image. */
  public String supervisorBinary() {
    return "/" + ns() + "-supervisor";
  }

  /** The sandbox runtime binary at the root of the sandbox runtime image. */
  public String sandboxRuntimeImageBinary() {
    return "/" + sandboxRuntimeName();
  }

  /** The staged copy the agent container runs. */
  public String sandboxRuntimeBinary() {
    return runtimeDir() + "/" + sandboxRuntimeName();
  }

  private String sandboxRuntimeName() {
    return ns() + "-sandbox";
  }

  // ---- paths in the workload pod ----------------------------------------------------------------
  private String dotDir() {
    return "/." + ns();
  }

  public String runtimeDir() {
    return dotDir() + "/runtime";
  }

  public String stateDir() {
    return dotDir() + "/state";
  }

  public String podIdentityDir() {
    return dotDir() + "/pod-identity";
  }

  /** Where the sandbox Secret is mounted, for the trusted init container only. */
  public String bootstrapInputDir() {
    return dotDir() + "/bootstrap-input";
  }

  public String boundaryConfigPath() {
    return stateDir() + "/bootstrap/" + KEY_BOUNDARY_CONFIG;
  }

  /**
   * Where the sandbox runtime finds its listener's certificate once the init container staged it.
   */
  public String boundaryCertificatePath() {
    return stateDir() + "/bootstrap/" + KEY_BOUNDARY_CERTIFICATE;
  }

  public String boundaryPrivateKeyPath() {
    return stateDir() + "/bootstrap/" + KEY_BOUNDARY_PRIVATE_KEY;
  }

  /** The Downward API file holding the workload pod's own UID. */
  public String podUidPath() {
    return podIdentityDir() + "/" + POD_UID_FILE;
  }

  /**
   * The TLS server name the supervisor expects from the workload's listener for one launch: {@code
   * sandbox.<session id>.openshell.internal}, as upstream's sandbox TLS material names it.
   */
  public String boundaryServerName(String sessionId) {
    return "sandbox." + sessionId + "." + ns() + ".internal";
  }

  // ---- paths in the supervisor pod
  // ---------------------------------------------------------------
  public String supervisorDir() {
    return dotDir() + "/supervisor";
  }

  public String backendDescriptorPath() {
    return supervisorDir() + "/" + KEY_BACKEND_DESCRIPTOR;
  }

  public String authBundlePath() {
    return supervisorDir() + "/" + KEY_AUTH_BUNDLE;
  }

  public String proxyCaCertificatePath() {
    return supervisorDir() + "/" + KEY_PROXY_CA_CERTIFICATE;
  }

  public String proxyCaPrivateKeyPath() {
    return supervisorDir() + "/" + KEY_PROXY_CA_PRIVATE_KEY;
  }

  public String upstreamProxyCaBundlePath() {
    return supervisorDir() + "/" + KEY_UPSTREAM_PROXY_CA_BUNDLE;
  }

  public String clientCaPath() {
    return supervisorDir() + "/" + KEY_CLIENT_CA;
  }

  public String runDir() {
    return "/run/" + ns();
  }

  public String healthSocketPath() {
    return runDir() + "/health.sock";
  }

  public String sshSocketPath() {
    return runDir() + "/ssh.sock";
  }

  public String proxyTlsDir() {
    return runDir() + "/proxy-tls";
  }

  public String tokenDir() {
    return "/var/run/secrets/" + ns();
  }

  public String tokenFile() {
    return tokenDir() + "/" + ManagedNames.SA_TOKEN_FILE_NAME;
  }

  public String clientTlsDir() {
    return "/var/run/secrets/" + ns() + "-tls";
  }

  /** Where the upstream proxy credential is mounted in the supervisor. */
  public String proxyAuthDir() {
    return "/etc/" + ns() + "/auth";
  }

  public String proxyAuthFile() {
    return proxyAuthDir() + "/" + ManagedNames.PROXY_AUTH_FILE_NAME;
  }

  // ---- environment ------------------------------------------------------------------------------
  /**
   * {@code name} (an {@link EnvNames} constant, spelled {@code OPENSHELL_...}) with this
   * generation's prefix.
   */
  public String env(String name) {
    return generation.envPrefix() + name.substring(EnvNames.PREFIX.length());
  }

  /**
   * The isolation backend the supervisor is admitted to attach, {@code openshell-sandbox} or {@code
   * ryno-sandbox}: the sandbox runtime's own name.
   */
  public String backendName() {
    return sandboxRuntimeName();
  }

  /** G3 supervisors answer a TCP readiness port; G2 ones only the health subcommand. */
  public boolean tcpHealthPort() {
    return generation == Generation.G3;
  }
}
