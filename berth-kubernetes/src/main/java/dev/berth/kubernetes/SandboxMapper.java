package dev.berth.kubernetes;

import static dev.berth.naming.ManagedNames.AGENT_SANDBOX_POD_NAME;
import static dev.berth.naming.ManagedNames.LABEL_MANAGED_BY;
import static dev.berth.naming.ManagedNames.LABEL_SANDBOX_ID;
import static dev.berth.naming.ManagedNames.LABEL_SANDBOX_NAME;
import static dev.berth.naming.ManagedNames.LABEL_WORKSPACE;
import static dev.berth.naming.ManagedNames.MANAGED_BY_VALUE;

import dev.berth.driver.SandboxSnapshot;
import dev.berth.render.agentsandbox.AgentSandbox;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Sandbox resource back into a {@link SandboxSnapshot}, exactly as upstream's {@code
 * sandbox_from_object} / {@code status_from_object} do: objects without the managed-by marker or
 * without id, name and workspace are skipped; status fields and conditions pass through verbatim.
 */
final class SandboxMapper {

  /** Upstream's default when the pod template sets no grace period. */
  static final long DEFAULT_GRACE_PERIOD_SECONDS = 30;

  private SandboxMapper() {}

  /** The snapshot, or empty when the object is not a sandbox this driver recognizes. */
  static Optional<SandboxSnapshot> snapshot(AgentSandbox object, String fallbackNamespace) {
    if (!isManaged(object)) {
      return Optional.empty();
    }
    Optional<String> id = annotationOrLabel(object, LABEL_SANDBOX_ID);
    Optional<String> name = annotationOrLabel(object, LABEL_SANDBOX_NAME);
    Optional<String> workspace = annotationOrLabel(object, LABEL_WORKSPACE);
    if (id.isEmpty() || name.isEmpty() || workspace.isEmpty()) {
      return Optional.empty();
    }
    String namespace = object.getMetadata().getNamespace();
    return Optional.of(
        new SandboxSnapshot(
            id.get(),
            name.get(),
            shared(namespace == null ? fallbackNamespace : namespace),
            shared(workspace.get()),
            status(object)));
  }

  /** The sandbox id from the annotation, else the label. */
  static Optional<String> sandboxId(HasMetadata object) {
    return annotationOrLabel(object, LABEL_SANDBOX_ID);
  }

  static boolean isManaged(HasMetadata object) {
    return annotationOrLabel(object, LABEL_MANAGED_BY).filter(MANAGED_BY_VALUE::equals).isPresent();
  }

  /** Status mapping; empty when the controller has written no {@code status} yet. */
  static Optional<SandboxSnapshot.Status> status(AgentSandbox sandbox) {
    return sandbox
        .status()
        .map(
            status ->
                new SandboxSnapshot.Status(
                    text(status.getSandboxName()),
                    text(status.getAgentPod()),
                    text(status.getAgentFd()),
                    text(status.getSandboxFd()),
                    conditions(status.getConditions()),
                    sandbox.getMetadata().getDeletionTimestamp() != null));
  }

  /** Conditions lacking a {@code type} or {@code status} are dropped, as upstream. */
  static List<SandboxSnapshot.Condition> conditions(List<Condition> conditions) {
    List<SandboxSnapshot.Condition> out = new ArrayList<>();
    for (Condition c : conditions) {
      if (c.getType() != null && c.getStatus() != null) {
        out.add(
            new SandboxSnapshot.Condition(
                shared(c.getType()),
                shared(c.getStatus()),
                shared(text(c.getReason())),
                text(c.getMessage()),
                text(c.getLastTransitionTime())));
      }
    }
    return out;
  }

  /** The condition of this type, when the controller reported one. */
  static Optional<Condition> condition(AgentSandbox sandbox, String type) {
    return sandbox.status().stream()
        .flatMap(status -> status.getConditions().stream())
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  /** {@code spec.podTemplate.spec.terminationGracePeriodSeconds}, default 30. */
  static long terminationGracePeriodSeconds(AgentSandbox sandbox) {
    return Optional.ofNullable(sandbox.getSpec().getPodTemplate())
        .map(PodTemplateSpec::getSpec)
        .map(PodSpec::getTerminationGracePeriodSeconds)
        .filter(grace -> grace >= 0)
        .orElse(DEFAULT_GRACE_PERIOD_SECONDS);
  }

  /** The pod agent-sandbox runs for this Sandbox: its pod-name annotation, else its own name. */
  static String podName(HasMetadata sandbox) {
    Map<String, String> annotations = sandbox.getMetadata().getAnnotations();
    String pod = annotations == null ? null : annotations.get(AGENT_SANDBOX_POD_NAME);
    return pod == null || pod.isEmpty() ? sandbox.getMetadata().getName() : pod;
  }

  /**
   * True when {@code candidate} is at least as new as {@code reference}. Resource versions are
   * opaque to clients, but every etcd-backed server issues increasing integers; when either is not
   * an integer the candidate is taken as new enough.
   */
  static boolean atLeast(String candidate, String reference) {
    if (candidate == null || reference == null) {
      return true;
    }
    try {
      return Long.parseLong(candidate) >= Long.parseLong(reference);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static Optional<String> annotationOrLabel(HasMetadata object, String key) {
    ObjectMeta meta = object.getMetadata();
    if (meta == null) {
      return Optional.empty();
    }
    Map<String, String> annotations = meta.getAnnotations();
    if (annotations != null && annotations.get(key) != null) {
      return Optional.of(annotations.get(key));
    }
    Map<String, String> labels = meta.getLabels();
    return Optional.ofNullable(labels == null ? null : labels.get(key));
  }

  /**
   * One instance of a value that thousands of cached snapshots repeat (namespace, workspace,
   * condition type, status and reason): each parsed object brings its own copy, about 60 bytes
   * apiece, which at 10,000 sandboxes is a tenth of the cache.
   */
  private static String shared(String value) {
    return value.intern();
  }

  /** A status field as the snapshot carries it: empty when the controller left it out. */
  private static String text(String value) {
    return value == null ? "" : value;
  }
}
