package dev.berth.plan;

import dev.berth.settings.PullPolicy;
import java.util.List;
import java.util.Optional;

/**
 * The one source of a checked user volume. Every required field is present and valid: the renderer
 * copies these values and never has to ask whether they are there.
 */
public sealed interface VolumeSourcePlan {

  /** A PersistentVolumeClaim of the sandbox's namespace. */
  record Claim(String claimName) implements VolumeSourcePlan {}

  /**
   * A config map, projected whole or as selected files.
   *
   * @param defaultMode file mode (0 to 0777) when set
   * @param optional whether the pod may start without it, when set
   */
  record ConfigMap(
      String name,
      List<ProjectedFile> items,
      Optional<Integer> defaultMode,
      Optional<Boolean> optional)
      implements VolumeSourcePlan {
    public ConfigMap {
      items = List.copyOf(items);
    }
  }

  /** A secret, projected whole or as selected files; fields as for {@link ConfigMap}. */
  record Secret(
      String secretName,
      List<ProjectedFile> items,
      Optional<Integer> defaultMode,
      Optional<Boolean> optional)
      implements VolumeSourcePlan {
    public Secret {
      items = List.copyOf(items);
    }
  }

  /**
   * Scratch space.
   *
   * @param medium {@code Memory} for RAM-backed, empty for node disk
   * @param sizeLimit quantity when set
   */
  record EmptyDir(Optional<String> medium, Optional<String> sizeLimit)
      implements VolumeSourcePlan {}

  /** The files of an OCI image, read-only. */
  record Image(String reference, Optional<PullPolicy> pullPolicy) implements VolumeSourcePlan {}

  /**
   * One key of a config map or secret, as a file.
   *
   * @param key the key
   * @param path relative file path inside the mount
   * @param mode file mode when set
   */
  record ProjectedFile(String key, String path, Optional<Integer> mode) {}
}
