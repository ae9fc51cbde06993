package dev.berth.settings;

import static dev.berth.settings.SettingsLoaderTest.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One refused value per setting (more for the richer ones), each with its exact sentence. */
class RefusedValuesTest {

  static final String LABEL_RULE =
      "it must be a DNS-1123 label, so use at most 63 lowercase letters, digits or '-', starting"
          + " and ending with a letter or digit.";
  static final String SUBDOMAIN_RULE =
      "it must be a DNS-1123 subdomain, so use at most 253 characters of lowercase letters,"
          + " digits, '-' and '.', each dot-separated part starting and ending with a letter or"
          + " digit.";

  static Stream<Arguments> refused() {
    return Stream.of(
        bad(
            "OPENSHELL_COMPUTE_DRIVER_SOCKET",
            "run/berth.sock",
            "--bind-socket (OPENSHELL_COMPUTE_DRIVER_SOCKET) is 'run/berth.sock'; it must be an absolute path starting with '/'."),
        bad(
            "OPENSHELL_COMPUTE_DRIVER_SOCKET",
            "/run/berth/",
            "--bind-socket (OPENSHELL_COMPUTE_DRIVER_SOCKET) is '/run/berth/'; it must name a socket file, so remove the trailing '/'."),
        bad(
            "OPENSHELL_COMPUTE_DRIVER_BIND",
            "::1:50061",
            "--bind-address (OPENSHELL_COMPUTE_DRIVER_BIND) is '::1:50061'; use host:port with a port from 1 to 65535 and IPv6 addresses in brackets, such as '127.0.0.1:50061' or '[::1]:50061'."),
        bad(
            "OPENSHELL_COMPUTE_DRIVER_BIND",
            "127.0.0.1:0",
            "--bind-address (OPENSHELL_COMPUTE_DRIVER_BIND) is '127.0.0.1:0'; use host:port with a port from 1 to 65535 and IPv6 addresses in brackets, such as '127.0.0.1:50061' or '[::1]:50061'."),
        bad(
            "OPENSHELL_LOG_LEVEL",
            "verbose",
            "--log-level (OPENSHELL_LOG_LEVEL) is 'verbose'; use 'trace', 'debug', 'info', 'warn' or 'error'."),
        bad(
            "OPENSHELL_LOG_FORMAT",
            "JSON",
            "--log-format (OPENSHELL_LOG_FORMAT) is 'JSON'; use 'text' or 'json'."),
        bad(
            "OPENSHELL_METRICS_ADDRESS",
            "9090",
            "--metrics-address (OPENSHELL_METRICS_ADDRESS) is '9090'; use host:port with a port from 1 to 65535 and IPv6 addresses in brackets, such as '0.0.0.0:9090' or '[::]:9090'."),
        bad(
            "OPENSHELL_HEALTH_ADDRESS",
            "localhost",
            "--health-address (OPENSHELL_HEALTH_ADDRESS) is 'localhost'; use host:port with a port from 1 to 65535 and IPv6 addresses in brackets, such as '0.0.0.0:8091' or '[::]:8091'."),
        bad(
            "OPENSHELL_WORKSPACE_MODE",
            "operator",
            "--workspace-mode (OPENSHELL_WORKSPACE_MODE) is 'operator'; operator mode needs the gateway's in-process namespace allowlist, which an external driver cannot use, so use 'shared' or 'managed'."),
        bad(
            "OPENSHELL_WORKSPACE_MODE",
            "Shared",
            "--workspace-mode (OPENSHELL_WORKSPACE_MODE) is 'Shared'; use 'shared' or 'managed'."),
        bad(
            "OPENSHELL_GATEWAY_ID",
            "gw/1",
            "--gateway-id (OPENSHELL_GATEWAY_ID) is 'gw/1'; it must be usable as a Kubernetes label value, so use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit."),
        bad(
            "OPENSHELL_SANDBOX_NAMESPACE",
            "Sandboxes",
            "--sandbox-namespace (OPENSHELL_SANDBOX_NAMESPACE) is 'Sandboxes'; " + LABEL_RULE),
        bad(
            "OPENSHELL_K8S_SANDBOX_SERVICE_ACCOUNT",
            "-sa",
            "--sandbox-service-account (OPENSHELL_K8S_SANDBOX_SERVICE_ACCOUNT) is '-sa'; "
                + SUBDOMAIN_RULE),
        bad(
            "OPENSHELL_MANAGED_SSH_INGRESS_ENABLED",
            "yes",
            "--managed-ssh-ingress-enabled (OPENSHELL_MANAGED_SSH_INGRESS_ENABLED) is 'yes'; use 'true' or 'false'."),
        bad(
            "OPENSHELL_MANAGED_SSH_GATEWAY_NAMESPACE",
            "OpenShell",
            "--managed-ssh-gateway-namespace (OPENSHELL_MANAGED_SSH_GATEWAY_NAMESPACE) is 'OpenShell'; "
                + LABEL_RULE),
        bad(
            "OPENSHELL_MANAGED_SSH_GATEWAY_POD_SELECTOR",
            "app",
            "--managed-ssh-gateway-pod-selector (OPENSHELL_MANAGED_SSH_GATEWAY_POD_SELECTOR) is 'app'; entry 'app' is not key=value; use key=value pairs separated by commas, such as 'app.kubernetes.io/name=openshell'."),
        bad(
            "OPENSHELL_MANAGED_SSH_GATEWAY_POD_SELECTOR",
            "-app=x",
            "--managed-ssh-gateway-pod-selector (OPENSHELL_MANAGED_SSH_GATEWAY_POD_SELECTOR) is '-app=x'; key '-app' is not a label key: its name must be 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit."),
        bad(
            "OPENSHELL_MANAGED_SSH_GATEWAY_POD_SELECTOR",
            "app=a b",
            "--managed-ssh-gateway-pod-selector (OPENSHELL_MANAGED_SSH_GATEWAY_POD_SELECTOR) is 'app=a b'; value 'a b' is not a label value; use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit."),
        bad(
            "OPENSHELL_MANAGED_SSH_GATEWAY_POD_SELECTOR",
            "a=1,a=2",
            "--managed-ssh-gateway-pod-selector (OPENSHELL_MANAGED_SSH_GATEWAY_POD_SELECTOR) is 'a=1,a=2'; it sets key 'a' twice, so give each key once."),
        bad(
            "OPENSHELL_SANDBOX_IMAGE",
            "ghcr.io/NVIDIA/agent:1",
            "--sandbox-image (OPENSHELL_SANDBOX_IMAGE) is 'ghcr.io/NVIDIA/agent:1'; use an image reference Kubernetes can pull, such as 'registry.example.com/team/image:tag', with a lowercase repository path."),
        bad(
            "OPENSHELL_SANDBOX_IMAGE_PULL_POLICY",
            "always",
            "--sandbox-image-pull-policy (OPENSHELL_SANDBOX_IMAGE_PULL_POLICY) is 'always'; use 'Always', 'IfNotPresent' or 'Never', or leave it empty for the Kubernetes default."),
        bad(
            "OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS",
            "regcred,Bad_Secret",
            "--sandbox-image-pull-secrets (OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS) is 'regcred,Bad_Secret'; entry 'Bad_Secret' is not valid; each entry must be a Secret name, a DNS-1123 subdomain, so use at most 253 characters of lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit."),
        bad(
            "OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS",
            "a,,b",
            "--sandbox-image-pull-secrets (OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS) is 'a,,b'; it has an empty entry, so remove the extra comma."),
        bad(
            "OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS",
            "a,a",
            "--sandbox-image-pull-secrets (OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS) is 'a,a'; it lists 'a' twice, so list each entry once."),
        bad(
            "OPENSHELL_SUPERVISOR_IMAGE",
            "ghcr.io/nvidia/openshell/supervisor:",
            "--supervisor-image (OPENSHELL_SUPERVISOR_IMAGE) is 'ghcr.io/nvidia/openshell/supervisor:'; use an image reference Kubernetes can pull, such as 'registry.example.com/team/image:tag', with a lowercase repository path."),
        bad(
            "OPENSHELL_SUPERVISOR_IMAGE_PULL_POLICY",
            "Missing",
            "--supervisor-image-pull-policy (OPENSHELL_SUPERVISOR_IMAGE_PULL_POLICY) is 'Missing'; use 'Always', 'IfNotPresent' or 'Never', or leave it empty for the Kubernetes default."),
        bad(
            "OPENSHELL_SANDBOX_SCC_CLUSTER_ROLE",
            "Berth_SCC",
            "--sandbox-scc-cluster-role (OPENSHELL_SANDBOX_SCC_CLUSTER_ROLE) is 'Berth_SCC'; it must be a DNS-1123 subdomain, so use at most 253 characters of lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit."),
        bad(
            "OPENSHELL_SANDBOX_RUNTIME_IMAGE",
            "Runtime:1",
            "--sandbox-runtime-image (OPENSHELL_SANDBOX_RUNTIME_IMAGE) is 'Runtime:1'; use an image reference Kubernetes can pull, such as 'registry.example.com/team/image:tag', with a lowercase repository path."),
        bad(
            "OPENSHELL_SANDBOX_RUNTIME_IMAGE_PULL_POLICY",
            "always",
            "--sandbox-runtime-image-pull-policy (OPENSHELL_SANDBOX_RUNTIME_IMAGE_PULL_POLICY) is 'always'; use 'Always', 'IfNotPresent' or 'Never', or leave it empty for the Kubernetes default."),
        bad(
            "OPENSHELL_K8S_SANDBOX_RUNTIME_BOUNDARY_PORT",
            "65536",
            "--sandbox-runtime-boundary-port (OPENSHELL_K8S_SANDBOX_RUNTIME_BOUNDARY_PORT) is '65536'; use a whole number from 1 to 65535."),
        bad(
            "OPENSHELL_UPSTREAM_PROXY_CA_BUNDLE",
            "proxy-ca.pem",
            "--proxy-ca-bundle (OPENSHELL_UPSTREAM_PROXY_CA_BUNDLE) is 'proxy-ca.pem'; it must be an absolute path starting with '/'."),
        bad(
            "OPENSHELL_OTLP_ENDPOINT",
            "http://collector:4317",
            "--otlp-endpoint (OPENSHELL_OTLP_ENDPOINT) is 'http://collector:4317'; Berth exports no OpenTelemetry traces; unset it and scrape --metrics-address instead."),
        bad(
            "OPENSHELL_GATEWAY_NAME",
            "prod",
            "--gateway-name (OPENSHELL_GATEWAY_NAME) is 'prod'; it names the gateway in exported traces, and Berth exports none; unset it."),
        bad(
            "OPENSHELL_OPERATOR_NAMESPACE_LABEL",
            "team=a",
            "--operator-namespace-label (OPENSHELL_OPERATOR_NAMESPACE_LABEL) is 'team=a'; it belongs to the 'operator' workspace mode, which Berth does not offer; use --workspace-mode shared or managed."),
        bad(
            "OPENSHELL_OPERATOR_NAMESPACE_FILE",
            "/etc/namespaces",
            "--operator-namespace-file (OPENSHELL_OPERATOR_NAMESPACE_FILE) is '/etc/namespaces'; it belongs to the 'operator' workspace mode, which Berth does not offer; use --workspace-mode shared or managed."),
        bad(
            "OPENSHELL_SUPERVISOR_SIDELOAD_METHOD",
            "image_volume",
            "--supervisor-sideload-method (OPENSHELL_SUPERVISOR_SIDELOAD_METHOD) is 'image_volume'; use 'image-volume' or 'init-container'."),
        bad(
            "OPENSHELL_K8S_TOPOLOGY",
            "side-car",
            "--topology (OPENSHELL_K8S_TOPOLOGY) is 'side-car'; use 'combined' or 'sidecar'."),
        bad(
            "OPENSHELL_K8S_SIDECAR_PROXY_UID",
            "999",
            "--sidecar-proxy-uid (OPENSHELL_K8S_SIDECAR_PROXY_UID) is '999'; use a whole number from 1000 to 4294967294."),
        bad(
            "OPENSHELL_K8S_SIDECAR_PROXY_UID",
            "4294967295",
            "--sidecar-proxy-uid (OPENSHELL_K8S_SIDECAR_PROXY_UID) is '4294967295'; use a whole number from 1000 to 4294967294."),
        bad(
            "OPENSHELL_K8S_SIDECAR_PROXY_UID",
            "1337x",
            "--sidecar-proxy-uid (OPENSHELL_K8S_SIDECAR_PROXY_UID) is '1337x'; use a whole number from 1000 to 4294967294."),
        bad(
            "OPENSHELL_K8S_SIDECAR_PROCESS_BINARY_AWARE_NETWORK_POLICY",
            "enabled",
            "--sidecar-process-binary-aware-network-policy (OPENSHELL_K8S_SIDECAR_PROCESS_BINARY_AWARE_NETWORK_POLICY) is 'enabled'; use 'true' or 'false'."),
        bad(
            "OPENSHELL_UPSTREAM_PROXY",
            "proxy.corp:3128",
            "--https-proxy (OPENSHELL_UPSTREAM_PROXY) is 'proxy.corp:3128'; use exactly http://host:port, such as 'http://proxy.example.com:3128'."),
        bad(
            "OPENSHELL_UPSTREAM_PROXY",
            "https://proxy.corp:3128",
            "--https-proxy (OPENSHELL_UPSTREAM_PROXY) is 'https://proxy.corp:3128'; only plain http:// forward proxies are supported; use exactly http://host:port, such as 'http://proxy.example.com:3128'."),
        bad(
            "OPENSHELL_UPSTREAM_PROXY",
            "http://proxy.corp:0",
            "--https-proxy (OPENSHELL_UPSTREAM_PROXY) is 'http://proxy.corp:0'; use exactly http://host:port, such as 'http://proxy.example.com:3128'."),
        bad(
            "OPENSHELL_UPSTREAM_PROXY",
            "http://alice:s3cret@proxy.corp:3128",
            "--https-proxy (OPENSHELL_UPSTREAM_PROXY) contains credentials; remove them from the URL and put 'user:password' in the Secret named by --proxy-auth-secret-name and --proxy-auth-secret-key."),
        bad(
            "OPENSHELL_UPSTREAM_NO_PROXY",
            "a\u0001b",
            "--no-proxy (OPENSHELL_UPSTREAM_NO_PROXY) is 'a\\u0001b'; remove the control characters."),
        bad(
            "OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_NAME",
            "Proxy_Auth",
            "--proxy-auth-secret-name (OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_NAME) is 'Proxy_Auth'; "
                + SUBDOMAIN_RULE),
        bad(
            "OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY",
            "a/b",
            "--proxy-auth-secret-key (OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY) is 'a/b'; use at most 253 letters, digits, '.', '-' or '_', and not '.' or '..'."),
        bad(
            "OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY",
            "..",
            "--proxy-auth-secret-key (OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY) is '..'; use at most 253 letters, digits, '.', '-' or '_', and not '.' or '..'."),
        bad(
            "OPENSHELL_UPSTREAM_PROXY_AUTH_ALLOW_INSECURE",
            "maybe",
            "--proxy-auth-allow-insecure (OPENSHELL_UPSTREAM_PROXY_AUTH_ALLOW_INSECURE) is 'maybe'; use 'true' or 'false'."),
        bad(
            "OPENSHELL_UPSTREAM_PROXY_CONNECT_BY_HOSTNAME",
            "2",
            "--proxy-connect-by-hostname (OPENSHELL_UPSTREAM_PROXY_CONNECT_BY_HOSTNAME) is '2'; use 'true' or 'false'."),
        bad(
            "OPENSHELL_ENABLE_USER_NAMESPACES",
            "on",
            "--enable-user-namespaces (OPENSHELL_ENABLE_USER_NAMESPACES) is 'on'; use 'true' or 'false'."),
        bad(
            "OPENSHELL_K8S_APP_ARMOR_PROFILE",
            "localhost/openshell",
            "--app-armor-profile (OPENSHELL_K8S_APP_ARMOR_PROFILE) is 'localhost/openshell'; use 'RuntimeDefault', 'Unconfined' or 'Localhost/<profile-name>', or leave it empty to leave the profile to the cluster."),
        bad(
            "OPENSHELL_K8S_SANDBOX_UID",
            "0",
            "--sandbox-uid (OPENSHELL_K8S_SANDBOX_UID) is '0'; use a whole number from 1 to 4294967294."),
        bad(
            "OPENSHELL_K8S_SANDBOX_GID",
            "4294967295",
            "--sandbox-gid (OPENSHELL_K8S_SANDBOX_GID) is '4294967295'; use a whole number from 1 to 4294967294."),
        bad(
            "OPENSHELL_K8S_WORKSPACE_DEFAULT_STORAGE_SIZE",
            "0",
            "--workspace-default-storage-size (OPENSHELL_K8S_WORKSPACE_DEFAULT_STORAGE_SIZE) is '0'; use a Kubernetes quantity greater than zero, such as '2Gi' or '500Mi'."),
        bad(
            "OPENSHELL_K8S_WORKSPACE_DEFAULT_STORAGE_SIZE",
            "2GB",
            "--workspace-default-storage-size (OPENSHELL_K8S_WORKSPACE_DEFAULT_STORAGE_SIZE) is '2GB'; use a Kubernetes quantity greater than zero, such as '2Gi' or '500Mi'."),
        bad(
            "OPENSHELL_K8S_WORKSPACE_DEFAULT_STORAGE_SIZE",
            "-1Gi",
            "--workspace-default-storage-size (OPENSHELL_K8S_WORKSPACE_DEFAULT_STORAGE_SIZE) is '-1Gi'; use a Kubernetes quantity greater than zero, such as '2Gi' or '500Mi'."),
        bad(
            "OPENSHELL_K8S_WORKSPACE_STORAGE_CLASS",
            "Fast_SSD",
            "--workspace-storage-class (OPENSHELL_K8S_WORKSPACE_STORAGE_CLASS) is 'Fast_SSD'; "
                + SUBDOMAIN_RULE),
        bad(
            "OPENSHELL_K8S_DEFAULT_RUNTIME_CLASS_NAME",
            "kata!",
            "--default-runtime-class-name (OPENSHELL_K8S_DEFAULT_RUNTIME_CLASS_NAME) is 'kata!'; "
                + SUBDOMAIN_RULE),
        bad(
            "OPENSHELL_GRPC_ENDPOINT",
            "openshell:8080",
            "--grpc-endpoint (OPENSHELL_GRPC_ENDPOINT) is 'openshell:8080'; use an http:// or https:// URL such as 'https://openshell.openshell.svc:8080', or leave it empty."),
        bad(
            "OPENSHELL_GRPC_ENDPOINT",
            "https://gw:tok3n@openshell:8080",
            "--grpc-endpoint (OPENSHELL_GRPC_ENDPOINT) contains credentials; the endpoint is copied into every sandbox pod, so remove them."),
        bad(
            "OPENSHELL_SANDBOX_SSH_SOCKET_PATH",
            "/run/../ssh.sock",
            "--sandbox-ssh-socket-path (OPENSHELL_SANDBOX_SSH_SOCKET_PATH) is '/run/../ssh.sock'; it must be normalized, without empty, '.' or '..' segments."),
        bad(
            "OPENSHELL_CLIENT_TLS_SECRET_NAME",
            "TLS",
            "--client-tls-secret-name (OPENSHELL_CLIENT_TLS_SECRET_NAME) is 'TLS'; "
                + SUBDOMAIN_RULE),
        bad(
            "OPENSHELL_HOST_GATEWAY_IP",
            "[fd00::1]",
            "--host-gateway-ip (OPENSHELL_HOST_GATEWAY_IP) is '[fd00::1]'; use an IPv4 address such as '192.168.65.254' or an IPv6 address such as 'fd00::1', without brackets."),
        bad(
            "OPENSHELL_HOST_GATEWAY_IP",
            "host.docker.internal",
            "--host-gateway-ip (OPENSHELL_HOST_GATEWAY_IP) is 'host.docker.internal'; use an IPv4 address such as '192.168.65.254' or an IPv6 address such as 'fd00::1', without brackets."),
        bad(
            "OPENSHELL_K8S_SA_TOKEN_TTL_SECS",
            "1h",
            "--sa-token-ttl-secs (OPENSHELL_K8S_SA_TOKEN_TTL_SECS) is '1h'; use a whole number of seconds, such as '3600'."),
        bad(
            "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET",
            "/agent.sock",
            "--provider-spiffe-workload-api-socket-path (OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET) is '/agent.sock'; the whole directory is mounted, so put the socket in a directory of its own, such as '/run/spire/sockets/agent.sock'."),
        bad(
            "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET",
            "spire/agent.sock",
            "--provider-spiffe-workload-api-socket-path (OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET) is 'spire/agent.sock'; it must be an absolute path starting with '/'."),
        bad(
            "OPENSHELL_TELEMETRY_ENABLED",
            "maybe",
            "--telemetry-enabled (OPENSHELL_TELEMETRY_ENABLED) is 'maybe'; use 'true' or 'false'."),
        bad(
            "OPENSHELL_GATEWAY_GENERATION",
            "v0.1.2",
            "--gateway-generation (OPENSHELL_GATEWAY_GENERATION) is 'v0.1.2'; use 'auto', 'g1', 'g2' or 'g3'."),
        bad(
            "OPENSHELL_ALLOW_DRIVER_CONFIG",
            "yes",
            "--allow-driver-config (OPENSHELL_ALLOW_DRIVER_CONFIG) is 'yes'; use 'true' or 'false'."),
        bad(
            "OPENSHELL_RESOURCE_ADMISSION_ENABLED",
            "on",
            "--resource-admission-enabled (OPENSHELL_RESOURCE_ADMISSION_ENABLED) is 'on'; use 'true' or 'false'."),
        bad(
            "OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS",
            "team.example/workspace=${workspace}",
            "--resource-admission-required-labels (OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS) is 'team.example/workspace=${workspace}'; every required label is ${workspace}; add one with a fixed value, such as 'openshell.ai/sandbox-attachable=true', so that a claim must be approved for sandboxes and not merely named after a workspace."),
        bad(
            "OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS",
            "approved=true,ryno.ai/gateway-id=gw",
            "--resource-admission-required-labels (OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS) is 'approved=true,ryno.ai/gateway-id=gw'; label key 'ryno.ai/gateway-id' is set by the driver itself and cannot be required; choose another key."),
        bad(
            "OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS",
            "approved",
            "--resource-admission-required-labels (OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS) is 'approved'; entry 'approved' is not key=value; use key=value pairs separated by commas, such as 'openshell.ai/sandbox-attachable=true,openshell.ai/sandbox-attachable-workspace=${workspace}'."),
        bad(
            "OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS",
            "approved=yes please",
            "--resource-admission-required-labels (OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS) is 'approved=yes please'; the value of 'approved' is 'yes please'; use a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit) or exactly ${workspace}."),
        bad(
            "OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS",
            "Team Approved=true",
            "--resource-admission-required-labels (OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS) is 'Team Approved=true'; label key 'Team Approved' is not a label key: its name must be 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit."),
        bad(
            "OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON",
            "allow_driver_config=true",
            "--admission-config-json (OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON) is not valid JSON; give one object, such as '{\"allow_driver_config\":true}'."),
        bad(
            "OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON",
            "[true]",
            "--admission-config-json (OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON) is not a JSON object; give one object, such as '{\"allow_driver_config\":true}'."),
        bad(
            "OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON",
            "{\"allow_driver_config\":\"true\"}",
            "--admission-config-json (OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON) has 'allow_driver_config' that is not true or false."),
        bad(
            "OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON",
            "{\"resource_admission\":{\"labels\":{}}}",
            "--admission-config-json (OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON) has the unknown key 'resource_admission.labels'; the keys are 'resource_admission.enabled' or 'resource_admission.required_labels'."),
        bad(
            "OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON",
            "{\"allow_driver_configs\":true}",
            "--admission-config-json (OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON) has the unknown key 'allow_driver_configs'; the keys are 'allow_driver_config' or 'resource_admission'."),
        bad(
            "OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON",
            "{\"resource_admission\":{\"required_labels\":{}}}",
            "--admission-config-json (OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON) has an empty 'resource_admission.required_labels' while admission is enabled; name at least one label, or set 'resource_admission.enabled' to false."),
        bad(
            "OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON",
            "{\"resource_admission\":{\"required_labels\":{\"approved\":true}}}",
            "--admission-config-json (OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON) has 'resource_admission.required_labels' entry 'approved' whose value is not text."),
        bad(
            "OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON",
            "{\"resource_admission\":{\"required_labels\":{\"openshell.ai/managed-by\":\"x\"}}}",
            "--admission-config-json (OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON) has 'resource_admission.required_labels' whose label key 'openshell.ai/managed-by' is set by the driver itself and cannot be required; choose another key."),
        bad(
            "OPENSHELL_MAX_ENVIRONMENT_ENTRIES",
            "127",
            "--max-environment-entries (OPENSHELL_MAX_ENVIRONMENT_ENTRIES) is '127'; use a whole number from 128 to 1073741824."),
        bad(
            "OPENSHELL_MAX_MAP_KEY_BYTES",
            "255",
            "--max-map-key-bytes (OPENSHELL_MAX_MAP_KEY_BYTES) is '255'; use a whole number from 256 to 1073741824."),
        bad(
            "OPENSHELL_MAX_MAP_VALUE_BYTES",
            "8191",
            "--max-map-value-bytes (OPENSHELL_MAX_MAP_VALUE_BYTES) is '8191'; use a whole number from 8192 to 1073741824."),
        bad(
            "OPENSHELL_MAX_ENVIRONMENT_BYTES",
            "262143",
            "--max-environment-bytes (OPENSHELL_MAX_ENVIRONMENT_BYTES) is '262143'; use a whole number from 262144 to 1073741824."),
        bad(
            "OPENSHELL_MAX_TEMPLATE_STRUCT_BYTES",
            "65535",
            "--max-template-struct-bytes (OPENSHELL_MAX_TEMPLATE_STRUCT_BYTES) is '65535'; use a whole number from 65536 to 1073741824."));
  }

  private static Arguments bad(String env, String value, String sentence) {
    return arguments(env, value, sentence);
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("refused")
  void refusesABadValueWithOneSentence(String env, String value, String sentence) {
    assertThat(load(env, value).violations()).containsExactly(new Violation(env, sentence));
  }

  @Test
  void everySettingHasARefusedValueCase() {
    List<Object> covered = refused().map(a -> a.get()[0]).distinct().toList();
    assertThat(covered)
        .containsExactlyInAnyOrderElementsOf(Settings.ALL.stream().map(Setting::env).toList());
  }

  @Test
  void credentialsInTheProxyUrlAreNeverRepeated() {
    for (String url :
        List.of("http://alice:s3cret@proxy:3128", "alice:s3cret@proxy", "ftp://alice:s3cret@x")) {
      assertThat(load("OPENSHELL_UPSTREAM_PROXY", url).violations())
          .singleElement()
          .satisfies(v -> assertThat(v.message()).doesNotContain("s3cret").contains("credentials"));
    }
  }

  @Test
  void reportsEveryBadSettingAtOnceSortedByVariable() {
    Result<DriverSettings> outcome =
        load(
            "OPENSHELL_K8S_TOPOLOGY", "side-car",
            "OPENSHELL_LOG_LEVEL", "loud",
            "OPENSHELL_K8S_SANDBOX_UID", "root",
            "OPENSHELL_SANDBOX_NAMESPACE", "My Sandboxes");

    assertThat(outcome.isValid()).isFalse();
    assertThat(outcome.violations())
        .extracting(Violation::field)
        .containsExactly(
            "OPENSHELL_K8S_SANDBOX_UID",
            "OPENSHELL_K8S_TOPOLOGY",
            "OPENSHELL_LOG_LEVEL",
            "OPENSHELL_SANDBOX_NAMESPACE");
  }
}
