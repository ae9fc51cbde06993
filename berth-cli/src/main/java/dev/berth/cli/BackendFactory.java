package dev.berth.cli;

import dev.berth.kubernetes.DriverException;
import dev.berth.kubernetes.SandboxBackend;
import dev.berth.settings.DriverSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;

/**
 * Builds the cluster backend {@code berth serve} runs on. An interface so tests can serve a fake;
 * production uses {@link #DEFAULT}.
 */
@FunctionalInterface
public interface BackendFactory {

  /**
   * What a backend is built from.
   *
   * @param settings validated driver settings
   * @param kubeconfig {@code --kubeconfig}, else {@code KUBECONFIG} (which may list several files
   *     separated by ':'); empty means in-cluster configuration, then the client's defaults
   * @param registry where the backend registers its metrics (Kubernetes call latencies, cache size)
   */
  record Context(DriverSettings settings, Optional<String> kubeconfig, MeterRegistry registry) {}

  /**
   * Connects to the cluster and returns a ready backend.
   *
   * @throws DriverException with a sentence when the cluster is unreachable or serves no Sandbox
   *     API
   */
  SandboxBackend create(Context context) throws DriverException;

  // TODO(merge): replace with `context -> KubernetesSandboxBackend.create(context.settings(),
  //  context.kubeconfig(), context.registry())` once berth-kubernetes has it. Until then this is
  //  the only thing standing between `berth serve` and a cluster.
  BackendFactory DEFAULT =
      context -> {
        throw new DriverException(
            DriverException.Kind.FAILED_PRECONDITION,
            "this build of berth serve is not wired to the Kubernetes backend yet");
      };
}
