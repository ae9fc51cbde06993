package dev.berth.kubernetes.doctor;

/**
 * NetworkPolicy is served (issue 14): the isolation runtime fences sandboxes with NetworkPolicies
 * and managed mode's SSH ingress is one. Served is all the API can show: whether the network plugin
 * enforces policies is invisible to it, so a served API is still a warning to confirm.
 */
final class NetworkPolicyCheck implements DoctorCheck {

  static final String API_VERSION = "networking.k8s.io/v1";

  @Override
  public String name() {
    return "network-policy";
  }

  @Override
  public String action() {
    return "read the " + API_VERSION + " API resources";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    if (context.client().supports(API_VERSION, "NetworkPolicy")) {
      return CheckResult.warn(
          name(),
          "NetworkPolicy is served, but the API cannot prove that the cluster's network plugin"
              + " enforces it.",
          "confirm the CNI enforces NetworkPolicy (Calico, Cilium and OVN-Kubernetes do; flannel"
              + " alone does not), for example by applying a deny-all policy to a test pod.");
    }
    String found = "NetworkPolicy (" + API_VERSION + ") is not served.";
    if (context.settings().cluster().managedSshIngress().enabled()) {
      return CheckResult.fail(
          name(),
          found + " Managed SSH ingress creates one per workspace namespace.",
          "use a cluster that serves NetworkPolicy, or turn off --managed-ssh-ingress-enabled.");
    }
    return CheckResult.warn(
        name(),
        found + " Sandboxes cannot be fenced at the network level.",
        "use a cluster whose network plugin serves and enforces NetworkPolicy.");
  }
}
