package dev.berth.kubernetes;

import dev.berth.naming.IsolationNames;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the readiness of a two-pod sandbox needs to know about its supervisor pod, reduced from the
 * pod as the watch delivers it: the pod itself is not kept.
 *
 * @param sandboxId the sandbox the pod serves (its sandbox-id annotation)
 * @param name the pod's name
 * @param uid the pod's UID, so that the deletion of a replaced pod does not drop its successor
 * @param runtimeGeneration the runtime generation the pod was made for; a supervisor of an earlier
 *     generation does not serve the current runtime
 * @param available the pod is Ready and not being deleted, as upstream judges a supervisor
 *     (containers are not inspected: the kubelet's Ready already covers them)
 * @param ended the pod is being deleted or has ended (Failed or Succeeded): supervisor pods do not
 *     restart, so it will not become available again
 * @param message what is wrong, for a person (empty when it is available)
 * @param since when the pod's Ready condition last changed (RFC 3339, empty when unknown)
 */
record SupervisorState(
    String sandboxId,
    String name,
    String uid,
    String runtimeGeneration,
    boolean available,
    boolean ended,
    String message,
    String since) {

  private static final String READY = "Ready";

  /** The state of a supervisor pod of generation {@code names}; empty when it names no sandbox. */
  static Optional<SupervisorState> of(Pod pod, IsolationNames names) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    if (annotations == null || annotations.get(names.sandboxIdKey()) == null) {
      return Optional.empty();
    }
    PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    Optional<PodCondition> ready =
        status.getConditions().stream().filter(c -> READY.equals(c.getType())).findFirst();
    String since = ready.map(PodCondition::getLastTransitionTime).orElse("");
    boolean available = false;
    String message;
    String where = "supervisor pod " + pod.getMetadata().getName();
    String phase = status.getPhase() == null ? "Pending" : status.getPhase();
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      message = where + " is being deleted";
    } else if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
      message = where + " has ended (" + phase + ")" + detail(status.getMessage());
    } else if (ready.filter(c -> "True".equals(c.getStatus())).isPresent()) {
      available = true;
      message = "";
    } else {
      Optional<String> waiting = waiting(status);
      message =
          where
              + " is not ready ("
              + phase
              + ")"
              + waiting
                  .map(w -> ": " + w)
                  .orElse(ready.map(c -> detail(c.getMessage())).orElse(""));
    }
    return Optional.of(
        new SupervisorState(
            annotations.get(names.sandboxIdKey()),
            pod.getMetadata().getName(),
            text(pod.getMetadata().getUid()),
            text(annotations.get(names.runtimeGenerationAnnotation())),
            available,
            pod.getMetadata().getDeletionTimestamp() != null
                || "Failed".equals(phase)
                || "Succeeded".equals(phase),
            message,
            text(since)));
  }

  /**
   * For the message only: the containers that wait or crash, with the kubelet's reason
   * (ImagePullBackOff, CrashLoopBackOff, CreateContainerConfigError, ...): the line a person needs
   * first.
   */
  private static Optional<String> waiting(PodStatus status) {
    List<String> out = new ArrayList<>();
    List<ContainerStatus> all = new ArrayList<>(status.getInitContainerStatuses());
    all.addAll(status.getContainerStatuses());
    for (ContainerStatus c : all) {
      if (c.getState() != null
          && c.getState().getWaiting() != null
          && c.getState().getWaiting().getReason() != null) {
        out.add(
            "container "
                + c.getName()
                + " is waiting: "
                + c.getState().getWaiting().getReason()
                + detail(c.getState().getWaiting().getMessage()));
      }
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", out));
  }

  private static String detail(String message) {
    return message == null || message.isBlank() ? "" : " — " + message;
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
