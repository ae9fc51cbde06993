package dev.berth.cli;

import dev.berth.settings.DriverSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP side of {@code berth serve}: metrics on {@code --metrics-address} and the kubelet's
 * probes on {@code --health-address}, one server per distinct address (both on one when the
 * addresses are equal). Readiness is set by the command once the gRPC server serves, and cleared as
 * soon as it starts draining.
 */
final class HttpEndpoints implements AutoCloseable {

  static final String METRICS = "/metrics";
  static final String LIVENESS = "/healthz";
  static final String READINESS = "/readyz";

  private final List<HttpEndpoint> servers;
  private volatile boolean ready;

  private HttpEndpoints(List<HttpEndpoint> servers) {
    this.servers = servers;
  }

  static HttpEndpoints start(DriverSettings.Serving serving, PrometheusMeterRegistry registry)
      throws IOException {
    List<HttpEndpoint> servers = new ArrayList<>();
    HttpEndpoints endpoints = new HttpEndpoints(servers);
    Map<String, Map<String, Supplier<HttpEndpoint.Reply>>> routes = new LinkedHashMap<>();
    serving
        .metricsAddress()
        .ifPresent(
            a ->
                routes
                    .computeIfAbsent(a, k -> new LinkedHashMap<>())
                    .put(
                        METRICS,
                        () ->
                            new HttpEndpoint.Reply(
                                200,
                                "text/plain; version=0.0.4; charset=utf-8",
                                registry.scrape())));
    serving
        .healthAddress()
        .ifPresent(
            a -> {
              Map<String, Supplier<HttpEndpoint.Reply>> health =
                  routes.computeIfAbsent(a, k -> new LinkedHashMap<>());
              health.put(LIVENESS, () -> HttpEndpoint.Reply.text(200, "ok\n"));
              health.put(
                  READINESS,
                  () ->
                      endpoints.ready
                          ? HttpEndpoint.Reply.text(200, "ready\n")
                          : HttpEndpoint.Reply.text(503, "not ready\n"));
            });
    try {
      for (var entry : routes.entrySet()) {
        try {
          servers.add(HttpEndpoint.start(entry.getKey(), entry.getValue()));
        } catch (IOException e) {
          throw new IOException(
              "cannot serve "
                  + String.join(", ", entry.getValue().keySet())
                  + " on "
                  + entry.getKey()
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
    } catch (IOException | RuntimeException e) {
      endpoints.close();
      throw e;
    }
    return endpoints;
  }

  /** Whether {@code /readyz} answers 200. */
  void ready(boolean ready) {
    this.ready = ready;
  }

  /** Where each route is served, for the startup log line; empty when none is. */
  static String describe(DriverSettings.Serving serving) {
    List<String> parts = new ArrayList<>();
    serving.metricsAddress().ifPresent(a -> parts.add("metrics on http://" + a + METRICS));
    serving
        .healthAddress()
        .ifPresent(a -> parts.add("probes on http://" + a + LIVENESS + " and " + READINESS));
    return parts.isEmpty() ? "" : ", " + String.join(", ", parts);
  }

  @Override
  public void close() {
    servers.forEach(HttpEndpoint::close);
  }
}
