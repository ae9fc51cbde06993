package dev.berth.cli;

import dev.berth.security.Finding;
import dev.berth.security.PodSecurityReport;
import dev.berth.security.SccVerdict;
import dev.berth.security.Scope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Prints a security report for people: an aligned table of the pod and its containers with their
 * Pod Security level and failing checks, every finding with its field, then the pod's level and the
 * restricted-v2 verdict with its reasons.
 */
final class SecurityExplanation {

  private SecurityExplanation() {}

  static String text(PodSecurityReport report, SccVerdict scc) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CONTAINER", "KIND", "LEVEL", "FAILING CHECKS"});
    for (Scope s : report.scopes()) {
      LinkedHashSet<String> ids = new LinkedHashSet<>();
      report.findings(s.name()).forEach(f -> ids.add(f.control().checkId()));
      rows.add(
          new String[] {
            s.name(),
            s.kind().label(),
            report.level(s.name()).value(),
            ids.isEmpty() ? "-" : String.join(", ", ids)
          });
    }
    StringBuilder out = new StringBuilder();
    out.append("Pod Security Standards (policy version latest, as of Kubernetes 1.36)\n\n");
    out.append(Reports.table(rows));
    if (!report.findings().isEmpty()) {
      out.append("\nFindings:\n");
      for (Finding f : report.findings()) {
        out.append("  ")
            .append(f.scope())
            .append(": ")
            .append(f.control().checkId())
            .append(" (")
            .append(f.forbiddenAt().value())
            .append("): ")
            .append(f.field())
            .append(": ")
            .append(f.sentence())
            .append('\n');
      }
    }
    out.append("\nPod level: ").append(report.level().value()).append('\n');
    out.append("OpenShift ")
        .append(scc.scc())
        .append(": ")
        .append(scc.admission().text())
        .append('\n');
    scc.denials().forEach(i -> out.append("  denied: ").append(i).append('\n'));
    scc.conditions().forEach(i -> out.append("  only if: ").append(i).append('\n'));
    scc.notes().forEach(n -> out.append("  note: ").append(n).append('\n'));
    return out.toString();
  }
}
