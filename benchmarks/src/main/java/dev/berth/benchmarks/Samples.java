package dev.berth.benchmarks;

/**
 * Per-operation latencies of {@link CreateSandboxBenchmark}'s measured loop, in nanoseconds. Index
 * {@code k} is the measured iteration; warm-up iterations ({@code k < 0}) are dropped.
 */
final class Samples {

  final long[] berth;
  final long[] berthIn;
  final long[] berthCreate;
  final long[] berthOut;
  final long[] raw;
  final long[] floor;

  Samples(int n) {
    berth = new long[n];
    berthIn = new long[n];
    berthCreate = new long[n];
    berthOut = new long[n];
    raw = new long[n];
    floor = new long[n];
  }

  /** Berth's call from {@code t0} to {@code t1}, its backend.create between the two others. */
  void berth(int k, long t0, long createStart, long createEnd, long t1) {
    if (k >= 0) {
      berth[k] = t1 - t0;
      berthIn[k] = createStart - t0;
      berthCreate[k] = createEnd - createStart;
      berthOut[k] = t1 - createEnd;
    }
  }

  void raw(int k, long nanos) {
    if (k >= 0) {
      raw[k] = nanos;
    }
  }

  void floor(int k, long nanos) {
    if (k >= 0) {
      floor[k] = nanos;
    }
  }
}
