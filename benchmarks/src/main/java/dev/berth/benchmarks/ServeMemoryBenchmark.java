package dev.berth.benchmarks;

import dev.berth.grpc.DriverConnection;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.GetCapabilitiesRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Memory of {@code berth serve} (a child process with serve's JVM options, against the CRUD mock)
 * over {@code --requests} mixed valid and invalid calls made one after another over its socket
 * ({@link MixedRequests}). Reports resident memory at start, after the warm-up ({@code --warmup}
 * calls), at every tenth of the run, its peak (VmHWM) and at the end, and the live heap after a
 * full collection after the warm-up and at the end. Targets: peak ≤ 256 MiB, end within 10 % of the
 * level after the warm-up.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.berth.benchmarks.ServeMemoryBenchmark \
 *     [--requests 100000] [--warmup 10000] [--seed 6] \
 *     [--serve 'java -XX:+UseSerialGC -Xms8m -Xmx256m -XX:TieredStopAtLevel=1 -jar berth-cli/target/berth.jar']
 * </pre>
 */
public final class ServeMemoryBenchmark {

  private ServeMemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int requests = 100_000;
    int warmup = 10_000;
    long seed = 6;
    String serve =
        "java -XX:+UseSerialGC -Xms8m -Xmx256m -XX:TieredStopAtLevel=1 -jar"
            + " berth-cli/target/berth.jar";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--requests" -> requests = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--serve" -> serve = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    CreateBenchmarkSetup.configureLogging(null);
    List<String> command = StartupVariant.parse("serve=" + serve).command();
    Path dir = Files.createTempDirectory("berth-memory");
    try (MockApi api = MockApi.start(false)) {
      run(
          System.out,
          command,
          api.writeKubeconfig(dir.resolve("kubeconfig")),
          dir,
          requests,
          warmup,
          seed);
    } finally {
      CreateBenchmarkSetup.deleteTree(dir);
    }
  }

  private static void run(
      PrintStream out,
      List<String> command,
      Path kubeconfig,
      Path dir,
      int requests,
      int warmup,
      long seed)
      throws Exception {
    Path socket = dir.resolve("run/driver.sock");
    Path log = dir.resolve("serve.log");
    Process serve =
        ServeProcess.builder(command, kubeconfig, socket)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!ServeProcess.awaitSocket(serve, socket, 300)) {
        throw new IllegalStateException("serve did not start:\n" + Files.readString(log));
      }
      long pid = serve.pid();
      out.printf(
          "berth serve memory: %d requests (%d warm-up), seed %d, load %s%n",
          requests, warmup, seed, CreateBenchmarkSetup.loadAverage());
      MixedRequests mix = new MixedRequests(seed);
      long afterWarmup = 0;
      long t0 = System.nanoTime();
      try (DriverConnection connection = DriverConnection.unixSocket(socket)) {
        ComputeDriverGrpc.ComputeDriverBlockingStub stub =
            ComputeDriverGrpc.newBlockingStub(connection.channel()).withWaitForReady();
        stub.getCapabilities(GetCapabilitiesRequest.getDefaultInstance());
        report(out, "start", pid, 0, t0);
        int tenth = Math.max(1, requests / 10);
        for (int i = 0; i < requests; i++) {
          mix.call(stub, i);
          int done = i + 1;
          if (done == warmup) {
            afterWarmup = report(out, "after warm-up", pid, done, t0);
            live(out, "after warm-up", pid);
          } else if (done % tenth == 0 || done == requests) {
            report(out, done == requests ? "end" : "progress", pid, done, t0);
          }
        }
        mix.cleanUp(stub);
      }
      ProcessMemory end = ProcessMemory.read(pid);
      live(out, "end", pid);
      out.printf(
          Locale.ROOT,
          "peak RSS %.1f MiB (target ≤ 256); end %.1f MiB = %.3f × after warm-up (target ≤ 1.10)"
              + "; load %s%n",
          end.peakRssKib() / 1024.0,
          end.rssKib() / 1024.0,
          afterWarmup == 0 ? Double.NaN : end.rssKib() / (double) afterWarmup,
          CreateBenchmarkSetup.loadAverage());
      out.println("created / deleted: " + mix.createdAndDeleted());
      out.println("answers by kind: " + mix.outcomes());
      if (!serve.isAlive()) {
        throw new IllegalStateException("serve died:\n" + Files.readString(log));
      }
    } finally {
      serve.destroy();
      if (!serve.waitFor(60, TimeUnit.SECONDS)) {
        serve.destroyForcibly();
      }
    }
  }

  /** Prints and returns the resident memory now. */
  private static long report(PrintStream out, String label, long pid, int done, long t0)
      throws IOException, InterruptedException {
    ProcessMemory m = ProcessMemory.read(pid);
    out.printf(
        Locale.ROOT,
        "%-14s %7d calls %6.0f s  RSS %.1f MiB (peak %.1f)  heap %.1f / %.1f MiB  load %s%n",
        label,
        done,
        (System.nanoTime() - t0) / 1e9,
        m.rssKib() / 1024.0,
        m.peakRssKib() / 1024.0,
        m.heapUsedKib() / 1024.0,
        m.heapCommittedKib() / 1024.0,
        CreateBenchmarkSetup.loadAverage());
    return m.rssKib();
  }

  private static void live(PrintStream out, String label, long pid)
      throws IOException, InterruptedException {
    ProcessMemory.jcmd(pid, "GC.run");
    ProcessMemory m = ProcessMemory.read(pid);
    out.printf(
        Locale.ROOT,
        "%-14s live heap after full GC %.1f MiB (RSS then %.1f MiB)%n",
        label,
        m.heapUsedKib() / 1024.0,
        m.rssKib() / 1024.0);
  }
}
