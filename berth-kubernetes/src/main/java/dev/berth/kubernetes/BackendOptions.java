package dev.berth.kubernetes;

import java.time.Duration;

/**
 * Tuning of {@link KubernetesSandboxBackend}; {@link #defaults()} are the production values.
 *
 * @param syncTimeout how long startup waits for the Sandbox informer's first list
 * @param stopHeadroom what Stop waits beyond the pod's termination grace period (upstream: 30 s)
 * @param watchQueueCapacity events a watch may fall behind before it is dropped
 * @param watchStallGrace how long the Sandbox watch may stay disconnected before every watch is
 *     ended with UNAVAILABLE
 * @param namespaceAnnotationsTtl how long a namespace's annotations are reused when planning
 */
public record BackendOptions(
    Duration syncTimeout,
    Duration stopHeadroom,
    int watchQueueCapacity,
    Duration watchStallGrace,
    Duration namespaceAnnotationsTtl) {

  public BackendOptions {
    if (watchQueueCapacity < 1) {
      throw new IllegalArgumentException("watchQueueCapacity must be at least 1");
    }
  }

  public static BackendOptions defaults() {
    return new BackendOptions(
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        4096,
        Duration.ofSeconds(15),
        Duration.ofSeconds(60));
  }

  public BackendOptions withStopHeadroom(Duration value) {
    return new BackendOptions(
        syncTimeout, value, watchQueueCapacity, watchStallGrace, namespaceAnnotationsTtl);
  }

  public BackendOptions withWatchQueueCapacity(int value) {
    return new BackendOptions(
        syncTimeout, stopHeadroom, value, watchStallGrace, namespaceAnnotationsTtl);
  }

  public BackendOptions withWatchStallGrace(Duration value) {
    return new BackendOptions(
        syncTimeout, stopHeadroom, watchQueueCapacity, value, namespaceAnnotationsTtl);
  }
}
