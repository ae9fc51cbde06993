package dev.berth.security;

import java.util.Objects;
import java.util.Optional;

/**
 * One pod of a sandbox shape, named as an operator's report names it, and its Pod Security report.
 *
 * @param name the pod's role, e.g. {@code workload pod} or {@code supervisor pod}
 * @param report what the pod fails
 */
public record JudgedPod(String name, PodSecurityReport report) {

  /** The role of the two-pod shape's pod that runs the agent. */
  public static final String WORKLOAD = "workload pod";

  /** The role of the two-pod shape's supervisor pod. */
  public static final String SUPERVISOR = "supervisor pod";

  public JudgedPod {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(report, "report");
  }

  /** Whether a namespace enforcing {@code enforced} admits the pod. */
  public boolean admittedAt(PssLevel enforced) {
    return report.level().ordinal() >= enforced.ordinal();
  }

  /** The first finding {@code enforced} refuses, naming the scope and field; empty if admitted. */
  public Optional<Finding> firstRefused(PssLevel enforced) {
    return report.failing(enforced).stream().findFirst();
  }
}
