package dev.berth.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Prints the results of {@link CreateSandboxBenchmark} as a table. */
final class CreateBenchmarkReport {

  private CreateBenchmarkReport() {}

  static void print(CreateResult r, PrintStream out, Path socket) {
    Options o = r.options();
    out.printf(
        Locale.ROOT,
        "%nCreateSandbox over the Unix socket vs raw fabric8 create: %d each, after %d warm-up each,"
            + " interleaved%n",
        o.count(),
        o.warmup());
    out.printf(
        Locale.ROOT,
        "JVM %s %s (%s), %d processors; mock: fabric8 KubernetesMockServer (CRUD, %s,"
            + " in-process); socket %s; driver log %s; raw creates use %s fabric8 client%n",
        ManagementFactory.getRuntimeMXBean().getVmName(),
        Runtime.version(),
        ManagementFactory.getRuntimeMXBean().getVmVendor(),
        Runtime.getRuntime().availableProcessors(),
        r.httpVersion(),
        socket,
        o.berthLog() ? "on (file)" : "off",
        o.sharedClient() ? "the driver's own" : "a separate one, built like the driver's");
    String header =
        String.format(
            Locale.ROOT,
            "| %-45s | %8s | %8s | %8s | %8s | %8s | %8s | %8s |",
            "operation",
            "p50 µs",
            "p90 µs",
            "p99 µs",
            "mean µs",
            "min µs",
            "max µs",
            "ops/s");
    out.println("load average at the end (1, 5, 15 min): " + CreateBenchmarkSetup.loadAverage());
    out.println();
    out.println(header);
    out.println("|" + "-".repeat(47) + "|" + "---------:|".repeat(7));
    for (Stats s :
        List.of(
            r.berth(),
            r.raw(),
            r.passThrough(),
            r.berthIn(),
            r.berthCreate(),
            r.berthOut(),
            r.capabilities(),
            r.planAndRender(),
            r.handlerInProcess(),
            r.backendInProcess(),
            r.rawBeside(),
            r.mockBerth(),
            r.mockRaw())) {
      out.printf(
          Locale.ROOT,
          "| %-45s | %8.1f | %8.1f | %8.1f | %8.1f | %8.1f | %8.1f | %8.0f |%n",
          s.label(),
          s.p50() / 1e3,
          s.p90() / 1e3,
          s.p99() / 1e3,
          s.mean() / 1e3,
          s.min() / 1e3,
          s.max() / 1e3,
          s.throughput());
    }
    out.printf(
        Locale.ROOT,
        "%nratio Berth/raw: mean %.3f, p50 %.3f (goal <= %.2f: %s)%n",
        r.meanRatio(),
        r.p50Ratio(),
        CreateSandboxBenchmark.GOAL,
        r.meanRatio() <= CreateSandboxBenchmark.GOAL && r.p50Ratio() <= CreateSandboxBenchmark.GOAL
            ? "met"
            : "NOT met");
    out.printf(
        Locale.ROOT,
        "ratio pass-through/raw (gRPC over the socket, no driver work): mean %.3f, p50 %.3f%n",
        r.passThroughMeanRatio(),
        r.passThroughP50Ratio());
    out.printf(
        Locale.ROOT,
        "ratio Berth/pass-through (what Berth adds to any gRPC driver): mean %.3f, p50 %.3f;"
            + " Berth - pass-through: mean %.1f µs, p50 %.1f µs%n",
        r.berth().mean() / r.passThrough().mean(),
        (double) r.berth().p50() / r.passThrough().p50(),
        (r.berth().mean() - r.passThrough().mean()) / 1e3,
        (r.berth().p50() - r.passThrough().p50()) / 1e3);
    out.printf(
        Locale.ROOT,
        "Berth - raw: mean %.1f µs, p50 %.1f µs; measured phase %.2f s; %d Sandboxes stored;"
            + " Berth and raw objects identical (names aside): %s%n",
        (r.berth().mean() - r.raw().mean()) / 1e3,
        (r.berth().p50() - r.raw().p50()) / 1e3,
        r.measuredSeconds(),
        r.stored(),
        r.sameObject() ? "yes" : "NO");
  }
}
