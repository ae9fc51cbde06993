package dev.berth.kubernetes.doctor;

import dev.berth.result.Result;
import dev.berth.security.PssLevel;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.WorkspaceMode;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Check 5: in shared mode the sandbox namespace exists and its Pod Security Admission {@code
 * enforce} level admits the pods Berth renders for the generations it serves ({@link
 * NamespacePods}): the configured topology's pods for G1, the workload and supervisor pods for G2
 * and G3, judged by the same Pod Security report as {@code berth render --explain-security}.
 */
final class NamespaceCheck implements DoctorCheck {

  static final String ENFORCE = "pod-security.kubernetes.io/enforce";

  @Override
  public String name() {
    return "sandbox-namespace";
  }

  @Override
  public String action() {
    return "get the sandbox namespace";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    DriverSettings settings = context.settings();
    if (settings.cluster().workspaceMode() != WorkspaceMode.SHARED) {
      return CheckResult.ok(
          name(), "managed mode: Berth creates each workspace's namespace (see managed-mode).");
    }
    String ns = settings.cluster().sandboxNamespace();
    Namespace namespace = context.client().namespaces().withName(ns).get();
    if (namespace == null) {
      return CheckResult.fail(
          name(),
          "namespace " + ns + " does not exist.",
          "create it (kubectl create namespace " + ns + ") or set --sandbox-namespace.");
    }
    Map<String, String> labels =
        namespace.getMetadata().getLabels() == null
            ? Map.of()
            : namespace.getMetadata().getLabels();
    String enforceText = labels.getOrDefault(ENFORCE, PssLevel.PRIVILEGED.value());
    PssLevel enforced = level(enforceText);
    Result<List<NamespacePods.Judged>> pods = NamespacePods.judge(settings);
    if (!pods.isValid()) {
      return CheckResult.warn(
          name(),
          "namespace " + ns + " exists; its pods could not be judged: " + pods.violations() + ".",
          "check the settings with berth validate.");
    }
    String labelled = labels.containsKey(ENFORCE) ? "enforce=" + enforceText : "no enforce label";
    return NamespacePods.verdict(name(), ns, labelled, enforced, pods.orElseThrow(), settings);
  }

  /** An unknown level is read as restricted, the strictest, so the check errs towards failing. */
  private static PssLevel level(String text) {
    for (PssLevel l : PssLevel.values()) {
      if (l.value().equals(text.toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    return PssLevel.RESTRICTED;
  }
}
