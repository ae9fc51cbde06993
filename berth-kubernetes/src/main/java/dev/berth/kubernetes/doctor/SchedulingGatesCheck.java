package dev.berth.kubernetes.doctor;

/**
 * Scheduling gates are available (issue 14; GA in Kubernetes 1.30): the two-pod isolation runtime
 * holds a workload pod back with a gate until its bootstrap material and network fences exist. The
 * single-pod topologies do not use them, so an older cluster is a warning, not a failure.
 */
final class SchedulingGatesCheck implements DoctorCheck {

  @Override
  public String name() {
    return "scheduling-gates";
  }

  @Override
  public String action() {
    return "read the server version";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    if (context.version().isEmpty()) {
      return CheckResult.warn(
          name(),
          "the server's version is unreadable, so scheduling gates (Kubernetes 1.30+) are unknown.",
          "confirm the cluster runs Kubernetes 1.30 or later.");
    }
    ServerVersion v = context.version().get();
    if (v.atLeast(1, 30)) {
      return CheckResult.ok(
          name(), "scheduling gates are available (Kubernetes " + v.shortText() + ").");
    }
    return CheckResult.warn(
        name(),
        "Kubernetes "
            + v.shortText()
            + " predates GA scheduling gates (1.30), which the two-pod sandbox shape of current"
            + " gateways needs.",
        "upgrade the cluster to 1.30 or later before serving G2 or G3 gateways.");
  }
}
