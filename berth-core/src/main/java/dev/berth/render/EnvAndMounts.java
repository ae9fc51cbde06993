package dev.berth.render;

import dev.berth.settings.PullPolicy;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Small constructors for containers, variables, mounts and volumes the decorators add. */
public final class EnvAndMounts {

  private EnvAndMounts() {}

  /** A container with the fields every driver-added container sets. */
  static Container container(
      String name,
      String image,
      Optional<PullPolicy> pullPolicy,
      List<String> command,
      SecurityContext securityContext,
      List<VolumeMount> mounts) {
    Container c = new Container();
    c.setName(name);
    c.setImage(image);
    pullPolicy.ifPresent(p -> c.setImagePullPolicy(p.value()));
    c.setCommand(command);
    c.setSecurityContext(securityContext);
    c.setVolumeMounts(mounts);
    return c;
  }

  public static EnvVar env(String name, String value) {
    EnvVar env = new EnvVar();
    env.setName(name);
    env.setValue(value);
    return env;
  }

  /** A mount that leaves {@code readOnly} unset (read-write). */
  public static VolumeMount mount(String volume, String path) {
    VolumeMount mount = new VolumeMount();
    mount.setName(volume);
    mount.setMountPath(path);
    return mount;
  }

  public static VolumeMount readOnlyMount(String volume, String path) {
    VolumeMount mount = mount(volume, path);
    mount.setReadOnly(true);
    return mount;
  }

  public static Volume emptyDir(String name) {
    Volume volume = new Volume();
    volume.setName(name);
    volume.setEmptyDir(new EmptyDirVolumeSource());
    return volume;
  }

  /** A volume of the named Secret, its files created with {@code mode}. */
  public static Volume secretVolume(
      String name, String secretName, int mode, List<KeyToPath> items) {
    SecretVolumeSource secret = new SecretVolumeSource();
    secret.setSecretName(secretName);
    secret.setDefaultMode(mode);
    secret.setItems(items);
    Volume volume = new Volume();
    volume.setName(name);
    volume.setSecret(secret);
    return volume;
  }

  /** One key of a Secret or ConfigMap, projected as the file at {@code path}. */
  public static KeyToPath item(String key, String path) {
    KeyToPath item = new KeyToPath();
    item.setKey(key);
    item.setPath(path);
    return item;
  }

  /** {@code first} followed by the entries of {@code second} it lacks, without duplicates. */
  static List<String> union(List<String> first, List<String> second) {
    LinkedHashSet<String> all = new LinkedHashSet<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }
}
