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
 * @param bringUpWait how long a two-pod Create or Start waits for the controller's workload pod
 *     before it returns and finishes the bring-up in the background
 * @param bootstrapGrace how long that background bring-up keeps waiting (upstream: 5 minutes)
 * @param supervisorLossGrace how long a running two-pod sandbox may be without its supervisor pod
 *     before it is suspended (upstream reconciles every 30 s)
 */
public record BackendOptions(
    Duration syncTimeout,
    Duration stopHeadroom,
    int watchQueueCapacity,
    Duration watchStallGrace,
    Duration namespaceAnnotationsTtl,
    Duration bringUpWait,
    Duration bootstrapGrace,
    Duration supervisorLossGrace) {

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
        Duration.ofSeconds(60),
        Duration.ofSeconds(5),
        Duration.ofMinutes(5),
        // upstream's driver reconciles two-pod sandboxes every 30 s
        Duration.ofSeconds(30));
  }

  public BackendOptions withStopHeadroom(Duration value) {
    return new BackendOptions(
        syncTimeout,
        value,
        watchQueueCapacity,
        watchStallGrace,
        namespaceAnnotationsTtl,
        bringUpWait,
        bootstrapGrace,
        supervisorLossGrace);
  }

  public BackendOptions withWatchQueueCapacity(int value) {
    return new BackendOptions(
        syncTimeout,
        stopHeadroom,
        value,
        watchStallGrace,
        namespaceAnnotationsTtl,
        bringUpWait,
        bootstrapGrace,
        supervisorLossGrace);
  }

  public BackendOptions withWatchStallGrace(Duration value) {
    return new BackendOptions(
        syncTimeout,
        stopHeadroom,
        watchQueueCapacity,
        value,
        namespaceAnnotationsTtl,
        bringUpWait,
        bootstrapGrace,
        supervisorLossGrace);
  }

  public BackendOptions withBringUpWait(Duration value) {
    return new BackendOptions(
        syncTimeout,
        stopHeadroom,
        watchQueueCapacity,
        watchStallGrace,
        namespaceAnnotationsTtl,
        value,
        bootstrapGrace,
        supervisorLossGrace);
  }

  public BackendOptions withSupervisorLossGrace(Duration value) {
    return new BackendOptions(
        syncTimeout,
        stopHeadroom,
        watchQueueCapacity,
        watchStallGrace,
        namespaceAnnotationsTtl,
        bringUpWait,
        bootstrapGrace,
        value);
  }
}
