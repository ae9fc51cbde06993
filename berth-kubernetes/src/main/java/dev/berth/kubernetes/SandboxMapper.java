package dev.berth.kubernetes;

import static dev.berth.naming.ManagedNames.AGENT_SANDBOX_POD_NAME;
import static dev.berth.naming.ManagedNames.LABEL_MANAGED_BY;
import static dev.berth.naming.ManagedNames.LABEL_SANDBOX_ID;
import static dev.berth.naming.ManagedNames.LABEL_SANDBOX_NAME;
import static dev.berth.naming.ManagedNames.LABEL_WORKSPACE;
import static dev.berth.naming.ManagedNames.MANAGED_BY_VALUE;

import dev.berth.driver.SandboxSnapshot;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
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
  static Optional<SandboxSnapshot> snapshot(HasMetadata object, String fallbackNamespace) {
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
            namespace == null ? fallbackNamespace : namespace,
            workspace.get(),
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
  static Optional<SandboxSnapshot.Status> status(HasMetadata object) {
    Map<String, Object> status = statusMap(object);
    if (status == null) {
      return Optional.empty();
    }
    return Optional.of(
        new SandboxSnapshot.Status(
            text(status.get("sandboxName")),
            text(status.get("agentPod")),
            text(status.get("agentFd")),
            text(status.get("sandboxFd")),
            conditions(status.get("conditions")),
            object.getMetadata().getDeletionTimestamp() != null));
  }

  /** Conditions lacking a string {@code type} or {@code status} are dropped, as upstream. */
  static List<SandboxSnapshot.Condition> conditions(Object raw) {
    List<SandboxSnapshot.Condition> out = new ArrayList<>();
    if (raw instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> c
            && c.get("type") instanceof String type
            && c.get("status") instanceof String status) {
          out.add(
              new SandboxSnapshot.Condition(
                  type,
                  status,
                  text(c.get("reason")),
                  text(c.get("message")),
                  text(c.get("lastTransitionTime"))));
        }
      }
    }
    return out;
  }

  /** The raw condition map of this type, for fields the snapshot leaves out. */
  static Optional<Map<?, ?>> rawCondition(HasMetadata object, String type) {
    Map<String, Object> status = statusMap(object);
    if (status != null && status.get("conditions") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> c && type.equals(c.get("type"))) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  /** {@code spec.podTemplate.spec.terminationGracePeriodSeconds}, default 30. */
  static long terminationGracePeriodSeconds(GenericKubernetesResource sandbox) {
    Object spec = sandbox.getAdditionalProperties().get("spec");
    if (spec instanceof Map<?, ?> s
        && s.get("podTemplate") instanceof Map<?, ?> template
        && template.get("spec") instanceof Map<?, ?> podSpec
        && podSpec.get("terminationGracePeriodSeconds") instanceof Number grace
        && grace.longValue() >= 0) {
      return grace.longValue();
    }
    return DEFAULT_GRACE_PERIOD_SECONDS;
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

  @SuppressWarnings("unchecked")
  private static Map<String, Object> statusMap(HasMetadata object) {
    if (object instanceof GenericKubernetesResource r
        && r.getAdditionalProperties().get("status") instanceof Map<?, ?> status) {
      return (Map<String, Object>) status;
    }
    return null;
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

  private static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    return value instanceof Number n ? n.toString() : "";
  }
}
