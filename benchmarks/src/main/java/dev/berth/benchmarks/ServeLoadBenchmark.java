package dev.berth.benchmarks;

import dev.berth.grpc.DriverConnection;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.ListSandboxesRequest;
import dev.berth.grpc.proto.WatchSandboxesEvent;
import dev.berth.grpc.proto.WatchSandboxesRequest;
import io.grpc.stub.StreamObserver;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of {@code berth serve} under load, for choosing its heap bound: each variant (a java
 * command with different heap options) serves as a child process against a mock API while one
 * gateway-like caller holds a watch stream open and creates {@code --sandboxes} sandboxes one after
 * another, listing them every 100 creates. Reported per variant: create latency, resident memory at
 * the end and at its peak, the committed heap, the live heap after a full collection ({@code jcmd
 * GC.run}) and the collector's work. Rounds interleave the variants.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.berth.benchmarks.ServeLoadBenchmark \
 *     --sandboxes 2000 --rounds 2 --variant 'xmx96=JAVA -Xmx96m ... -jar JAR' --variant ...
 * </pre>
 */
public final class ServeLoadBenchmark {

  private static final Pattern INVOCATIONS =
      Pattern.compile("sun\\.gc\\.collector\\.(\\d)\\.invocations=(\\d+)");
  private static final Pattern TIME = Pattern.compile("sun\\.gc\\.collector\\.(\\d)\\.time=(\\d+)");
  private static final Pattern FREQUENCY = Pattern.compile("sun\\.os\\.hrt\\.frequency=(\\d+)");

  private ServeLoadBenchmark() {}

  /** One loaded run: latencies in ms, memory in KiB, collector work as counts and ms. */
  record Load(
      double p50,
      double p99,
      double createsPerSecond,
      ProcessMemory end,
      long liveKib,
      long youngGcs,
      long fullGcs,
      double gcMillis) {}

  public static void main(String[] args) throws Exception {
    int sandboxes = 2000;
    int rounds = 2;
    List<StartupVariant> variants = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sandboxes" -> sandboxes = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--variant" -> variants.add(StartupVariant.parse(args[++i]));
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    CreateBenchmarkSetup.configureLogging(null);
    PrintStream out = System.out;
    out.printf(
        "berth serve under load: %d sandboxes, %d rounds, load %s%n",
        sandboxes, rounds, CreateBenchmarkSetup.loadAverage());
    List<List<Load>> results = new ArrayList<>();
    variants.forEach(v -> results.add(new ArrayList<>()));
    for (int round = 1; round <= rounds; round++) {
      for (int v = 0; v < variants.size(); v++) {
        Path dir = Files.createTempDirectory("berth-load");
        try (MockApi api = MockApi.start(false)) {
          Load load =
              run(variants.get(v), api.writeKubeconfig(dir.resolve("kubeconfig")), dir, sandboxes);
          results.get(v).add(load);
          out.printf(
              Locale.ROOT,
              "round %d %-12s p50 %.1f ms p99 %.1f ms, rss %.0f (peak %.0f) MiB, heap %.0f/%.0f MiB,"
                  + " live %.1f MiB, gc %d young %d full %.0f ms%n",
              round,
              variants.get(v).name(),
              load.p50(),
              load.p99(),
              load.end().rssKib() / 1024.0,
              load.end().peakRssKib() / 1024.0,
              load.end().heapUsedKib() / 1024.0,
              load.end().heapCommittedKib() / 1024.0,
              load.liveKib() / 1024.0,
              load.youngGcs(),
              load.fullGcs(),
              load.gcMillis());
        } finally {
          CreateBenchmarkSetup.deleteTree(dir);
        }
      }
    }
    out.println("load average after the run: " + CreateBenchmarkSetup.loadAverage());
    out.println(
        "| variant | create p50 / p99 ms | creates/s | RSS end / peak MiB | heap used / committed"
            + " MiB | live heap after full GC MiB | GCs young / full | GC time ms |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (int v = 0; v < variants.size(); v++) {
      for (Load l : results.get(v)) {
        out.printf(
            Locale.ROOT,
            "| %s | %.1f / %.1f | %.0f | %.0f / %.0f | %.0f / %.0f | %.1f | %d / %d | %.0f |%n",
            variants.get(v).name(),
            l.p50(),
            l.p99(),
            l.createsPerSecond(),
            l.end().rssKib() / 1024.0,
            l.end().peakRssKib() / 1024.0,
            l.end().heapUsedKib() / 1024.0,
            l.end().heapCommittedKib() / 1024.0,
            l.liveKib() / 1024.0,
            l.youngGcs(),
            l.fullGcs(),
            l.gcMillis());
      }
    }
  }

  private static Load run(StartupVariant variant, Path kubeconfig, Path dir, int sandboxes)
      throws Exception {
    Path socket = dir.resolve("run/driver.sock");
    Path log = dir.resolve("serve.log");
    Process serve =
        ServeProcess.builder(variant.command(), kubeconfig, socket)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!ServeProcess.awaitSocket(serve, socket, 60)) {
        throw new IllegalStateException("serve did not start:\n" + Files.readString(log));
      }
      long[] nanos = new long[sandboxes];
      AtomicLong events = new AtomicLong();
      long started;
      try (DriverConnection connection = DriverConnection.unixSocket(socket)) {
        ComputeDriverGrpc.newStub(connection.channel())
            .withWaitForReady()
            .watchSandboxes(WatchSandboxesRequest.getDefaultInstance(), counter(events));
        ComputeDriverGrpc.ComputeDriverBlockingStub driver =
            ComputeDriverGrpc.newBlockingStub(connection.channel()).withWaitForReady();
        DriverSandbox template = CreateSandboxBenchmark.request("template", "template");
        started = System.nanoTime();
        for (int i = 0; i < sandboxes; i++) {
          String id = String.format(Locale.ROOT, "load-%06d", i);
          long t0 = System.nanoTime();
          driver
              .withDeadlineAfter(60, TimeUnit.SECONDS)
              .createSandbox(
                  CreateSandboxRequest.newBuilder()
                      .setSandbox(template.toBuilder().setId(id).setName("sb-" + id))
                      .build());
          nanos[i] = System.nanoTime() - t0;
          if (i % 100 == 99) {
            driver
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .listSandboxes(ListSandboxesRequest.getDefaultInstance());
          }
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      ProcessMemory end = ProcessMemory.read(serve.pid());
      String gc = ProcessMemory.jcmd(serve.pid(), "PerfCounter.print");
      ProcessMemory.jcmd(serve.pid(), "GC.run");
      long live = ProcessMemory.read(serve.pid()).heapUsedKib();
      serve.destroy();
      if (!serve.waitFor(60, TimeUnit.SECONDS) || serve.exitValue() != 0) {
        throw new IllegalStateException("serve did not stop cleanly:\n" + Files.readString(log));
      }
      Arrays.sort(nanos);
      return new Load(
          nanos[sandboxes / 2] / 1e6,
          nanos[(int) Math.min(sandboxes - 1, Math.ceil(sandboxes * 0.99) - 1)] / 1e6,
          sandboxes / seconds,
          end,
          live,
          counter(gc, INVOCATIONS, "0"),
          counter(gc, INVOCATIONS, "1"),
          (counter(gc, TIME, "0") + counter(gc, TIME, "1")) * 1000.0 / frequency(gc));
    } finally {
      serve.destroyForcibly();
    }
  }

  private static StreamObserver<WatchSandboxesEvent> counter(AtomicLong events) {
    return new StreamObserver<>() {
      @Override
      public void onNext(WatchSandboxesEvent value) {
        events.incrementAndGet();
      }

      @Override
      public void onError(Throwable t) {
        // the stream ends when the connection closes
      }

      @Override
      public void onCompleted() {
        // nothing to do
      }
    };
  }

  private static long counter(String perf, Pattern pattern, String collector) {
    Matcher m = pattern.matcher(perf);
    while (m.find()) {
      if (m.group(1).equals(collector)) {
        return Long.parseLong(m.group(2));
      }
    }
    return 0;
  }

  private static double frequency(String perf) {
    Matcher m = FREQUENCY.matcher(perf);
    return m.find() ? Double.parseDouble(m.group(1)) : 1e9;
  }
}
