package dev.berth.benchmarks;

import java.util.Arrays;

/**
 * Latency distribution of one kind of operation, in nanoseconds.
 *
 * @param throughput operations per second of one caller issuing them back to back (1 / mean)
 */
public record Stats(
    String label,
    int n,
    long p50,
    long p90,
    long p99,
    long min,
    long max,
    double mean,
    double throughput) {

  static Stats of(String label, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
    return new Stats(
        label,
        sorted.length,
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        sorted[0],
        sorted[sorted.length - 1],
        mean,
        1e9 / mean);
  }

  /** Nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
