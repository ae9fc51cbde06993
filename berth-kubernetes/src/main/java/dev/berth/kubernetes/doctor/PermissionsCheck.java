package dev.berth.kubernetes.doctor;

import dev.berth.kubernetes.ApiPermissions;
import dev.berth.settings.DriverSettings;
import java.util.List;

/**
 * Check 4: the current user holds every permission {@link ApiPermissions} declares for the
 * configured driver. Run it with the driver's own identity ({@code --as} is not available through
 * SelfSubjectAccessReview, so use the ServiceAccount's kubeconfig, or {@code berth serve}'s startup
 * pass, which runs as it).
 */
final class PermissionsCheck implements DoctorCheck {

  @Override
  public String name() {
    return "permissions";
  }

  @Override
  public String action() {
    return "create SelfSubjectAccessReviews";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    DriverSettings settings = context.settings();
    List<AccessReviews.Missing> missing =
        AccessReviews.missing(context.client(), settings, ApiPermissions.neededBy(settings));
    int needed = ApiPermissions.neededBy(settings).size();
    String mode = settings.cluster().workspaceMode().value();
    if (missing.isEmpty()) {
      return CheckResult.ok(
          name(), "all " + needed + " permissions Berth needs in " + mode + " mode are granted.");
    }
    return CheckResult.fail(
            name(),
            missing.size()
                + " of "
                + needed
                + " permissions Berth needs in "
                + mode
                + " mode are missing: "
                + String.join("; ", missing.stream().map(AccessReviews.Missing::describe).toList())
                + ".",
            "apply the Role and ClusterRole below and bind them to the driver's ServiceAccount"
                + " (kubectl apply -f -), or install with the Berth post-renderer, which grants"
                + " them.")
        .withManifest(MissingRbac.yaml(missing, settings.cluster().sandboxNamespace()));
  }
}
