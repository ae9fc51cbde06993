package dev.berth.benchmarks;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The tables {@link StartupBenchmark} prints: median and min–max of every figure per variant. */
final class StartupReport {

  private static final double MIB = 1024.0;

  private StartupReport() {}

  static void print(
      PrintStream out,
      List<StartupVariant> variants,
      Map<String, List<StartupBenchmark.Run>> serve,
      Map<String, List<StartupBenchmark.Run>> floor) {
    out.println(
        "| variant | start to GetCapabilities, ms | × first variant | idle RSS MiB | peak RSS"
            + " MiB | anon / file MiB | heap used / committed MiB | floor start ms | floor RSS"
            + " MiB |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    List<StartupBenchmark.Run> first = serve.get(variants.get(0).name());
    for (StartupVariant v : variants) {
      List<StartupBenchmark.Run> s = serve.get(v.name());
      List<StartupBenchmark.Run> f = floor.get(v.name());
      double[] ratios = new double[s.size()];
      for (int i = 0; i < s.size(); i++) {
        ratios[i] = s.get(i).startMillis() / first.get(i).startMillis();
      }
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s / %s | %s / %s | %s | %s |%n",
          v.name(),
          spread(s, StartupBenchmark.Run::startMillis, "%.0f"),
          spread(ratios, "%.2f"),
          spread(s, r -> r.memory().rssKib() / MIB, "%.0f"),
          spread(s, r -> r.memory().peakRssKib() / MIB, "%.0f"),
          median(s, r -> r.memory().anonKib() / MIB),
          median(s, r -> r.memory().fileKib() / MIB),
          median(s, r -> r.memory().heapUsedKib() / MIB),
          median(s, r -> r.memory().heapCommittedKib() / MIB),
          spread(f, StartupBenchmark.Run::startMillis, "%.0f"),
          spread(f, r -> r.memory().rssKib() / MIB, "%.0f"));
    }
    out.println();
    out.println(
        "Figures: median (min–max) over the counted runs; anon/file and heap: medians."
            + " Ratios are taken run by run against the first variant of the same round.");
  }

  private static String median(
      List<StartupBenchmark.Run> runs, ToDoubleFunction<StartupBenchmark.Run> f) {
    return String.format(Locale.ROOT, "%.0f", median(sorted(runs, f)));
  }

  private static String spread(
      List<StartupBenchmark.Run> runs, ToDoubleFunction<StartupBenchmark.Run> f, String format) {
    return spread(runs.stream().mapToDouble(f).toArray(), format);
  }

  private static String spread(double[] values, String format) {
    double[] v = values.clone();
    Arrays.sort(v);
    return String.format(
        Locale.ROOT, format + " (" + format + "–" + format + ")", median(v), v[0], v[v.length - 1]);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double[] sorted(
      List<StartupBenchmark.Run> runs, ToDoubleFunction<StartupBenchmark.Run> f) {
    double[] v = runs.stream().mapToDouble(f).toArray();
    Arrays.sort(v);
    return v;
  }
}
