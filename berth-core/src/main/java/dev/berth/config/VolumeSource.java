package dev.berth.config;

import java.util.List;
import java.util.Optional;

/** The one source of a user volume, as written. */
public sealed interface VolumeSource {

  /** Path of the source object, e.g. {@code driver_config.kubernetes.volumes[0].secret}. */
  String path();

  /** {@code persistent_volume_claim}. */
  record Pvc(String path, Optional<String> claimName, Optional<Boolean> readOnly)
      implements VolumeSource {}

  /** {@code config_map}. */
  record ConfigMap(
      String path,
      Optional<String> name,
      List<KeyToPath> items,
      Optional<Long> defaultMode,
      Optional<Boolean> optional)
      implements VolumeSource {
    public ConfigMap {
      items = List.copyOf(items);
    }
  }

  /** {@code secret}. */
  record Secret(
      String path,
      Optional<String> secretName,
      List<KeyToPath> items,
      Optional<Long> defaultMode,
      Optional<Boolean> optional)
      implements VolumeSource {
    public Secret {
      items = List.copyOf(items);
    }
  }

  /** {@code empty_dir}. */
  record EmptyDir(String path, Optional<String> medium, Optional<String> sizeLimit)
      implements VolumeSource {}

  /** {@code image}. */
  record Image(String path, Optional<String> reference, Optional<String> pullPolicy)
      implements VolumeSource {}

  /** {@code items[]} of a config map or secret. */
  record KeyToPath(
      String path, Optional<String> key, Optional<String> target, Optional<Long> mode) {}
}
