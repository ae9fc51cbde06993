package dev.berth.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** Env, mount and volume helpers shared by the late decorators; list edits return new lists. */
final class EnvAndMounts {

  private EnvAndMounts() {}

  /** A container with the fields every driver-added container sets. */
  static Container container(
      String name,
      String image,
      java.util.Optional<dev.berth.settings.PullPolicy> pullPolicy,
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

  static EnvVar env(String name, String value) {
    EnvVar env = new EnvVar();
    env.setName(name);
    env.setValue(value);
    return env;
  }

  /** Replaces the variable of that name in place (keeping its position), or appends it. */
  static List<EnvVar> upsert(List<EnvVar> env, String name, String value) {
    List<EnvVar> out = new ArrayList<>(env.size() + 1);
    boolean replaced = false;
    for (EnvVar e : env) {
      if (name.equals(e.getName())) {
        if (!replaced) {
          out.add(env(name, value));
          replaced = true;
        }
      } else {
        out.add(e);
      }
    }
    if (!replaced) {
      out.add(env(name, value));
    }
    return out;
  }

  /** Drops every variable whose name is in {@code names}. */
  static List<EnvVar> without(List<EnvVar> env, Collection<String> names) {
    return env.stream().filter(e -> !names.contains(e.getName())).toList();
  }

  /** A mount that leaves {@code readOnly} unset (read-write). */
  static VolumeMount mount(String volume, String path) {
    VolumeMount mount = new VolumeMount();
    mount.setName(volume);
    mount.setMountPath(path);
    return mount;
  }

  static VolumeMount readOnlyMount(String volume, String path) {
    VolumeMount mount = mount(volume, path);
    mount.setReadOnly(true);
    return mount;
  }

  /** Drops every mount of a volume named in {@code volumes}. */
  static List<VolumeMount> withoutVolumes(List<VolumeMount> mounts, Collection<String> volumes) {
    return mounts.stream().filter(m -> !volumes.contains(m.getName())).toList();
  }

  static Volume emptyDir(String name) {
    return new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build();
  }

  static boolean hasVolume(List<Volume> volumes, String name) {
    return volumes.stream().anyMatch(v -> name.equals(v.getName()));
  }

  /** {@code first} followed by the entries of {@code second} it lacks, without duplicates. */
  static List<String> union(List<String> first, List<String> second) {
    LinkedHashSet<String> all = new LinkedHashSet<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }

  /** Null-safe view of a fabric8 list field. */
  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
