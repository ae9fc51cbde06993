package dev.berth.kubernetes.doctor;

import dev.berth.naming.ManagedNames;
import dev.berth.security.SandboxScc;
import dev.berth.settings.ClusterSettings;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.WorkspaceMode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Check 6: on OpenShift ({@code security.openshift.io} served), the sandbox namespace carries the
 * UID-range and supplemental-group annotations Berth renders from, and the sandbox ServiceAccount
 * may use the SCC that admits Berth's pods (a SubjectAccessReview for {@code use}).
 */
final class OpenShiftCheck implements DoctorCheck {

  static final String GROUP = "security.openshift.io";

  @Override
  public String name() {
    return "openshift";
  }

  @Override
  public String action() {
    return "read the API groups and create a SubjectAccessReview";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    if (context.client().getApiGroup(GROUP) == null) {
      return CheckResult.ok(name(), "not OpenShift (" + GROUP + " is not served); no SCC needed.");
    }
    DriverSettings settings = context.settings();
    String ns = settings.cluster().sandboxNamespace();
    String account = settings.cluster().serviceAccountName();
    String scc = SandboxScc.name(settings.supervisor().topology());
    List<String> problems = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    if (settings.cluster().workspaceMode() == WorkspaceMode.SHARED) {
      Namespace namespace = context.client().namespaces().withName(ns).get();
      Map<String, String> annotations =
          namespace == null || namespace.getMetadata().getAnnotations() == null
              ? Map.of()
              : namespace.getMetadata().getAnnotations();
      List<String> absent =
          List.of(ManagedNames.SCC_UID_RANGE, ManagedNames.SCC_SUPPLEMENTAL_GROUPS).stream()
              .filter(a -> !annotations.containsKey(a))
              .toList();
      if (!absent.isEmpty()) {
        problems.add("namespace " + ns + " lacks " + String.join(" and ", absent));
        fixes.add(
            "create the namespace as an OpenShift project (oc new-project "
                + ns
                + "), whose controller adds the ranges");
      }
    }
    if (settings.cluster().workspaceMode() == WorkspaceMode.MANAGED) {
      // Each workspace namespace is new, so the grant is the RoleBinding the driver writes there
      // to the configured ClusterRole; without one, no sandbox pod is admitted.
      if (settings.cluster().sandboxSccClusterRole().isEmpty()) {
        problems.add(
            "managed mode has no "
                + ClusterSettings.SANDBOX_SCC_CLUSTER_ROLE.flag()
                + ", so workspace ServiceAccounts get no SCC");
        fixes.add(
            "install with 'openshift: true' in the Berth values file (docs/openshift.md), which"
                + " ships the SCC "
                + scc
                + " with its ClusterRole and sets "
                + ClusterSettings.SANDBOX_SCC_CLUSTER_ROLE.flag());
      }
    } else if (!mayUse(context, ns, account, scc)) {
      problems.add("ServiceAccount " + ns + "/" + account + " may not use the SCC " + scc);
      fixes.add(
          "install with 'openshift: true' in the Berth values file (docs/openshift.md), which"
              + " ships the SCC "
              + scc
              + " and grants its use to that ServiceAccount");
    }
    if (problems.isEmpty()) {
      return CheckResult.ok(
          name(),
          settings.cluster().workspaceMode() == WorkspaceMode.MANAGED
              ? "OpenShift, managed mode: each workspace's sandbox ServiceAccount is bound to "
                  + settings.cluster().sandboxSccClusterRole().orElseThrow()
                  + "."
              : "OpenShift: the namespace ranges are set and "
                  + ns
                  + "/"
                  + account
                  + " may use the SCC "
                  + scc
                  + ".");
    }
    return CheckResult.fail(
        name(), "OpenShift: " + String.join("; ", problems) + ".", String.join("; ", fixes) + ".");
  }

  private static boolean mayUse(DoctorContext context, String ns, String account, String scc) {
    ResourceAttributes attributes = new ResourceAttributes();
    attributes.setGroup(GROUP);
    attributes.setResource("securitycontextconstraints");
    attributes.setVerb("use");
    attributes.setName(scc);
    attributes.setNamespace(ns);
    SubjectAccessReviewSpec spec = new SubjectAccessReviewSpec();
    spec.setUser("system:serviceaccount:" + ns + ":" + account);
    spec.setGroups(List.of("system:serviceaccounts", "system:serviceaccounts:" + ns));
    spec.setResourceAttributes(attributes);
    SubjectAccessReview review = new SubjectAccessReview();
    review.setSpec(spec);
    SubjectAccessReview answer =
        context.client().authorization().v1().subjectAccessReview().create(review);
    return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }
}
