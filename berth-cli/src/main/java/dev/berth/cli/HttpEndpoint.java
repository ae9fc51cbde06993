package dev.berth.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.grpc.DriverServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A small HTTP server (the JDK's) for plain {@code GET} routes: Prometheus metrics and the
 * kubelet's health probes. One per address; a probe costs one short request on one pooled thread,
 * which is why the install uses HTTP probes rather than an exec probe that would start a JVM every
 * period (see docs/performance.md, "Install").
 */
final class HttpEndpoint implements AutoCloseable {

  /**
   * A route's answer.
   *
   * @param status the HTTP status
   * @param contentType the body's media type
   * @param body the body
   */
  record Reply(int status, String contentType, String body) {
    static Reply text(int status, String body) {
      return new Reply(status, "text/plain; charset=utf-8", body);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;

  private HttpEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * @param hostPort {@code host:port} or {@code [v6]:port}, already checked by the settings
   * @param routes exact paths and what they answer to {@code GET}
   */
  static HttpEndpoint start(String hostPort, Map<String, Supplier<Reply>> routes)
      throws IOException {
    HttpServer server = HttpServer.create(DriverServer.socketAddress(hostPort), 16);
    server.createContext("/", exchange -> answer(exchange, routes));
    // One thread: scrapes and probes are rare and short, and must not grow the thread count.
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "berth-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.start();
    return new HttpEndpoint(server, executor);
  }

  private static void answer(HttpExchange exchange, Map<String, Supplier<Reply>> routes)
      throws IOException {
    try (exchange) {
      Supplier<Reply> route = routes.get(exchange.getRequestURI().getPath());
      if (!"GET".equals(exchange.getRequestMethod()) || route == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      Reply reply = route.get();
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      exchange.sendResponseHeaders(reply.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
