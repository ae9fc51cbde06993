package dev.berth.security;

/**
 * One failed Pod Security Standards check.
 *
 * @param control the check that fails
 * @param scope the container's name, or {@link PodSecurityReport#POD} for pod-level settings
 * @param field the offending field, as a path inside the pod template, e.g. {@code
 *     spec.containers[0].securityContext.capabilities.add}
 * @param sentence what is wrong and what the profile wants instead
 */
public record Finding(PssControl control, String scope, String field, String sentence) {

  /** The weakest profile this finding breaks; every stricter profile breaks too. */
  public PssLevel forbiddenAt() {
    return control.level();
  }

  @Override
  public String toString() {
    return scope + ": " + control.checkId() + ": " + field + ": " + sentence;
  }
}
