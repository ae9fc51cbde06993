package dev.berth.cli;

import java.util.Optional;

/**
 * JVM settings the driver needs on small machines, applied by {@link Main} before anything else
 * runs.
 *
 * <p>With two processors or fewer the JDK gives {@code ForkJoinPool.commonPool()} a parallelism of
 * one, and {@code CompletableFuture} then runs every async stage on a new thread. fabric8's HTTP
 * client completes each Kubernetes request through such stages, so a driver pod with a CPU limit of
 * 1–2 would start a thread per API call (a benchmark run recorded 1,409 thread starts without this
 * and 51 with it; see docs/performance.md). Two common-pool workers keep those stages on pooled
 * threads. A value the operator set with {@code -D} is kept.
 */
final class RuntimeTuning {

  static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  /** The smallest parallelism at which CompletableFuture uses the common pool. */
  static final int MIN_POOLED_PARALLELISM = 2;

  private RuntimeTuning() {}

  /** The parallelism to set for this many processors, unless the operator configured one. */
  static Optional<String> commonPoolParallelism(int processors, Optional<String> configured) {
    // The JDK's default is processors - 1; above two processors it is already pooled.
    if (configured.isPresent() || processors - 1 >= MIN_POOLED_PARALLELISM) {
      return Optional.empty();
    }
    return Optional.of(Integer.toString(MIN_POOLED_PARALLELISM));
  }

  /** Applies {@link #commonPoolParallelism} to this JVM; must run before the pool is first used. */
  static void apply() {
    commonPoolParallelism(
            Runtime.getRuntime().availableProcessors(),
            Optional.ofNullable(System.getProperty(COMMON_POOL_PARALLELISM)))
        .ifPresent(value -> System.setProperty(COMMON_POOL_PARALLELISM, value));
  }
}
