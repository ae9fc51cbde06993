package dev.berth.security;

import java.util.List;

/**
 * Whether an OpenShift security context constraint would admit a pod, and why not.
 *
 * @param scc the SCC judged, e.g. {@code restricted-v2}
 * @param admission the verdict
 * @param denials settings the SCC rejects; non-empty exactly when the verdict is {@code DENIED}
 * @param conditions settings the SCC accepts only if a fact outside the pod holds (the namespace's
 *     ranges, the cluster's release); the verdict is {@code CONDITIONAL} when these are all
 * @param notes what admission changes on the way in, and other things an administrator should know;
 *     they never decide the verdict
 */
public record SccVerdict(
    String scc,
    Admission admission,
    List<Issue> denials,
    List<Issue> conditions,
    List<String> notes) {

  /** The three possible answers. */
  public enum Admission {
    ADMITTED("admitted"),
    CONDITIONAL("admitted only if the conditions hold"),
    DENIED("denied");

    private final String text;

    Admission(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /**
   * One setting the SCC rejects or accepts only conditionally.
   *
   * @param scope the container's name, or {@link PodSecurityReport#POD}
   * @param field the field path inside the pod template
   * @param sentence what the SCC wants
   */
  public record Issue(String scope, String field, String sentence) {
    @Override
    public String toString() {
      return scope + ": " + field + ": " + sentence;
    }
  }

  public SccVerdict {
    denials = List.copyOf(denials);
    conditions = List.copyOf(conditions);
    notes = List.copyOf(notes);
  }

  static SccVerdict of(
      String scc, List<Issue> denials, List<Issue> conditions, List<String> notes) {
    Admission admission =
        !denials.isEmpty()
            ? Admission.DENIED
            : conditions.isEmpty() ? Admission.ADMITTED : Admission.CONDITIONAL;
    return new SccVerdict(scc, admission, denials, conditions, notes);
  }
}
