package dev.berth.settings;

import java.util.List;
import java.util.Optional;

/** How the driver process listens and reports. */
public final class ServingSettings {

  private ServingSettings() {}

  static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error");

  public static final Setting<Optional<String>> BIND_SOCKET =
      new Setting<>(
          "bind_socket",
          "OPENSHELL_COMPUTE_DRIVER_SOCKET",
          "--bind-socket",
          "path",
          "",
          "Unix socket the gateway connects to. When set, the driver serves on this socket"
              + " instead of --bind-address and accepts only peers running as its own user.",
          SettingGroup.SERVING,
          Parsers.optional(Parsers.socketPath()));

  public static final Setting<String> BIND_ADDRESS =
      new Setting<>(
          "bind_address",
          "OPENSHELL_COMPUTE_DRIVER_BIND",
          "--bind-address",
          "host:port",
          "127.0.0.1:50061",
          "TCP address for gRPC when no socket is set. TCP has no peer authentication, so keep"
              + " it on loopback.",
          SettingGroup.SERVING,
          Parsers.hostPort("'127.0.0.1:50061' or '[::1]:50061'"));

  public static final Setting<String> LOG_LEVEL =
      new Setting<>(
          "log_level",
          "OPENSHELL_LOG_LEVEL",
          "--log-level",
          Parsers.enumType(LOG_LEVELS, s -> s),
          "info",
          "Least severe level that is logged; case-insensitive.",
          SettingGroup.SERVING,
          Parsers.choiceIgnoringCase(LOG_LEVELS, s -> s));

  public static final Setting<LogFormat> LOG_FORMAT =
      new Setting<>(
          "log_format",
          "OPENSHELL_LOG_FORMAT",
          "--log-format",
          Parsers.enumType(List.of(LogFormat.values()), LogFormat::value),
          LogFormat.TEXT.value(),
          "Berth only. Log lines as human-readable text or as one JSON object per line.",
          SettingGroup.SERVING,
          Parsers.choice(List.of(LogFormat.values()), LogFormat::value));

  public static final Setting<Optional<String>> METRICS_ADDRESS =
      new Setting<>(
          "metrics_address",
          "OPENSHELL_METRICS_ADDRESS",
          "--metrics-address",
          "host:port",
          "",
          "Berth only. Address of the Prometheus metrics endpoint; unset disables it.",
          SettingGroup.SERVING,
          Parsers.optional(Parsers.hostPort("'0.0.0.0:9090' or '[::]:9090'")));

  public static final Setting<Optional<String>> HEALTH_ADDRESS =
      new Setting<>(
          "health_address",
          "OPENSHELL_HEALTH_ADDRESS",
          "--health-address",
          "host:port",
          "",
          "Berth only. Address of the HTTP health endpoint for kubelet probes: GET /healthz"
              + " answers while the process runs, GET /readyz once the gRPC server serves and the"
              + " Kubernetes backend has synced. Unset disables it. The kubelet probes the pod IP,"
              + " so in a pod bind '0.0.0.0:<port>' (or '[::]:<port>' on IPv6), not loopback.",
          SettingGroup.SERVING,
          Parsers.optional(Parsers.hostPort("'0.0.0.0:8091' or '[::]:8091'")));

  static final List<Setting<?>> ALL =
      List.of(BIND_SOCKET, BIND_ADDRESS, LOG_LEVEL, LOG_FORMAT, METRICS_ADDRESS, HEALTH_ADDRESS);
}
