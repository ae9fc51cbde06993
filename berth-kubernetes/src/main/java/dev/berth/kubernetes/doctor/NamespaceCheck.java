package dev.berth.kubernetes.doctor;

import dev.berth.result.Result;
import dev.berth.security.PodSecurityReport;
import dev.berth.security.PssLevel;
import dev.berth.security.SandboxPodSecurity;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.Topology;
import dev.berth.settings.WorkspaceMode;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Check 5: in shared mode the sandbox namespace exists and its Pod Security Admission {@code
 * enforce} level admits the pods Berth renders for the configured topology, judged by the same Pod
 * Security report as {@code berth render --explain-security}.
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
    Topology topology = settings.supervisor().topology();
    Result<PodSecurityReport> report = SandboxPodSecurity.report(settings);
    if (!report.isValid()) {
      return CheckResult.warn(
          name(),
          "namespace " + ns + " exists; its pods could not be judged: " + report.violations() + ".",
          "check the settings with berth validate.");
    }
    PssLevel reached = report.orElseThrow().level();
    String labelled = labels.containsKey(ENFORCE) ? "enforce=" + enforceText : "no enforce label";
    if (reached.ordinal() >= enforced.ordinal()) {
      return CheckResult.ok(
          name(),
          "namespace "
              + ns
              + " exists ("
              + labelled
              + "); the "
              + topology.value()
              + " pods Berth renders meet "
              + reached.value()
              + ".");
    }
    List<String> fixes = new ArrayList<>();
    // The two-pod topology follows the gateway's generation and is never configured.
    for (Topology other : List.of(Topology.COMBINED, Topology.SIDECAR)) {
      Result<PodSecurityReport> alt = SandboxPodSecurity.report(settings, other);
      if (other != topology
          && alt.isValid()
          && alt.orElseThrow().level().ordinal() >= enforced.ordinal()) {
        fixes.add("use --topology " + other.value() + ", whose pods meet " + enforced.value());
      }
    }
    fixes.add(
        "let the namespace admit them (kubectl label namespace "
            + ns
            + " "
            + ENFORCE
            + "="
            + reached.value()
            + " --overwrite)");
    String why =
        report.orElseThrow().failing(enforced).stream()
            .findFirst()
            .map(f -> " (first: " + f.scope() + " " + f.field() + ")")
            .orElse("");
    return CheckResult.fail(
        name(),
        "namespace "
            + ns
            + " enforces "
            + enforced.value()
            + ", which refuses the "
            + topology.value()
            + " pods Berth renders: they meet only "
            + reached.value()
            + why
            + ".",
        String.join(", or ", fixes) + ".");
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
