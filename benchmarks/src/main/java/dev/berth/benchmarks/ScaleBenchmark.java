package dev.berth.benchmarks;

import dev.berth.grpc.DriverConnection;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DeleteSandboxRequest;
import dev.berth.grpc.proto.GetSandboxRequest;
import dev.berth.grpc.proto.ListSandboxesRequest;
import dev.berth.grpc.proto.ListSandboxesResponse;
import dev.berth.grpc.proto.StartSandboxRequest;
import dev.berth.grpc.proto.StopSandboxRequest;
import dev.berth.settings.DriverSettings;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code berth serve} (a child process, serve's JVM options) against a CRUD mock seeded with {@code
 * --sandboxes} Sandboxes and their pods. Measures, with the load average beside each figure: time
 * to first SERVING and live heap with nothing cached and with everything cached (the difference per
 * sandbox is the cache's cost), GetSandbox and ListSandboxes latency over the socket while {@code
 * --watchers} WatchSandboxes streams are open, the List response's size, whether every watcher
 * receives each of {@code --changes} status changes, and the Kubernetes API requests of one sandbox
 * lifecycle (create, get ×10, list ×10, stop, start, delete).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.berth.benchmarks.ScaleBenchmark \
 *     [--sandboxes 10000] [--watchers 10] [--changes 1000] [--rounds 200] \
 *     [--serve 'java -XX:+UseSerialGC -Xms8m -Xmx256m -XX:TieredStopAtLevel=1 -jar berth-cli/target/berth.jar'] [--two-pod]
 * </pre>
 */
public final class ScaleBenchmark {

  private static final int GETS_PER_ROUND = 25;

  private ScaleBenchmark() {}

  record Started(Process process, double readyMillis, long liveKib) {}

  public static void main(String[] args) throws Exception {
    int sandboxes = 10_000;
    int watchers = 10;
    int changes = 1000;
    int rounds = 200;
    boolean twoPod = false;
    String serve =
        "java -XX:+UseSerialGC -Xms8m -Xmx256m -XX:TieredStopAtLevel=1 -jar"
            + " berth-cli/target/berth.jar";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sandboxes" -> sandboxes = Integer.parseInt(args[++i]);
        case "--watchers" -> watchers = Integer.parseInt(args[++i]);
        case "--changes" -> changes = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--serve" -> serve = args[++i];
        case "--two-pod" -> twoPod = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    CreateBenchmarkSetup.configureLogging(null);
    List<String> command = StartupVariant.parse("serve=" + serve).command();
    Path dir = Files.createTempDirectory("berth-scale");
    try {
      run(System.out, command, dir, sandboxes, watchers, changes, rounds, twoPod);
    } finally {
      CreateBenchmarkSetup.deleteTree(dir);
    }
  }

  private static void run(
      PrintStream out,
      List<String> command,
      Path dir,
      int sandboxes,
      int watcherCount,
      int changes,
      int rounds,
      boolean twoPod)
      throws Exception {
    CountingDispatcher store = new CountingDispatcher();
    DriverSettings settings =
        DriverSettings.fromMap(
                Map.of(
                    "OPENSHELL_SANDBOX_NAMESPACE",
                    MockApi.NAMESPACE,
                    "OPENSHELL_GRPC_ENDPOINT",
                    "https://openshell.openshell.svc:8080"))
            .orElseThrow();
    out.printf(
        "scale: %d %s sandboxes, load %s%n",
        sandboxes, twoPod ? "two-pod (G3)" : "single-pod", CreateBenchmarkSetup.loadAverage());
    try (MockApi api = MockApi.start(false, store);
        ScaleCluster cluster = new ScaleCluster(api)) {
      Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
      Started empty = start(command, kubeconfig, dir.resolve("empty"));
      stop(empty.process());
      out.printf(
          Locale.ROOT,
          "nothing cached: first SERVING %.0f ms, reachable heap %.1f MiB (load %s)%n",
          empty.readyMillis(),
          empty.liveKib() / 1024.0,
          CreateBenchmarkSetup.loadAverage());

      double seeded = cluster.seed(store, settings, sandboxes, twoPod);
      out.printf(Locale.ROOT, "seeded %d Sandboxes and pods in %.1f s%n", sandboxes, seeded);
      store.drain();
      Started full = start(command, kubeconfig, dir.resolve("full"));
      try {
        out.printf(
            Locale.ROOT,
            "%d cached: first SERVING %.0f ms, reachable heap %.1f MiB, %.2f KiB per sandbox (load %s)%n",
            sandboxes,
            full.readyMillis(),
            full.liveKib() / 1024.0,
            (full.liveKib() - empty.liveKib()) / (double) sandboxes,
            CreateBenchmarkSetup.loadAverage());
        out.println("start-up requests: " + store.drain());
        out.println(histogram(full.process().pid(), 30));
        try (DriverConnection connection = DriverConnection.unixSocket(socket(dir, "full"))) {
          measure(out, connection, cluster, store, sandboxes, watcherCount, changes, rounds);
        }
        ProcessMemory end = ProcessMemory.read(full.process().pid());
        out.printf(
            Locale.ROOT,
            "serve at the end: RSS %.0f MiB (peak %.0f), heap %.0f / %.0f MiB (load %s)%n",
            end.rssKib() / 1024.0,
            end.peakRssKib() / 1024.0,
            end.heapUsedKib() / 1024.0,
            end.heapCommittedKib() / 1024.0,
            CreateBenchmarkSetup.loadAverage());
      } finally {
        stop(full.process());
      }
    }
  }

  private static void measure(
      PrintStream out,
      DriverConnection connection,
      ScaleCluster cluster,
      CountingDispatcher store,
      int sandboxes,
      int watcherCount,
      int changes,
      int rounds)
      throws Exception {
    ComputeDriverGrpc.ComputeDriverBlockingStub driver =
        ComputeDriverGrpc.newBlockingStub(connection.channel()).withWaitForReady();
    long t0 = System.nanoTime();
    ScaleWatchers watchers = new ScaleWatchers(connection.channel(), watcherCount);
    if (!watchers.awaitEvents(sandboxes, 300)) {
      throw new IllegalStateException("initial snapshots incomplete: " + watchers.events());
    }
    out.printf(
        Locale.ROOT,
        "%d watchers received their %d-sandbox snapshots in %.0f ms%n",
        watcherCount,
        sandboxes,
        (System.nanoTime() - t0) / 1e6);

    Random random = new Random(11);
    int warmup = Math.max(5, rounds / 10);
    long[] gets = new long[rounds * GETS_PER_ROUND];
    long[] lists = new long[rounds];
    int size = 0;
    for (int r = -warmup; r < rounds; r++) {
      long l0 = System.nanoTime();
      ListSandboxesResponse list =
          driver
              .withDeadlineAfter(60, TimeUnit.SECONDS)
              .listSandboxes(ListSandboxesRequest.getDefaultInstance());
      long l1 = System.nanoTime();
      if (list.getSandboxesCount() != sandboxes) {
        throw new IllegalStateException("List returned " + list.getSandboxesCount());
      }
      size = list.getSerializedSize();
      for (int g = 0; g < GETS_PER_ROUND; g++) {
        String id = ScaleCluster.id(random.nextInt(sandboxes));
        long g0 = System.nanoTime();
        driver
            .withDeadlineAfter(60, TimeUnit.SECONDS)
            .getSandbox(GetSandboxRequest.newBuilder().setSandboxId(id).build());
        long g1 = System.nanoTime();
        if (r >= 0) {
          gets[r * GETS_PER_ROUND + g] = g1 - g0;
        }
      }
      if (r >= 0) {
        lists[r] = l1 - l0;
      }
    }
    Stats get = Stats.of("GetSandbox", gets);
    Stats list = Stats.of("ListSandboxes", lists);
    out.printf(
        Locale.ROOT,
        "with %d watches open (load %s):%n%s%n%s%n",
        watcherCount,
        CreateBenchmarkSetup.loadAverage(),
        line(get),
        line(list));
    out.printf(
        Locale.ROOT,
        "List response at %d sandboxes: %d bytes (%.1f per sandbox); 4 MiB reached at %d"
            + " sandboxes%n",
        sandboxes,
        size,
        size / (double) sandboxes,
        (long) Math.floor(4 * 1024 * 1024 / (size / (double) sandboxes)));

    long c0 = System.nanoTime();
    for (int k = 0; k < changes; k++) {
      cluster.change(k % sandboxes, k);
    }
    double sent = (System.nanoTime() - c0) / 1e6;
    boolean all = watchers.awaitChanges(changes, 120);
    out.printf(
        Locale.ROOT,
        "%d changes made in %.0f ms; every watcher saw every change %s after %.0f ms; missed %d of"
            + " %d (load %s)%n",
        changes,
        sent,
        all ? "yes" : "NO",
        (System.nanoTime() - c0) / 1e6,
        watchers.missed(changes),
        (long) changes * watcherCount,
        CreateBenchmarkSetup.loadAverage());

    lifecycle(out, driver, cluster, store);
  }

  /** One sandbox's lifecycle, with the driver's API requests counted step by step. */
  private static void lifecycle(
      PrintStream out,
      ComputeDriverGrpc.ComputeDriverBlockingStub driver,
      ScaleCluster cluster,
      CountingDispatcher store)
      throws Exception {
    String id = "life-00001";
    Map<String, Map<String, Integer>> steps = new LinkedHashMap<>();
    store.drain();
    driver.createSandbox(
        CreateSandboxRequest.newBuilder()
            .setSandbox(CreateSandboxBenchmark.request(id, "sb-" + id))
            .build());
    steps.put("create", store.drain());
    for (int i = 0; i < 10; i++) {
      driver.getSandbox(GetSandboxRequest.newBuilder().setSandboxId(id).build());
    }
    steps.put("get ×10", store.drain());
    for (int i = 0; i < 10; i++) {
      driver.listSandboxes(ListSandboxesRequest.getDefaultInstance());
    }
    steps.put("list ×10", store.drain());
    String name = cluster.nameOf(id);
    String before = cluster.resourceVersion(name);
    CompletableFuture<Void> stopped =
        CompletableFuture.runAsync(
            () -> driver.stopSandbox(StopSandboxRequest.newBuilder().setSandboxId(id).build()));
    // Play agent-sandbox: once the stop patch has landed, report the sandbox suspended.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (cluster.resourceVersion(name).equals(before) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    cluster.suspended(name);
    stopped.get(60, TimeUnit.SECONDS);
    steps.put("stop", store.drain());
    driver.startSandbox(StartSandboxRequest.newBuilder().setSandboxId(id).build());
    steps.put("start", store.drain());
    driver.deleteSandbox(DeleteSandboxRequest.newBuilder().setSandboxId(id).build());
    steps.put("delete", store.drain());
    out.println("| step | Berth's API requests |");
    out.println("|---|---|");
    int total = 0;
    for (Map.Entry<String, Map<String, Integer>> e : steps.entrySet()) {
      int n = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
      total += n;
      out.printf("| %s | %d %s |%n", e.getKey(), n, e.getValue());
    }
    out.printf("| lifecycle | %d |%n", total);
  }

  private static String line(Stats s) {
    return String.format(
        Locale.ROOT,
        "%-14s n %d p50 %.2f ms p90 %.2f ms p99 %.2f ms max %.2f ms",
        s.label(),
        s.n(),
        s.p50() / 1e6,
        s.p90() / 1e6,
        s.p99() / 1e6,
        s.max() / 1e6);
  }

  private static Path socket(Path dir, String run) {
    return dir.resolve(run).resolve("driver.sock");
  }

  /** Starts serve, waits for gRPC health SERVING, then measures the live heap. */
  private static Started start(List<String> command, Path kubeconfig, Path runDir)
      throws Exception {
    Files.createDirectories(runDir);
    Path socket = runDir.resolve("driver.sock");
    Path log = runDir.resolve("serve.log");
    long t0 = System.nanoTime();
    Process serve =
        ServeProcess.builder(command, kubeconfig, socket)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!ServeProcess.awaitSocket(serve, socket, 300)) {
      serve.destroyForcibly();
      throw new IllegalStateException("serve did not start:\n" + Files.readString(log));
    }
    try (DriverConnection c = DriverConnection.unixSocket(socket)) {
      HealthCheckResponse.ServingStatus status =
          HealthGrpc.newBlockingStub(c.channel())
              .withWaitForReady()
              .withDeadlineAfter(60, TimeUnit.SECONDS)
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus();
      if (status != HealthCheckResponse.ServingStatus.SERVING) {
        throw new IllegalStateException("serve reports " + status);
      }
    }
    double ready = (System.nanoTime() - t0) / 1e6;
    // Start-up leaves buffers and caches behind for a moment (the last page, the HTTP client's);
    // a collection right at SERVING counted them, so let them go first and collect twice.
    Thread.sleep(5000);
    ProcessMemory.jcmd(serve.pid(), "GC.run");
    ProcessMemory.jcmd(serve.pid(), "GC.run");
    long used = ProcessMemory.read(serve.pid()).heapUsedKib();
    // The histogram counts only reachable objects, after its own full collection; heap_info's
    // "used" also counts what the attach and the driver allocated since the last collection.
    long live = histogramTotalKib(serve.pid());
    System.out.printf(
        Locale.ROOT,
        "  heap used after GC.run %.1f MiB, reachable objects %.1f MiB%n",
        used / 1024.0,
        live / 1024.0);
    return new Started(serve, ready, live);
  }

  /** The bytes of all reachable objects, from the last line of {@code GC.class_histogram}. */
  private static long histogramTotalKib(long pid) throws Exception {
    String[] lines = ProcessMemory.jcmd(pid, "GC.class_histogram").strip().split("\n");
    String[] total = lines[lines.length - 1].trim().split("\\s+");
    return Long.parseLong(total[total.length - 1]) / 1024;
  }

  private static void stop(Process serve) throws InterruptedException {
    serve.destroy();
    if (!serve.waitFor(60, TimeUnit.SECONDS)) {
      serve.destroyForcibly();
    }
  }

  /** The first classes of the live heap's histogram, for telling where the cache's bytes go. */
  private static String histogram(long pid, int lines) throws Exception {
    String h = ProcessMemory.jcmd(pid, "GC.class_histogram");
    List<String> out = new ArrayList<>();
    String[] all = h.split("\n");
    for (String line : all) {
      if (out.size() >= lines + 3) {
        break;
      }
      out.add(line);
    }
    out.add(all[all.length - 1]);
    return String.join("\n", out);
  }
}
