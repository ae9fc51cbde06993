package dev.berth.security;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which Pod Security Standards checks a pod fails, for the pod and for each container, and so the
 * strictest profile ({@code privileged}, {@code baseline}, {@code restricted}) a namespace may
 * enforce and still admit it.
 *
 * <p>The checks follow pod-security-admission at policy version {@code latest} as of Kubernetes
 * 1.36 (policy 1.35): image volumes are allowed, the sysctl safe set includes the 1.32 additions,
 * probes must not name a host, and user-namespace pods ({@code hostUsers: false}) skip the
 * runAsNonRoot and runAsUser checks. Containers are judged by the values they run with: a container
 * that sets nothing inherits the pod's security context and is reported for what it inherits, while
 * a bad pod-level value is also reported on the pod because admission rejects it even when every
 * container overrides it.
 *
 * @param scopes the pod and its containers in the order admission visits them (init, regular,
 *     ephemeral)
 * @param findings every failed check
 */
public record PodSecurityReport(List<Scope> scopes, List<Finding> findings) {

  /** The scope name of pod-level findings. */
  public static final String POD = "pod";

  public PodSecurityReport {
    scopes = List.copyOf(scopes);
    findings = List.copyOf(findings);
  }

  /**
   * Judges a pod spec alone (no annotations, so the deprecated AppArmor annotations are unseen).
   */
  public static PodSecurityReport of(PodSpec spec) {
    return of(spec, Map.of());
  }

  /** Judges a pod template, including its AppArmor annotations. */
  public static PodSecurityReport of(PodTemplateSpec template) {
    Map<String, String> annotations =
        template.getMetadata() == null ? Map.of() : template.getMetadata().getAnnotations();
    return of(template.getSpec() == null ? new PodSpec() : template.getSpec(), annotations);
  }

  static PodSecurityReport of(PodSpec spec, Map<String, String> annotations) {
    PodView pod = PodView.of(spec, annotations);
    List<Scope> scopes = new ArrayList<>();
    scopes.add(new Scope(POD, Scope.Kind.POD));
    pod.containers().forEach(c -> scopes.add(c.scope()));
    List<Finding> findings = new ArrayList<>(BaselineChecks.check(pod));
    findings.addAll(RestrictedChecks.check(pod));
    // Group by scope in visiting order, then by check order, so output is stable and readable.
    List<String> order = scopes.stream().map(Scope::name).toList();
    findings.sort(
        Comparator.comparingInt((Finding f) -> order.indexOf(f.scope()))
            .thenComparing(f -> f.control().ordinal()));
    return new PodSecurityReport(scopes, findings);
  }

  /** The strictest profile the whole pod satisfies. */
  public PssLevel level() {
    return levelOf(findings);
  }

  /** The strictest profile one scope satisfies, judged by its own findings only. */
  public PssLevel level(String scope) {
    return levelOf(findings(scope));
  }

  /** The findings of one scope (a container's name, or {@link #POD}). */
  public List<Finding> findings(String scope) {
    return findings.stream().filter(f -> f.scope().equals(scope)).toList();
  }

  /** The findings that break {@code level}: for baseline only baseline's, for restricted all. */
  public List<Finding> failing(PssLevel level) {
    return findings.stream().filter(f -> f.forbiddenAt().ordinal() <= level.ordinal()).toList();
  }

  private static PssLevel levelOf(List<Finding> findings) {
    PssLevel level = PssLevel.RESTRICTED;
    for (Finding f : findings) {
      level =
          PssLevel.lower(
              level,
              f.forbiddenAt() == PssLevel.BASELINE ? PssLevel.PRIVILEGED : PssLevel.BASELINE);
    }
    return level;
  }
}
