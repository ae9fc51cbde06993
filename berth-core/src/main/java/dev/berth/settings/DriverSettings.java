package dev.berth.settings;

import dev.berth.naming.Generation;
import dev.berth.result.Result;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The driver process configuration, typed and validated. Built from a map keyed by {@code
 * OPENSHELL_*} environment variable names (flags are folded into the same map), never read from the
 * environment below the CLI.
 */
public record DriverSettings(
    Serving serving,
    Cluster cluster,
    Images images,
    Supervisor supervisor,
    Isolation isolation,
    PodIdentity podIdentity,
    Gateway gateway,
    Workspace workspace,
    Contract contract) {

  /** Parses and validates every setting; unknown keys are ignored (the map is the environment). */
  public static Result<DriverSettings> fromMap(Map<String, String> values) {
    return SettingsLoader.load(values);
  }

  /** Every setting at its default. */
  public static DriverSettings defaults() {
    return fromMap(Map.of()).orElseThrow();
  }

  /** How the driver listens and reports. */
  public record Serving(
      Optional<String> bindSocket,
      String bindAddress,
      String logLevel,
      LogFormat logFormat,
      Optional<String> metricsAddress,
      Optional<String> healthAddress) {}

  /** Where sandboxes live and who owns them. */
  public record Cluster(
      WorkspaceMode workspaceMode,
      String gatewayId,
      String sandboxNamespace,
      String serviceAccountName,
      ManagedSshIngress managedSshIngress,
      Optional<String> sandboxSccClusterRole) {}

  /** Managed-mode NetworkPolicy that admits only the gateway's pods on the SSH port. */
  public record ManagedSshIngress(
      boolean enabled, Optional<String> gatewayNamespace, Map<String, String> gatewayPodSelector) {}

  /** Images used in sandbox pods. */
  public record Images(
      String sandboxImage,
      Optional<PullPolicy> sandboxImagePullPolicy,
      List<String> imagePullSecrets,
      String supervisorImage,
      Optional<PullPolicy> supervisorImagePullPolicy,
      SideloadMethod sideloadMethod) {}

  /** How the supervisor is arranged in the pod and how it reaches the internet. */
  public record Supervisor(
      Topology topology,
      long sidecarProxyUid,
      boolean binaryAwareNetworkPolicy,
      UpstreamProxy proxy) {}

  /** The corporate proxy every sandbox egress goes through, when configured. */
  public record UpstreamProxy(
      Optional<String> httpsProxy,
      Optional<String> noProxy,
      Optional<SecretKey> credentials,
      boolean authAllowInsecure,
      boolean connectByHostname) {

    /** True when proxy credentials are mounted from a Secret. */
    public boolean hasCredentials() {
      return credentials.isPresent();
    }
  }

  /**
   * The two-pod isolation backend of G2 and G3 gateways.
   *
   * @param sandboxRuntimeImage image of the static sandbox runtime the workload pod runs
   * @param sandboxRuntimeImagePullPolicy its pull policy, unset to leave it to Kubernetes
   * @param boundaryPort the workload's TLS listener port, reached only by supervisor pods
   * @param proxyCaBundle path of the corporate proxy CA bundle the driver stages for the supervisor
   */
  public record Isolation(
      String sandboxRuntimeImage,
      Optional<PullPolicy> sandboxRuntimeImagePullPolicy,
      int boundaryPort,
      Optional<String> proxyCaBundle) {}

  /** One key of a Secret in the sandbox's namespace. */
  public record SecretKey(String secretName, String key) {}

  /** Identity and confinement of the sandbox pod. */
  public record PodIdentity(
      boolean enableUserNamespaces,
      Optional<AppArmorChoice> appArmorProfile,
      OptionalLong sandboxUid,
      OptionalLong sandboxGid) {}

  /** How the sandbox reaches and proves itself to the gateway. */
  public record Gateway(
      String grpcEndpoint,
      String sshSocketPath,
      Optional<String> clientTlsSecretName,
      Optional<String> hostGatewayIp,
      long saTokenTtlSecs,
      Optional<String> spiffeWorkloadApiSocket,
      boolean telemetryEnabled) {}

  /**
   * The gateway's contract generation, when pinned, the admission policy as configured (parts left
   * unset follow the generation of each call), and the request size limits.
   */
  public record Contract(
      Optional<Generation> pinnedGeneration, AdmissionConfig admission, RequestLimits limits) {}

  /** Defaults for the workspace volume and runtime class. */
  public record Workspace(
      String defaultStorageSize,
      Optional<String> storageClass,
      Optional<String> defaultRuntimeClassName) {}
}
