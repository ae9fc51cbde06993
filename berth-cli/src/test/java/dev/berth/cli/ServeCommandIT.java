package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.grpc.DriverConnection;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.GetCapabilitiesRequest;
import dev.berth.grpc.testing.FakeBackend;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth serve} in this JVM with a fake cluster, stopped by a real SIGTERM sent to this
 * process: the command takes the signal over, drains, removes its socket and returns 0.
 */
class ServeCommandIT {

  @TempDir Path tmp;

  private static CompletableFuture<CliRun> serve(BackendFactory backends, String... args) {
    return CompletableFuture.supplyAsync(
        () -> CliRun.execute(BerthCommand.commandLine(Map.of(), backends), args));
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void servesOnTheSocketWithMetricsAndExitsZeroOnSigterm() throws Exception {
    Path socket = tmp.resolve("run/driver.sock");
    int metricsPort = freePort();
    CompletableFuture<CliRun> serve =
        serve(
            context -> new FakeBackend(),
            "serve",
            "--bind-socket",
            socket.toString(),
            "--metrics-address",
            "127.0.0.1:" + metricsPort,
            "--sandbox-image",
            "ghcr.io/example/default:1",
            "--log-format",
            "json");

    try (DriverConnection connection = DriverConnection.unixSocket(socket)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () ->
                  HealthGrpc.newBlockingStub(connection.channel())
                          .check(HealthCheckRequest.getDefaultInstance())
                          .getStatus()
                      == ServingStatus.SERVING);
      assertThat(
              ComputeDriverGrpc.newBlockingStub(connection.channel())
                  .getCapabilities(GetCapabilitiesRequest.getDefaultInstance())
                  .getDefaultImage())
          .isEqualTo("ghcr.io/example/default:1");
    }
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("berth_grpc_server_calls_total{code=\"OK\",method=\"GetCapabilities\"}")
        .contains("berth_grpc_server_watch_streams_open")
        .contains("berth_kubernetes_sandboxes_cached");

    Process kill =
        new ProcessBuilder("kill", "-TERM", Long.toString(ProcessHandle.current().pid()))
            .inheritIO()
            .start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

    CliRun run = serve.get(30, TimeUnit.SECONDS);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(socket).doesNotExist();
  }

  @Test
  void probesAnswerLiveDuringStartupAndReadyOnlyOnceServing() throws Exception {
    Path socket = tmp.resolve("driver.sock");
    int healthPort = freePort();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<CliRun> serve =
        serve(
            context -> {
              // A backend still syncing with the cluster.
              Awaitility.await()
                  .atMost(Duration.ofSeconds(30))
                  .until(() -> release.getCount() == 0);
              return new FakeBackend();
            },
            "serve",
            "--bind-socket",
            socket.toString(),
            "--health-address",
            "127.0.0.1:" + healthPort);

    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> get(healthPort, "/healthz").statusCode() == 200);
    assertThat(get(healthPort, "/readyz").statusCode()).isEqualTo(503);
    assertThat(get(healthPort, "/metrics").statusCode()).isEqualTo(404);

    release.countDown();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get(healthPort, "/readyz").statusCode() == 200);
    assertThat(get(healthPort, "/readyz").body()).isEqualTo("ready\n");

    Process kill =
        new ProcessBuilder("kill", "-TERM", Long.toString(ProcessHandle.current().pid()))
            .inheritIO()
            .start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(serve.get(30, TimeUnit.SECONDS).exit()).isZero();
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void invalidSettingsExitTwoWithTheViolation() throws Exception {
    CliRun run = serve(context -> new FakeBackend(), "serve", "--workspace-mode", "bogus").get();

    assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.out()).contains("OPENSHELL_WORKSPACE_MODE");
  }

  @Test
  void anUnreadableKubeconfigRefusesStartupWithASentence() throws Exception {
    Path missing = tmp.resolve("no-such-kubeconfig");
    CliRun run =
        serve(
                BackendFactory.DEFAULT,
                "serve",
                "--kubeconfig",
                missing.toString(),
                "--bind-socket",
                tmp.resolve("d.sock").toString())
            .get();

    assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err())
        .startsWith("berth serve: ")
        .contains("kubeconfig '" + missing + "' does not exist");
    assertThat(tmp.resolve("d.sock")).doesNotExist();
  }

  @Test
  void aRegularFileAtTheSocketPathRefusesStartup() throws Exception {
    Path socket = Files.writeString(tmp.resolve("driver.sock"), "x");

    CliRun run =
        serve(context -> new FakeBackend(), "serve", "--bind-socket", socket.toString()).get();

    assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err())
        .contains("driver socket path '" + socket + "' exists but is not a Unix socket");
  }
}
