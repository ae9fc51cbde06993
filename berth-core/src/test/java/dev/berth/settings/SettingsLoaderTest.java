package dev.berth.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.naming.Generation;
import dev.berth.result.Result;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Loading single settings: defaults, one accepted and one refused value per setting. */
class SettingsLoaderTest {

  static Result<DriverSettings> load(String... envAndValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < envAndValues.length; i += 2) {
      env.put(envAndValues[i], envAndValues[i + 1]);
    }
    return SettingsLoader.load(env);
  }

  @Test
  void defaultsLoadWithoutViolations() {
    DriverSettings expected =
        new DriverSettings(
            new DriverSettings.Serving(
                Optional.empty(),
                "127.0.0.1:50061",
                "info",
                LogFormat.TEXT,
                Optional.empty(),
                Optional.empty()),
            new DriverSettings.Cluster(
                WorkspaceMode.SHARED,
                "openshell",
                "default",
                "default",
                new DriverSettings.ManagedSshIngress(false, Optional.empty(), Map.of()),
                Optional.empty()),
            new DriverSettings.Images(
                "ghcr.io/nvidia/openshell-community/sandboxes/base:latest",
                Optional.empty(),
                List.of(),
                "ghcr.io/nvidia/openshell/supervisor:0.1.2",
                Optional.empty(),
                SideloadMethod.IMAGE_VOLUME),
            new DriverSettings.Supervisor(
                Topology.COMBINED,
                1337,
                true,
                new DriverSettings.UpstreamProxy(
                    Optional.empty(), Optional.empty(), Optional.empty(), false, false)),
            new DriverSettings.Isolation(
                "ghcr.io/nvidia/openshell/sandbox-runtime:0.1.2",
                Optional.empty(),
                5500,
                Optional.empty()),
            new DriverSettings.PodIdentity(
                false, Optional.empty(), OptionalLong.empty(), OptionalLong.empty()),
            new DriverSettings.Gateway(
                "",
                "/run/openshell/ssh.sock",
                Optional.empty(),
                Optional.empty(),
                3600,
                Optional.empty(),
                true),
            new DriverSettings.Workspace("2Gi", Optional.empty(), Optional.empty()),
            new DriverSettings.Contract(
                Optional.empty(), AdmissionConfig.UNSET, RequestLimits.GATEWAY));

    Result<DriverSettings> outcome = SettingsLoader.load(Map.of());

    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.orElseThrow()).isEqualTo(expected);
    assertThat(DriverSettings.defaults()).isEqualTo(expected);
  }

  @Test
  void defaultsMatchTheDeclaredDefaults() {
    Map<String, String> declared = new HashMap<>();
    Settings.ALL.forEach(s -> declared.put(s.env(), s.defaultValue()));
    assertThat(SettingsLoader.load(declared).orElseThrow()).isEqualTo(DriverSettings.defaults());
  }

  @Test
  void valuesAreTrimmedAndBlankMeansDefault() {
    DriverSettings s =
        load("OPENSHELL_K8S_TOPOLOGY", "  sidecar\n", "OPENSHELL_SANDBOX_NAMESPACE", "   ")
            .orElseThrow();
    assertThat(s.supervisor().topology()).isEqualTo(Topology.SIDECAR);
    assertThat(s.cluster().sandboxNamespace()).isEqualTo("default");
  }

  @Test
  void unknownVariablesAreIgnored() {
    assertThat(load("PATH", "/usr/bin", "OPENSHELL_NOT_A_SETTING", "x").violations()).isEmpty();
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        good(
            "OPENSHELL_COMPUTE_DRIVER_SOCKET",
            "/run/berth/driver.sock",
            s -> s.serving().bindSocket(),
            Optional.of("/run/berth/driver.sock")),
        good(
            "OPENSHELL_COMPUTE_DRIVER_BIND",
            "[::]:50061",
            s -> s.serving().bindAddress(),
            "[::]:50061"),
        good("OPENSHELL_LOG_LEVEL", "DEBUG", s -> s.serving().logLevel(), "debug"),
        good("OPENSHELL_LOG_FORMAT", "json", s -> s.serving().logFormat(), LogFormat.JSON),
        good(
            "OPENSHELL_METRICS_ADDRESS",
            "0.0.0.0:9090",
            s -> s.serving().metricsAddress(),
            Optional.of("0.0.0.0:9090")),
        good(
            "OPENSHELL_HEALTH_ADDRESS",
            "0.0.0.0:8091",
            s -> s.serving().healthAddress(),
            Optional.of("0.0.0.0:8091")),
        good(
            "OPENSHELL_WORKSPACE_MODE",
            "managed",
            s -> s.cluster().workspaceMode(),
            WorkspaceMode.MANAGED),
        good("OPENSHELL_GATEWAY_ID", "Prod_GW.1", s -> s.cluster().gatewayId(), "Prod_GW.1"),
        good(
            "OPENSHELL_SANDBOX_NAMESPACE",
            "sandboxes",
            s -> s.cluster().sandboxNamespace(),
            "sandboxes"),
        good(
            "OPENSHELL_K8S_SANDBOX_SERVICE_ACCOUNT",
            "openshell.sandbox",
            s -> s.cluster().serviceAccountName(),
            "openshell.sandbox"),
        good(
            "OPENSHELL_MANAGED_SSH_INGRESS_ENABLED",
            "TRUE",
            s -> s.cluster().managedSshIngress().enabled(),
            true),
        good(
            "OPENSHELL_MANAGED_SSH_GATEWAY_NAMESPACE",
            "openshell",
            s -> s.cluster().managedSshIngress().gatewayNamespace(),
            Optional.of("openshell")),
        good(
            "OPENSHELL_MANAGED_SSH_GATEWAY_POD_SELECTOR",
            "b=2, app.kubernetes.io/name=openshell",
            s -> List.copyOf(s.cluster().managedSshIngress().gatewayPodSelector().entrySet()),
            List.of(Map.entry("app.kubernetes.io/name", "openshell"), Map.entry("b", "2"))),
        good(
            "OPENSHELL_SANDBOX_SCC_CLUSTER_ROLE",
            "openshell-berth-sandbox-combined",
            s -> s.cluster().sandboxSccClusterRole(),
            Optional.of("openshell-berth-sandbox-combined")),
        good(
            "OPENSHELL_SANDBOX_IMAGE",
            "registry.example.com:5000/team/agent:1.2",
            s -> s.images().sandboxImage(),
            "registry.example.com:5000/team/agent:1.2"),
        good(
            "OPENSHELL_SANDBOX_IMAGE_PULL_POLICY",
            "IfNotPresent",
            s -> s.images().sandboxImagePullPolicy(),
            Optional.of(PullPolicy.IF_NOT_PRESENT)),
        good(
            "OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS",
            "regcred, mirror.creds",
            s -> s.images().imagePullSecrets(),
            List.of("regcred", "mirror.creds")),
        good(
            "OPENSHELL_SUPERVISOR_IMAGE",
            "ghcr.io/nvidia/openshell/supervisor:0.1.3",
            s -> s.images().supervisorImage(),
            "ghcr.io/nvidia/openshell/supervisor:0.1.3"),
        good(
            "OPENSHELL_SUPERVISOR_IMAGE_PULL_POLICY",
            "Always",
            s -> s.images().supervisorImagePullPolicy(),
            Optional.of(PullPolicy.ALWAYS)),
        good(
            "OPENSHELL_SANDBOX_RUNTIME_IMAGE",
            "ghcr.io/nvidia/openshell/sandbox-runtime:0.1.3",
            s -> s.isolation().sandboxRuntimeImage(),
            "ghcr.io/nvidia/openshell/sandbox-runtime:0.1.3"),
        good(
            "OPENSHELL_SANDBOX_RUNTIME_IMAGE_PULL_POLICY",
            "IfNotPresent",
            s -> s.isolation().sandboxRuntimeImagePullPolicy(),
            Optional.of(PullPolicy.IF_NOT_PRESENT)),
        good(
            "OPENSHELL_K8S_SANDBOX_RUNTIME_BOUNDARY_PORT",
            "5600",
            s -> s.isolation().boundaryPort(),
            5600),
        good(
            "OPENSHELL_UPSTREAM_PROXY_CA_BUNDLE",
            "/etc/openshell/proxy-ca.pem",
            s -> s.isolation().proxyCaBundle(),
            Optional.of("/etc/openshell/proxy-ca.pem")),
        good("OPENSHELL_OTLP_ENDPOINT", "", s -> s.isolation().boundaryPort(), 5500),
        good("OPENSHELL_GATEWAY_NAME", "", s -> s.isolation().boundaryPort(), 5500),
        good("OPENSHELL_OPERATOR_NAMESPACE_LABEL", "", s -> s.isolation().boundaryPort(), 5500),
        good("OPENSHELL_OPERATOR_NAMESPACE_FILE", "", s -> s.isolation().boundaryPort(), 5500),
        good(
            "OPENSHELL_SUPERVISOR_SIDELOAD_METHOD",
            "init-container",
            s -> s.images().sideloadMethod(),
            SideloadMethod.INIT_CONTAINER),
        good("OPENSHELL_K8S_TOPOLOGY", "sidecar", s -> s.supervisor().topology(), Topology.SIDECAR),
        good(
            "OPENSHELL_K8S_SIDECAR_PROXY_UID",
            "4294967294",
            s -> s.supervisor().sidecarProxyUid(),
            4294967294L),
        good(
            "OPENSHELL_K8S_SIDECAR_PROCESS_BINARY_AWARE_NETWORK_POLICY",
            "0",
            s -> s.supervisor().binaryAwareNetworkPolicy(),
            false),
        good(
            "OPENSHELL_UPSTREAM_PROXY",
            "http://proxy.corp:3128",
            s -> s.supervisor().proxy().httpsProxy(),
            Optional.of("http://proxy.corp:3128")),
        good(
            "OPENSHELL_ENABLE_USER_NAMESPACES",
            "1",
            s -> s.podIdentity().enableUserNamespaces(),
            true),
        good(
            "OPENSHELL_K8S_APP_ARMOR_PROFILE",
            "Localhost/openshell",
            s -> s.podIdentity().appArmorProfile(),
            AppArmorChoice.parse("Localhost/openshell")),
        good(
            "OPENSHELL_K8S_SANDBOX_UID",
            "1000650000",
            s -> s.podIdentity().sandboxUid(),
            OptionalLong.of(1000650000)),
        good(
            "OPENSHELL_K8S_SANDBOX_GID",
            "1",
            s -> s.podIdentity().sandboxGid(),
            OptionalLong.of(1)),
        good(
            "OPENSHELL_K8S_WORKSPACE_DEFAULT_STORAGE_SIZE",
            "500Mi",
            s -> s.workspace().defaultStorageSize(),
            "500Mi"),
        good(
            "OPENSHELL_K8S_WORKSPACE_STORAGE_CLASS",
            "fast-ssd",
            s -> s.workspace().storageClass(),
            Optional.of("fast-ssd")),
        good(
            "OPENSHELL_K8S_DEFAULT_RUNTIME_CLASS_NAME",
            "gvisor",
            s -> s.workspace().defaultRuntimeClassName(),
            Optional.of("gvisor")),
        good(
            "OPENSHELL_GRPC_ENDPOINT",
            "https://openshell.openshell.svc:8080",
            s -> s.gateway().grpcEndpoint(),
            "https://openshell.openshell.svc:8080"),
        good(
            "OPENSHELL_SANDBOX_SSH_SOCKET_PATH",
            "/run/openshell/sshd.sock",
            s -> s.gateway().sshSocketPath(),
            "/run/openshell/sshd.sock"),
        good(
            "OPENSHELL_CLIENT_TLS_SECRET_NAME",
            "openshell-client-tls",
            s -> s.gateway().clientTlsSecretName(),
            Optional.of("openshell-client-tls")),
        good(
            "OPENSHELL_HOST_GATEWAY_IP",
            "fd00::1",
            s -> s.gateway().hostGatewayIp(),
            Optional.of("fd00::1")),
        good("OPENSHELL_K8S_SA_TOKEN_TTL_SECS", "-5", s -> s.gateway().saTokenTtlSecs(), -5L),
        good(
            "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET",
            "/run/spire/sockets/agent.sock",
            s -> s.gateway().spiffeWorkloadApiSocket(),
            Optional.of("/run/spire/sockets/agent.sock")),
        good("OPENSHELL_TELEMETRY_ENABLED", "off", s -> s.gateway().telemetryEnabled(), false),
        good(
            "OPENSHELL_GATEWAY_GENERATION",
            "g3",
            s -> s.contract().pinnedGeneration(),
            Optional.of(Generation.G3)),
        good(
            "OPENSHELL_ALLOW_DRIVER_CONFIG",
            "TRUE",
            s -> s.contract().admission().allowDriverConfig(),
            Optional.of(true)),
        good(
            "OPENSHELL_RESOURCE_ADMISSION_ENABLED",
            "0",
            s -> s.contract().admission().enabled(),
            Optional.of(false)),
        good(
            "OPENSHELL_RESOURCE_ADMISSION_REQUIRED_LABELS",
            " team.example/ws = ${workspace} ,team.example/approved=yes",
            s -> s.contract().admission().requiredLabels(),
            Optional.of(
                new TreeMap<>(
                    Map.of("team.example/approved", "yes", "team.example/ws", "${workspace}")))),
        good(
            "OPENSHELL_DRIVER_ADMISSION_CONFIG_JSON",
            "{\"allow_driver_config\":true,\"resource_admission\":{\"enabled\":false,"
                + "\"required_labels\":{}}}",
            s -> s.contract().admission(),
            new AdmissionConfig(
                Optional.of(true), Optional.of(false), Optional.of(new TreeMap<>()))),
        good(
            "OPENSHELL_MAX_ENVIRONMENT_ENTRIES",
            "512",
            s -> s.contract().limits().environmentEntries(),
            512L),
        good(
            "OPENSHELL_MAX_MAP_KEY_BYTES", "1024", s -> s.contract().limits().mapKeyBytes(), 1024L),
        good(
            "OPENSHELL_MAX_MAP_VALUE_BYTES",
            "65536",
            s -> s.contract().limits().mapValueBytes(),
            65536L),
        good(
            "OPENSHELL_MAX_ENVIRONMENT_BYTES",
            "524288",
            s -> s.contract().limits().environmentBytes(),
            524288L),
        good(
            "OPENSHELL_MAX_TEMPLATE_STRUCT_BYTES",
            "131072",
            s -> s.contract().limits().templateStructBytes(),
            131072L));
  }

  private static Arguments good(
      String env, String value, Function<DriverSettings, Object> read, Object expected) {
    return arguments(env, value, read, expected);
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("accepted")
  void acceptsAGoodValue(
      String env, String value, Function<DriverSettings, Object> read, Object expected) {
    Result<DriverSettings> outcome = load(env, value);
    assertThat(outcome.violations()).isEmpty();
    assertThat(read.apply(outcome.orElseThrow())).isEqualTo(expected);
  }

  @Test
  void everySettingHasAnAcceptedValueCase() {
    List<Object> covered = accepted().map(a -> a.get()[0]).toList();
    List<String> coveredElsewhere =
        List.of(
            "OPENSHELL_UPSTREAM_NO_PROXY",
            "OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_NAME",
            "OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY",
            "OPENSHELL_UPSTREAM_PROXY_AUTH_ALLOW_INSECURE",
            "OPENSHELL_UPSTREAM_PROXY_CONNECT_BY_HOSTNAME");
    for (Setting<?> s : Settings.ALL) {
      assertThat(covered.contains(s.env()) || coveredElsewhere.contains(s.env()))
          .as(s.env())
          .isTrue();
    }
  }
}
