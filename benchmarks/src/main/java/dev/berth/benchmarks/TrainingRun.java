package dev.berth.benchmarks;

import dev.berth.grpc.DriverConnection;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DeleteSandboxRequest;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.GetCapabilitiesRequest;
import dev.berth.grpc.proto.GetSandboxRequest;
import dev.berth.grpc.proto.ListSandboxesRequest;
import dev.berth.grpc.proto.ValidateSandboxCreateRequest;
import dev.berth.grpc.proto.WatchSandboxesEvent;
import dev.berth.grpc.proto.WatchSandboxesRequest;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The training run behind the runtime's class archive (AppCDS on Java 17, the AOT cache on Java
 * 25): starts a throw-away mock API ({@link MockApi}), runs {@code berth serve} against it as a
 * child process with the given java command (which carries the option that writes the archive at
 * exit), makes the calls a gateway makes (capabilities, health, validate, create, get, list, watch,
 * delete, a rejected create), then stops it with SIGTERM so the JVM exits normally and writes the
 * archive. Exits non-zero when serve fails or does not exit 0.
 *
 * <pre>
 * java -cp benchmarks.jar dev.berth.benchmarks.TrainingRun [--rounds 20] -- \
 *     JAVA -XX:AOTCacheOutput=berth.aot -jar berth.jar
 * </pre>
 */
public final class TrainingRun {

  private TrainingRun() {}

  public static void main(String[] args) throws Exception {
    int split = Arrays.asList(args).indexOf("--");
    if (split < 0 || split + 1 >= args.length) {
      System.err.println("usage: TrainingRun [--rounds N] -- JAVA [OPTIONS] -jar JAR");
      System.exit(2);
    }
    int rounds = 20;
    if (split == 2 && args[0].equals("--rounds")) {
      rounds = Integer.parseInt(args[1]);
    }
    List<String> java = List.of(args).subList(split + 1, args.length);
    CreateBenchmarkSetup.configureLogging(null);
    Path dir = Files.createTempDirectory("berth-training");
    try (MockApi api = MockApi.start(false)) {
      int exit = run(java, api.writeKubeconfig(dir.resolve("kubeconfig")), dir, rounds);
      System.exit(exit);
    } finally {
      CreateBenchmarkSetup.deleteTree(dir);
    }
  }

  private static int run(List<String> java, Path kubeconfig, Path dir, int rounds)
      throws Exception {
    Path socket = dir.resolve("run/driver.sock");
    Process serve = ServeProcess.builder(java, kubeconfig, socket).inheritIO().start();
    try {
      if (!ServeProcess.awaitSocket(serve, socket, 120)) {
        System.err.println("TrainingRun: berth serve did not start");
        return 1;
      }
      try (DriverConnection connection = DriverConnection.unixSocket(socket)) {
        exercise(connection, rounds);
      }
      serve.destroy();
      if (!serve.waitFor(300, TimeUnit.SECONDS)) {
        System.err.println("TrainingRun: berth serve did not exit after SIGTERM");
        return 1;
      }
      System.err.printf(
          Locale.ROOT, "TrainingRun: %d rounds, serve exited %d%n", rounds, serve.exitValue());
      return serve.exitValue();
    } finally {
      serve.destroyForcibly();
    }
  }

  /** What a gateway does with a driver, a few times over. */
  private static void exercise(DriverConnection connection, int rounds) throws Exception {
    ComputeDriverGrpc.ComputeDriverBlockingStub driver =
        ComputeDriverGrpc.newBlockingStub(connection.channel())
            .withWaitForReady()
            .withDeadlineAfter(120, TimeUnit.SECONDS);
    driver.getCapabilities(GetCapabilitiesRequest.getDefaultInstance());
    HealthGrpc.newBlockingStub(connection.channel())
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance());
    Context.CancellableContext watch = Context.current().withCancellation();
    Iterator<WatchSandboxesEvent> events =
        watch.call(() -> driver.watchSandboxes(WatchSandboxesRequest.getDefaultInstance()));
    for (int i = 0; i < rounds; i++) {
      String id = String.format(Locale.ROOT, "train-%03d", i);
      DriverSandbox sandbox = CreateSandboxBenchmark.request(id, "sb-" + id);
      driver.validateSandboxCreate(
          ValidateSandboxCreateRequest.newBuilder().setSandbox(sandbox).build());
      driver.createSandbox(CreateSandboxRequest.newBuilder().setSandbox(sandbox).build());
      driver.getSandbox(GetSandboxRequest.newBuilder().setSandboxId(id).build());
      driver.listSandboxes(ListSandboxesRequest.getDefaultInstance());
      events.next();
    }
    for (int i = 0; i < rounds; i++) {
      driver.deleteSandbox(
          DeleteSandboxRequest.newBuilder()
              .setSandboxId(String.format(Locale.ROOT, "train-%03d", i))
              .build());
    }
    DriverSandbox invalid =
        CreateSandboxBenchmark.request("train-bad", "sb-train-bad").toBuilder().setName("").build();
    try {
      driver.createSandbox(CreateSandboxRequest.newBuilder().setSandbox(invalid).build());
      throw new IllegalStateException("serve accepted a sandbox without a name");
    } catch (StatusRuntimeException expected) {
      // the violation path (StatusMapping, BadRequest details) is part of the training
    }
    watch.cancel(null);
  }
}
