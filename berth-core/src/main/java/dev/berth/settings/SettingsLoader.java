package dev.berth.settings;

import static dev.berth.settings.ClusterSettings.GATEWAY_ID;
import static dev.berth.settings.ClusterSettings.MANAGED_SSH_GATEWAY_NAMESPACE;
import static dev.berth.settings.ClusterSettings.MANAGED_SSH_GATEWAY_POD_SELECTOR;
import static dev.berth.settings.ClusterSettings.MANAGED_SSH_INGRESS_ENABLED;
import static dev.berth.settings.ClusterSettings.SANDBOX_NAMESPACE;
import static dev.berth.settings.ClusterSettings.SANDBOX_SERVICE_ACCOUNT;
import static dev.berth.settings.ClusterSettings.WORKSPACE_MODE;

import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link DriverSettings} from a map keyed by environment variable name. Values are trimmed
 * and an empty value means the default; every refused value and every broken cross-setting rule is
 * reported at once, each naming the environment variable as its field.
 */
public final class SettingsLoader {

  private SettingsLoader() {}

  public static Result<DriverSettings> load(Map<String, String> env) {
    SettingValues values = SettingValues.read(env);
    List<Violation> violations = new ArrayList<>(values.violations());
    violations.addAll(CrossChecks.check(values));
    return Result.of(violations, () -> build(values));
  }

  private static DriverSettings build(SettingValues v) {
    return new DriverSettings(
        new DriverSettings.Serving(
            v.get(ServingSettings.BIND_SOCKET),
            v.get(ServingSettings.BIND_ADDRESS),
            v.get(ServingSettings.LOG_LEVEL),
            v.get(ServingSettings.LOG_FORMAT),
            v.get(ServingSettings.METRICS_ADDRESS),
            v.get(ServingSettings.HEALTH_ADDRESS)),
        new DriverSettings.Cluster(
            v.get(WORKSPACE_MODE),
            v.get(GATEWAY_ID),
            v.get(SANDBOX_NAMESPACE),
            v.get(SANDBOX_SERVICE_ACCOUNT),
            new DriverSettings.ManagedSshIngress(
                v.get(MANAGED_SSH_INGRESS_ENABLED),
                v.get(MANAGED_SSH_GATEWAY_NAMESPACE),
                v.get(MANAGED_SSH_GATEWAY_POD_SELECTOR)),
            v.get(ClusterSettings.SANDBOX_SCC_CLUSTER_ROLE)),
        new DriverSettings.Images(
            v.get(ImageSettings.SANDBOX_IMAGE),
            v.get(ImageSettings.SANDBOX_IMAGE_PULL_POLICY),
            v.get(ImageSettings.IMAGE_PULL_SECRETS),
            v.get(ImageSettings.SUPERVISOR_IMAGE),
            v.get(ImageSettings.SUPERVISOR_IMAGE_PULL_POLICY),
            v.get(ImageSettings.SUPERVISOR_SIDELOAD_METHOD)),
        new DriverSettings.Supervisor(
            v.get(SupervisorSettings.TOPOLOGY),
            v.get(SupervisorSettings.SIDECAR_PROXY_UID),
            v.get(SupervisorSettings.BINARY_AWARE_NETWORK_POLICY),
            new DriverSettings.UpstreamProxy(
                v.get(SupervisorSettings.HTTPS_PROXY),
                v.get(SupervisorSettings.NO_PROXY),
                // The cross-checks refuse a name without a key and a key without a name.
                v.get(SupervisorSettings.PROXY_AUTH_SECRET_NAME)
                    .flatMap(
                        name ->
                            v.get(SupervisorSettings.PROXY_AUTH_SECRET_KEY)
                                .map(key -> new DriverSettings.SecretKey(name, key))),
                v.get(SupervisorSettings.PROXY_AUTH_ALLOW_INSECURE),
                v.get(SupervisorSettings.PROXY_CONNECT_BY_HOSTNAME))),
        new DriverSettings.Isolation(
            v.get(IsolationSettings.SANDBOX_RUNTIME_IMAGE),
            v.get(IsolationSettings.SANDBOX_RUNTIME_IMAGE_PULL_POLICY),
            Math.toIntExact(v.get(IsolationSettings.BOUNDARY_PORT)),
            v.get(IsolationSettings.PROXY_CA_BUNDLE)),
        new DriverSettings.PodIdentity(
            v.get(PodSettings.ENABLE_USER_NAMESPACES),
            v.get(PodSettings.APP_ARMOR_PROFILE),
            v.get(PodSettings.SANDBOX_UID),
            v.get(PodSettings.SANDBOX_GID)),
        new DriverSettings.Gateway(
            v.get(GatewaySettings.GRPC_ENDPOINT),
            v.get(GatewaySettings.SSH_SOCKET_PATH),
            v.get(GatewaySettings.CLIENT_TLS_SECRET_NAME),
            v.get(GatewaySettings.HOST_GATEWAY_IP),
            v.get(GatewaySettings.SA_TOKEN_TTL_SECS),
            v.get(GatewaySettings.SPIFFE_WORKLOAD_API_SOCKET),
            v.get(GatewaySettings.TELEMETRY_ENABLED)),
        new DriverSettings.Workspace(
            v.get(PodSettings.WORKSPACE_DEFAULT_STORAGE_SIZE),
            v.get(PodSettings.WORKSPACE_STORAGE_CLASS),
            v.get(PodSettings.DEFAULT_RUNTIME_CLASS_NAME)),
        new DriverSettings.Contract(
            v.get(ContractSettings.GATEWAY_GENERATION), admission(v), LimitSettings.limits(v)));
  }

  /** The policy from whichever form was given; {@link CrossChecks} refuses both at once. */
  private static AdmissionConfig admission(SettingValues v) {
    return v.get(ContractSettings.DRIVER_ADMISSION_CONFIG_JSON)
        .orElseGet(
            () ->
                new AdmissionConfig(
                    v.get(ContractSettings.ALLOW_DRIVER_CONFIG),
                    v.get(ContractSettings.RESOURCE_ADMISSION_ENABLED),
                    v.get(ContractSettings.RESOURCE_ADMISSION_REQUIRED_LABELS)));
  }
}
