package dev.berth.driver;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sandbox as the cluster reports it, independent of gRPC. Mirrors upstream's mapping of the
 * Sandbox resource's labels, annotations and status.
 *
 * @param id sandbox id
 * @param name sandbox name
 * @param namespace namespace of the Sandbox resource
 * @param workspace OpenShell workspace
 * @param status status, absent when the controller has not written one yet
 */
public record SandboxSnapshot(
    String id, String name, String namespace, String workspace, Optional<Status> status) {

  /** The order in which List and a watch's first snapshot report sandboxes: by name, then id. */
  public static final Comparator<SandboxSnapshot> ORDER =
      Comparator.comparing(SandboxSnapshot::name).thenComparing(SandboxSnapshot::id);

  /**
   * Status read back from the Sandbox resource.
   *
   * @param sandboxName {@code status.sandboxName}
   * @param instanceId {@code status.agentPod}
   * @param agentFd {@code status.agentFd}
   * @param sandboxFd {@code status.sandboxFd}
   * @param conditions {@code status.conditions}, passed through verbatim
   * @param deleting true when the resource has a deletion timestamp
   */
  public record Status(
      String sandboxName,
      String instanceId,
      String agentFd,
      String sandboxFd,
      List<Condition> conditions,
      boolean deleting) {
    public Status {
      conditions = List.copyOf(conditions);
    }
  }

  /** One status condition. */
  public record Condition(
      String type, String status, String reason, String message, String lastTransitionTime) {}

  /** Something that happened to a sandbox, for the watch stream. */
  public sealed interface Event permits Updated, Deleted, Platform {}

  /** The sandbox was created or changed; carries its full current state. */
  public record Updated(SandboxSnapshot sandbox) implements Event {}

  /** The sandbox is gone. */
  public record Deleted(String sandboxId) implements Event {}

  /**
   * A Kubernetes event about the sandbox or its pod.
   *
   * @param sandboxId sandbox the event concerns
   * @param timestampMs last (else first) timestamp in epoch milliseconds, 0 when unknown
   * @param source always "kubernetes"
   * @param type Normal or Warning
   * @param reason Kubernetes reason, e.g. Pulling, FailedMount
   * @param message Kubernetes message
   * @param metadata involved object, namespace, count and progress or claim hints
   */
  public record Platform(
      String sandboxId,
      long timestampMs,
      String source,
      String type,
      String reason,
      String message,
      Map<String, String> metadata)
      implements Event {
    public Platform {
      metadata = Map.copyOf(metadata);
    }
  }
}
