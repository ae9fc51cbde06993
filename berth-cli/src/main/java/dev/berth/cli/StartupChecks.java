package dev.berth.cli;

import dev.berth.driver.DriverException;
import dev.berth.kubernetes.KubernetesClients;
import dev.berth.kubernetes.doctor.CheckResult;
import dev.berth.kubernetes.doctor.Doctor;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code berth serve}'s one pass of the doctor checks after it starts serving: each ⚠ and ✘ becomes
 * one warning line. It runs on a daemon thread of its own with its own short-timeout client, so it
 * neither delays serving nor refuses anything; what refuses to start stays in the backend's
 * startup.
 */
final class StartupChecks {

  private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);

  private StartupChecks() {}

  static void start(Optional<String> kubeconfig, DriverSettings settings) {
    Thread thread = new Thread(() -> run(kubeconfig, settings), "berth-doctor");
    thread.setDaemon(true);
    thread.start();
  }

  static void run(Optional<String> kubeconfig, DriverSettings settings) {
    try {
      Config config = KubernetesClients.config(kubeconfig.flatMap(BackendFactory::firstExisting));
      try (KubernetesClient client =
          KubernetesClients.create(
              config, DoctorCommand.DEFAULT_TIMEOUT, DoctorCommand.DEFAULT_TIMEOUT)) {
        List<CheckResult> results =
            Doctor.run(client, settings, DoctorCommand.contextName(config), false);
        results.stream()
            .filter(r -> r.status() != CheckResult.Status.OK && r.checked())
            .forEach(r -> LOG.warn("doctor: {}", r.line()));
        // The driver's account may lack reads that only the checks make (CRDs, StorageClasses):
        // that is no fault of the cluster, so it is one summary line, not a warning each.
        List<String> unread =
            results.stream().filter(r -> !r.checked()).map(CheckResult::check).toList();
        LOG.info(
            "doctor: {}{}",
            DoctorReport.summary(results.stream().filter(CheckResult::checked).toList()),
            unread.isEmpty()
                ? ""
                : "; not checked with the driver's own permissions: "
                    + String.join(", ", unread)
                    + " (run berth doctor with broader credentials to check them)");
      }
    } catch (DriverException | RuntimeException e) {
      // The checks only advise; a failure to run them must not disturb serving.
      LOG.warn("doctor: the startup checks did not run: {}", e.getMessage());
    }
  }
}
