package dev.berth.settings;

import dev.berth.naming.ContainerPaths;
import dev.berth.naming.ManagedNames;
import dev.berth.result.Result;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How the supervisor in each sandbox reaches the gateway and proves who it is. */
public final class GatewaySettings {

  private GatewaySettings() {}

  public static final Setting<String> GRPC_ENDPOINT =
      new Setting<>(
          "grpc_endpoint",
          "OPENSHELL_GRPC_ENDPOINT",
          "--grpc-endpoint",
          "URL",
          "",
          "Gateway URL that the supervisor in each sandbox connects back to, such as"
              + " 'https://openshell.openshell.svc:8080'.",
          SettingGroup.GATEWAY,
          s -> s.isEmpty() ? Parsed.value("") : Parsers.endpointUrl().parse(s));

  public static final Setting<String> SSH_SOCKET_PATH =
      new Setting<>(
          "ssh_socket_path",
          "OPENSHELL_SANDBOX_SSH_SOCKET_PATH",
          "--sandbox-ssh-socket-path",
          "path",
          "/run/openshell/ssh.sock",
          "Path of the supervisor's SSH socket inside the sandbox.",
          SettingGroup.GATEWAY,
          Parsers.socketPath());

  public static final Setting<Optional<String>> CLIENT_TLS_SECRET_NAME =
      new Setting<>(
          "client_tls_secret_name",
          "OPENSHELL_CLIENT_TLS_SECRET_NAME",
          "--client-tls-secret-name",
          "string",
          "",
          "Secret with the mTLS client certificate that sandboxes present to the gateway; unset"
              + " mounts none.",
          SettingGroup.GATEWAY,
          Parsers.optional(Parsers.dnsSubdomain()));

  public static final Setting<Optional<String>> HOST_GATEWAY_IP =
      new Setting<>(
          "host_gateway_ip",
          "OPENSHELL_HOST_GATEWAY_IP",
          "--host-gateway-ip",
          "IP address",
          "",
          "Address that 'host.docker.internal' and 'host.openshell.internal' resolve to inside"
              + " sandboxes (a hostAliases entry); unset adds none.",
          SettingGroup.GATEWAY,
          Parsers.optional(Parsers.ip()));

  public static final Setting<Long> SA_TOKEN_TTL_SECS =
      new Setting<>(
          "sa_token_ttl_secs",
          "OPENSHELL_K8S_SA_TOKEN_TTL_SECS",
          "--sa-token-ttl-secs",
          "integer (seconds)",
          Long.toString(ManagedNames.SA_TOKEN_TTL_DEFAULT),
          "Lifetime of the projected ServiceAccount token used once for the bootstrap exchange."
              + " As upstream, 0 or less means 3600 and other values are clamped to 600-86400.",
          SettingGroup.GATEWAY,
          Parsers.anyWholeNumber("use a whole number of seconds, such as '3600'"));

  public static final Setting<Optional<String>> SPIFFE_WORKLOAD_API_SOCKET =
      new Setting<>(
          "provider_spiffe_workload_api_socket_path",
          "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET",
          "--provider-spiffe-workload-api-socket-path",
          "path",
          "",
          "SPIFFE Workload API socket mounted into sandboxes for provider token grants, in a"
              + " directory of its own; unset disables them.",
          SettingGroup.GATEWAY,
          Parsers.optional(
              s ->
                  Parsers.socketPath()
                      .parse(s)
                      .flatMap(
                          path ->
                              ContainerPaths.parent(path).equals("/")
                                  ? Parsed.problem(
                                      "the whole directory is mounted, so put the socket in a"
                                          + " directory of its own, such as"
                                          + " '/run/spire/sockets/agent.sock'")
                                  : Parsed.value(path))));

  public static final Setting<Boolean> TELEMETRY_ENABLED =
      new Setting<>(
          "telemetry_enabled",
          "OPENSHELL_TELEMETRY_ENABLED",
          "--telemetry-enabled",
          "boolean",
          "true",
          "Whether sandbox supervisors send anonymous usage telemetry; passed to every sandbox"
              + " pod. Takes upstream's spellings: true, false, 1, 0, yes, no, on, off. Upstream"
              + " reads only the environment variable; the flag is Berth's.",
          SettingGroup.GATEWAY,
          GatewaySettings::telemetry);

  // Upstream treats 0/false/no/off as off and anything else as on; Berth refuses anything else
  // so that a typo cannot silently turn telemetry on.
  private static Result<Boolean> telemetry(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> Parsed.value(true);
      case "false", "0", "no", "off" -> Parsed.value(false);
      default -> Parsed.problem("use 'true' or 'false'");
    };
  }

  static final List<Setting<?>> ALL =
      List.of(
          GRPC_ENDPOINT,
          SSH_SOCKET_PATH,
          CLIENT_TLS_SECRET_NAME,
          HOST_GATEWAY_IP,
          SA_TOKEN_TTL_SECS,
          SPIFFE_WORKLOAD_API_SOCKET,
          TELEMETRY_ENABLED);
}
