package dev.berth.kubernetes;

import dev.berth.driver.SandboxSnapshot;
import dev.berth.naming.IsolationNames;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Kubernetes Event about a Sandbox or its pod into a platform event, with upstream's
 * provisioning-progress metadata (key names from OpenShell's {@code
 * openshell-core/src/progress.rs}) and, beyond upstream, metadata naming the PersistentVolumeClaim
 * behind a volume failure so the gateway can say "PVC x not found" instead of showing a stuck pod.
 * Pure: no I/O.
 */
final class EventMapper {

  /** Finds the sandbox a Kubernetes object belongs to. Names are only unique per namespace. */
  interface Lookup {
    /** The sandbox whose Sandbox resource has this name. */
    Optional<String> byResourceName(String namespace, String name);

    /** The sandbox whose status names this agent pod. */
    Optional<String> byAgentPod(String namespace, String pod);

    /** The sandbox with this id in this namespace; empty when the lookup cannot tell. */
    default Optional<String> byId(String namespace, String sandboxId) {
      return Optional.empty();
    }
  }

  /**
   * The sandbox whose two-pod supervisor this is: Berth names it {@code os-supervisor-<id>}, so the
   * name gives the id, which must belong to a sandbox of the namespace.
   */
  static Optional<String> bySupervisorPod(String namespace, String pod, Lookup lookup) {
    String prefix = IsolationNames.supervisorPod("");
    if (!pod.startsWith(prefix) || pod.length() == prefix.length()) {
      return Optional.empty();
    }
    return lookup.byId(namespace, pod.substring(prefix.length()));
  }

  static final String SOURCE = "kubernetes";

  static final String PROGRESS_COMPLETE_STEP = "openshell.progress.complete_step";
  static final String PROGRESS_COMPLETE_LABEL = "openshell.progress.complete_label";
  static final String PROGRESS_ACTIVE_STEP = "openshell.progress.active_step";
  static final String PROGRESS_ACTIVE_DETAIL = "openshell.progress.active_detail";
  static final String STEP_REQUESTING_SANDBOX = "requesting_sandbox";
  static final String STEP_PULLING_IMAGE = "pulling_image";
  static final String STEP_STARTING_SANDBOX = "starting_sandbox";

  /** The claim a volume failure is about. */
  static final String VOLUME_CLAIM = "openshell.volume.claim";

  /** The volume (pod volume or PersistentVolume) a kubelet or attach message names. */
  static final String VOLUME_NAME = "openshell.volume.name";

  /**
   * What went wrong: {@code claim_not_found}, {@code claim_being_deleted}, {@code claim_unbound},
   * {@code claim_unschedulable}, {@code attach_failed} or {@code mount_failed}.
   */
  static final String VOLUME_PROBLEM = "openshell.volume.problem";

  private static final Pattern CLAIM = Pattern.compile("persistentvolumeclaim \"([^\"]+)\"");
  private static final Pattern PVC_REF = Pattern.compile("\\bPVC ([^/\\s]+)/([^\\s:,]+)");
  private static final Pattern VOLUME = Pattern.compile("\\bvolume \"([^\"]+)\"");

  private EventMapper() {}

  static Optional<SandboxSnapshot.Platform> map(Event event, Lookup lookup) {
    ObjectReference involved = event.getInvolvedObject();
    if (involved == null) {
      return Optional.empty();
    }
    String kind = orEmpty(involved.getKind());
    String name = orEmpty(involved.getName());
    String namespace = involved.getNamespace();
    if (namespace == null && event.getMetadata() != null) {
      namespace = event.getMetadata().getNamespace();
    }
    String ns = orEmpty(namespace);
    Optional<String> sandboxId =
        switch (kind) {
          case "Sandbox" -> lookup.byResourceName(ns, name);
          // agent-sandbox names the pod after the Sandbox; fall back to the pod it reports.
          case "Pod" ->
              lookup
                  .byResourceName(ns, name)
                  .or(() -> lookup.byAgentPod(ns, name))
                  .or(() -> bySupervisorPod(ns, name, lookup));
          default -> Optional.empty();
        };
    if (sandboxId.isEmpty()) {
      return Optional.empty();
    }

    String reason = orEmpty(event.getReason());
    String message = orEmpty(event.getMessage());
    Map<String, String> metadata = new HashMap<>();
    metadata.put("involved_kind", kind);
    metadata.put("involved_name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    if (event.getCount() != null) {
      metadata.put("count", event.getCount().toString());
    }
    metadata.putAll(progress(reason, message));
    metadata.putAll(volumeProblem(reason, message));

    return Optional.of(
        new SandboxSnapshot.Platform(
            sandboxId.get(),
            timestampMillis(event),
            SOURCE,
            orEmpty(event.getType()),
            reason,
            message,
            metadata));
  }

  /** Last timestamp, else first, else the event time, in epoch milliseconds; 0 when none. */
  static long timestampMillis(Event event) {
    String[] candidates = {
      event.getLastTimestamp(),
      event.getFirstTimestamp(),
      event.getEventTime() == null ? null : event.getEventTime().getTime()
    };
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isEmpty()) {
        try {
          return Instant.parse(candidate).toEpochMilli();
        } catch (DateTimeParseException e) {
          // try the next one
        }
      }
    }
    return 0;
  }

  /** Upstream's {@code attach_kube_progress_metadata}. */
  static Map<String, String> progress(String reason, String message) {
    Map<String, String> out = new HashMap<>();
    switch (reason) {
      case "Scheduled" -> {
        out.put(PROGRESS_COMPLETE_STEP, STEP_REQUESTING_SANDBOX);
        out.put(PROGRESS_COMPLETE_LABEL, "Sandbox allocated");
        out.put(PROGRESS_ACTIVE_STEP, STEP_PULLING_IMAGE);
      }
      case "Pulling" -> {
        out.put(PROGRESS_ACTIVE_STEP, STEP_PULLING_IMAGE);
        pullingImage(message).ifPresent(image -> out.put(PROGRESS_ACTIVE_DETAIL, image));
      }
      case "Pulled" -> {
        out.put(PROGRESS_COMPLETE_STEP, STEP_PULLING_IMAGE);
        out.put(
            PROGRESS_COMPLETE_LABEL,
            imageSize(message)
                .map(b -> "Image pulled (" + formatBytes(b) + ")")
                .orElse("Image pulled"));
        out.put(PROGRESS_ACTIVE_STEP, STEP_STARTING_SANDBOX);
      }
      default -> {
        // no progress step
      }
    }
    return out;
  }

  /** The image of {@code Pulling image "<image>"}. */
  static Optional<String> pullingImage(String message) {
    String prefix = "Pulling image ";
    if (!message.startsWith(prefix)) {
      return Optional.empty();
    }
    String image = trimQuotes(message.substring(prefix.length()).strip());
    return image.isEmpty() ? Optional.empty() : Optional.of(image);
  }

  /** The byte count of {@code ... Image size: <bytes> bytes.}; needs the space after it. */
  static Optional<Long> imageSize(String message) {
    String prefix = "Image size: ";
    int start = message.indexOf(prefix);
    if (start < 0) {
      return Optional.empty();
    }
    String rest = message.substring(start + prefix.length());
    int end = rest.indexOf(' ');
    if (end < 0) {
      return Optional.empty();
    }
    try {
      long bytes = Long.parseLong(rest.substring(0, end));
      return bytes < 0 ? Optional.empty() : Optional.of(bytes);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Upstream's {@code format_bytes}: one decimal for GB (rounded half to even, as Rust formats the
   * exact value), whole MB or KB otherwise, plain bytes below 1 KB.
   */
  static String formatBytes(long bytes) {
    long kb = 1024;
    long mb = kb * 1024;
    long gb = mb * 1024;
    if (bytes >= gb) {
      BigDecimal value =
          BigDecimal.valueOf(bytes)
              .divide(BigDecimal.valueOf(gb))
              .setScale(1, RoundingMode.HALF_EVEN);
      return value.toPlainString() + " GB";
    } else if (bytes >= mb) {
      return bytes / mb + " MB";
    } else if (bytes >= kb) {
      return bytes / kb + " KB";
    }
    return bytes + " B";
  }

  /**
   * Metadata for volume failures: the claim named in the message and what went wrong. The scheduler
   * reports a missing claim as {@code FailedScheduling}, the kubelet and the attach/detach
   * controller as {@code FailedMount} and {@code FailedAttachVolume}.
   */
  static Map<String, String> volumeProblem(String reason, String message) {
    boolean mount = reason.equals("FailedMount");
    boolean attach = reason.equals("FailedAttachVolume");
    boolean scheduling = reason.equals("FailedScheduling");
    if (!mount && !attach && !scheduling) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    Optional<String> claim = claim(message);
    claim.ifPresent(c -> out.put(VOLUME_CLAIM, c));
    Matcher volume = VOLUME.matcher(message);
    if (volume.find()) {
      out.put(VOLUME_NAME, volume.group(1));
    }
    String quoted = claim.map(c -> "persistentvolumeclaim \"" + c + "\"").orElse("\u0000");
    if (message.contains(quoted + " not found")) {
      out.put(VOLUME_PROBLEM, "claim_not_found");
    } else if (message.contains(quoted + " is being deleted")) {
      out.put(VOLUME_PROBLEM, "claim_being_deleted");
    } else if (message.contains("unbound immediate PersistentVolumeClaims")
        || message.contains("is not bound")) {
      out.put(VOLUME_PROBLEM, "claim_unbound");
    } else if (attach) {
      out.put(VOLUME_PROBLEM, "attach_failed");
    } else if (mount) {
      out.put(VOLUME_PROBLEM, "mount_failed");
    } else if (claim.isPresent()) {
      out.put(VOLUME_PROBLEM, "claim_unschedulable");
    } else {
      return Map.of(); // scheduling trouble unrelated to volumes
    }
    return out;
  }

  private static Optional<String> claim(String message) {
    Matcher m = CLAIM.matcher(message);
    if (m.find()) {
      return Optional.of(m.group(1));
    }
    Matcher ref = PVC_REF.matcher(message);
    return ref.find() ? Optional.of(ref.group(2)) : Optional.empty();
  }

  private static String trimQuotes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '"') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '"') {
      end--;
    }
    return s.substring(start, end);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
