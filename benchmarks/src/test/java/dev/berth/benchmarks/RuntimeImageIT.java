package dev.berth.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.grpc.DriverConnection;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DeleteSandboxRequest;
import dev.berth.grpc.proto.GetCapabilitiesRequest;
import dev.berth.grpc.proto.ListSandboxesRequest;
import dev.berth.kubernetes.KubernetesClients;
import dev.berth.naming.ManagedNames;
import dev.berth.plan.SandboxApiVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime the image ships, built here by {@code deploy/image/build-runtime.sh} (once per verify
 * run; the script skips an up-to-date build): {@code berth serve} starts from the jlink'd runtime
 * with its class archive required, against a mock API server over TLS, serves calls and metrics,
 * and stops cleanly on SIGTERM. A missing module (TLS, the metrics server, JVM metrics) or an
 * archive the JVM cannot use fails here.
 */
class RuntimeImageIT {

  static final Path REPO = Path.of("").toAbsolutePath().getParent();
  static final Path RUNTIME = REPO.resolve("deploy/image/target/berth");

  @TempDir Path tmp;

  @BeforeAll
  static void buildRuntime() throws Exception {
    Process build =
        new ProcessBuilder(REPO.resolve("deploy/image/build-runtime.sh").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(build.waitFor(15, TimeUnit.MINUTES)).isTrue();
    System.out.print(output);
    assertThat(build.exitValue()).as(output).isZero();
  }

  /** The runtime's java with the image's options, the archive required rather than optional. */
  static List<String> java() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(RUNTIME.resolve("jre/bin/java").toString());
    command.add("@" + RUNTIME.resolve("serve.jvmopts"));
    command.add("@" + RUNTIME.resolve("berth.jvmopts"));
    boolean aot = Files.readString(RUNTIME.resolve("berth.jvmopts")).contains("-XX:AOTCache=");
    command.add(aot ? "-XX:AOTMode=on" : "-Xshare:on");
    command.add("-jar");
    command.add(RUNTIME.resolve("berth.jar").toString());
    return command;
  }

  @Test
  void theRuntimeHoldsOnlyTheModulesBerthNeeds() throws Exception {
    Process list =
        new ProcessBuilder(RUNTIME.resolve("jre/bin/java").toString(), "--list-modules").start();
    String modules = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(list.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(modules)
        .contains("java.net.http@", "jdk.httpserver@", "jdk.management@", "jdk.unsupported@")
        .doesNotContain("jdk.compiler@", "jdk.jshell@", "java.rmi@", "jdk.jlink@");
  }

  @Test
  void servesFromTheRuntimeAgainstTheApiOverTlsAndStopsOnSigterm() throws Exception {
    try (MockApi api = MockApi.start(true)) {
      assertThat(api.url()).startsWith("https://");
      Path socket = tmp.resolve("run/driver.sock");
      Path log = tmp.resolve("serve.log");
      int metricsPort = freePort();
      ProcessBuilder pb =
          ServeProcess.builder(java(), api.writeKubeconfig(tmp.resolve("kubeconfig")), socket)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.command().addAll(List.of("--metrics-address", "127.0.0.1:" + metricsPort));
      Process serve = pb.start();
      try {
        ServeProcess.awaitSocket(serve, socket, 60);
        assertThat(socket).as(Files.readString(log)).exists();
        // Netty's epoll library is mapped from the runtime, not unpacked into a temporary
        // directory (which a read-only root file system would not allow).
        assertThat(Files.readString(Path.of("/proc", Long.toString(serve.pid()), "maps")))
            .contains(
                RUNTIME.resolve("native") + "/libio_grpc_netty_shaded_netty_transport_native_");
        try (DriverConnection connection = DriverConnection.unixSocket(socket)) {
          ComputeDriverGrpc.ComputeDriverBlockingStub driver =
              ComputeDriverGrpc.newBlockingStub(connection.channel())
                  .withDeadlineAfter(60, TimeUnit.SECONDS);
          assertThat(
                  driver
                      .getCapabilities(GetCapabilitiesRequest.getDefaultInstance())
                      .getDriverName())
              .isNotBlank();
          driver.createSandbox(
              CreateSandboxRequest.newBuilder()
                  .setSandbox(CreateSandboxBenchmark.request("rt-1", "sb-rt-1"))
                  .build());
          assertThat(
                  api.admin()
                      .genericKubernetesResources(
                          KubernetesClients.sandboxes(SandboxApiVersion.values()[0]))
                      .inNamespace(MockApi.NAMESPACE)
                      .withLabel(ManagedNames.LABEL_SANDBOX_ID, "rt-1")
                      .list()
                      .getItems())
              .hasSize(1);
          assertThat(
                  driver
                      .listSandboxes(ListSandboxesRequest.getDefaultInstance())
                      .getSandboxesList())
              .extracting(s -> s.getId())
              .contains("rt-1");
          driver.deleteSandbox(DeleteSandboxRequest.newBuilder().setSandboxId("rt-1").build());
        }
        HttpResponse<String> metrics =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
            .contains("jvm_memory_used_bytes", "berth_grpc_server_calls_total");

        serve.destroy();
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(serve.exitValue()).as(Files.readString(log)).isZero();
        assertThat(socket).doesNotExist();
        assertThat(Files.readString(log))
            .contains("started in ")
            .doesNotContain("ERROR", "Exception");
      } finally {
        serve.destroyForcibly();
      }
    }
  }

  @Test
  void theStartupBenchmarkMeasuresTheRuntimeAndItsFloor() throws Exception {
    String runtime = String.join(" ", java());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StartupBenchmark.Results results;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      results =
          StartupBenchmark.run(
              StartupBenchmark.Options.parse(
                  "--runs", "1", "--idle", "0.5", "--variant", "runtime=" + runtime),
              out);
    }
    StartupBenchmark.Run serve = results.serve().get("runtime").get(0);
    StartupBenchmark.Run floor = results.floor().get("runtime").get(0);
    assertThat(serve.exit()).isZero();
    assertThat(serve.startup()).startsWith(StartupBenchmark.STARTED_IN).contains("gRPC server");
    assertThat(serve.startMillis()).isGreaterThan(floor.startMillis());
    assertThat(serve.memory().rssKib()).isGreaterThan(floor.memory().rssKib());
    assertThat(serve.memory().heapUsedKib()).isPositive();
    assertThat(serve.memory().heapCommittedKib())
        .isGreaterThanOrEqualTo(serve.memory().heapUsedKib());
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("| runtime | ");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
