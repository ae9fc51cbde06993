package dev.berth.kubernetes.doctor;

import dev.berth.kubernetes.KubernetesClients;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every check against a cluster, in a fixed order, for {@code berth doctor} and for {@code
 * berth serve}'s one pass after startup; both only present the results.
 */
public final class Doctor {

  private Doctor() {}

  /** Every check after the API server's, in output order. */
  public static final List<DoctorCheck> CHECKS =
      List.of(
          new SandboxApiCheck(),
          new SideloadCheck(),
          new PermissionsCheck(),
          new NamespaceCheck(),
          new OpenShiftCheck(),
          new StorageCheck(),
          new RuntimeClassCheck(),
          new GpuCheck(),
          new SecretsCheck(),
          new ManagedModeCheck(),
          new AdmissionCheck(),
          new NetworkPolicyCheck(),
          new SchedulingGatesCheck(),
          new IsolationImagesCheck());

  /**
   * Runs the checks. When the API server does not answer, only its result is returned.
   *
   * @param contextName the kubeconfig context, for the first line
   * @param expectGpu whether a cluster without GPU nodes is a failure
   */
  public static List<CheckResult> run(
      KubernetesClient client, DriverSettings settings, String contextName, boolean expectGpu) {
    ApiServerCheck.Reach reach = ApiServerCheck.probe(client, contextName);
    List<CheckResult> results = new ArrayList<>();
    results.add(reach.result());
    if (reach.result().status() == CheckResult.Status.FAIL) {
      return results;
    }
    DoctorContext context = new DoctorContext(client, settings, reach.version(), expectGpu);
    for (DoctorCheck check : CHECKS) {
      results.add(runOne(check, context));
    }
    return results;
  }

  /** One check; an API failure it did not handle becomes a warning that says what was unread. */
  static CheckResult runOne(DoctorCheck check, DoctorContext context) {
    try {
      return check.run(context);
    } catch (KubernetesClientException e) {
      String reason =
          KubernetesClients.errors(context.client()).map(e, check.action()).getMessage();
      return CheckResult.notChecked(
          check.name(),
          "not checked: " + reason + ".",
          "run berth doctor as a user who may " + check.action() + ", or retry.");
    }
  }

  /** True when any result is a failure. */
  public static boolean failed(List<CheckResult> results) {
    return results.stream().anyMatch(r -> r.status() == CheckResult.Status.FAIL);
  }
}
