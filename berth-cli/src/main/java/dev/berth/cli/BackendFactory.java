package dev.berth.cli;

import dev.berth.driver.DriverException;
import dev.berth.driver.SandboxBackend;
import dev.berth.kubernetes.KubernetesSandboxBackend;
import dev.berth.settings.DriverSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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

  /**
   * The cluster backend. A {@code KUBECONFIG} listing several files uses the first one that exists;
   * fabric8 would otherwise merge them, which hides which context is in use.
   */
  BackendFactory DEFAULT =
      context ->
          KubernetesSandboxBackend.connect(
              context.kubeconfig().flatMap(BackendFactory::firstExisting), context.settings());

  /** The first file of a {@code KUBECONFIG}-style list that exists, else its first entry. */
  static Optional<Path> firstExisting(String kubeconfig) {
    List<Path> files =
        Arrays.stream(kubeconfig.split(File.pathSeparator))
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .toList();
    return files.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .or(() -> files.stream().findFirst());
  }
}
