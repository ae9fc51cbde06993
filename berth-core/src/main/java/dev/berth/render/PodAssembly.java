package dev.berth.render;

import dev.berth.naming.ContainerPaths;
import dev.berth.render.PodContribution.ContainerContribution;
import dev.berth.render.PodContribution.InitContainer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the contributions of every concern together into one pod. The result does not depend on the
 * order the contributions arrive in: scalar fields have one owner each ({@link FieldMerge} refuses
 * a second), list entries go in {@link Concern} order, init containers in {@link InitStep} order,
 * and a mount always follows the mount of any directory above it.
 *
 * @param template the pod template
 * @param claimTemplates claim templates of the Sandbox resource
 */
record PodAssembly(PodTemplateSpec template, List<PersistentVolumeClaim> claimTemplates) {

  PodAssembly {
    claimTemplates = List.copyOf(claimTemplates);
  }

  static PodAssembly of(Collection<PodContribution> contributions) {
    List<PodContribution> ordered = new ArrayList<>(contributions);
    ordered.sort(Comparator.comparing(PodContribution::concern));
    requireOnePerConcern(ordered);

    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> annotations = new LinkedHashMap<>();
    PodSpec spec = new PodSpec();
    List<Volume> volumes = new ArrayList<>();
    List<InitContainer> init = new ArrayList<>();
    List<PersistentVolumeClaim> claims = new ArrayList<>();
    for (PodContribution c : ordered) {
      putAll(labels, c.podLabels(), "pod label");
      putAll(annotations, c.podAnnotations(), "pod annotation");
      c.podFields()
          .ifPresent(
              fields -> {
                requireUnset(fields.getContainers(), "containers", c);
                requireUnset(fields.getInitContainers(), "initContainers", c);
                requireUnset(fields.getVolumes(), "volumes", c);
                FieldMerge.into(spec, fields, "the pod spec");
              });
      volumes.addAll(c.volumes());
      init.addAll(c.initContainers());
      claims.addAll(c.claimTemplates());
    }

    List<Container> containers = new ArrayList<>();
    for (ContainerSlot slot : ContainerSlot.values()) {
      List<PodContribution> parts = new ArrayList<>();
      for (PodContribution c : ordered) {
        if (c.containers().containsKey(slot)) {
          parts.add(c);
        }
      }
      if (!parts.isEmpty()) {
        containers.add(container(slot, parts));
      }
    }
    init.sort(Comparator.comparing(InitContainer::step));
    requireDistinct(init.stream().map(i -> i.step().name()).toList(), "init step");
    requireDistinct(volumes.stream().map(Volume::getName).toList(), "volume");
    spec.setContainers(containers);
    spec.setInitContainers(init.stream().map(InitContainer::container).toList());
    spec.setVolumes(volumes);

    ObjectMeta metadata = new ObjectMeta();
    metadata.setLabels(labels);
    metadata.setAnnotations(annotations);
    return new PodAssembly(new PodTemplateSpec(metadata, spec), claims);
  }

  /** One container from the parts of the concerns that add to it, in concern order. */
  private static Container container(ContainerSlot slot, List<PodContribution> adding) {
    Container container = new Container();
    List<EnvVar> env = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    for (PodContribution c : adding) {
      ContainerContribution part = c.container(slot);
      requireUnset(part.fields().getEnv(), c, slot, "env");
      requireUnset(part.fields().getVolumeMounts(), c, slot, "volumeMounts");
      FieldMerge.into(container, part.fields(), slot.description());
      env.addAll(part.env());
      mounts.addAll(part.mounts());
    }
    requireDistinct(env.stream().map(EnvVar::getName).toList(), slot + " variable");
    requireDistinct(mounts.stream().map(VolumeMount::getMountPath).toList(), slot + " mount path");
    container.setEnv(env);
    container.setVolumeMounts(parentsFirst(mounts));
    return container;
  }

  /**
   * The mounts in the given order, except that a mount is moved in front of the first mount below
   * its path: the kubelet mounts in list order, so a nested mount (a claim's {@code sub_path} under
   * {@code /sandbox}) must come after the mount it sits on, or the outer mount would hide it.
   */
  static List<VolumeMount> parentsFirst(List<VolumeMount> mounts) {
    List<VolumeMount> out = new ArrayList<>(mounts.size());
    for (VolumeMount m : mounts) {
      int at = out.size();
      for (int i = 0; i < out.size(); i++) {
        String other = out.get(i).getMountPath();
        if (!other.equals(m.getMountPath()) && ContainerPaths.isOrUnder(other, m.getMountPath())) {
          at = i;
          break;
        }
      }
      out.add(at, m);
    }
    return out;
  }

  /** The lists the assembly owns are added through the contribution's own lists, never set. */
  private static void requireUnset(List<?> list, String what, PodContribution c) {
    if (FieldMerge.isSet(list)) {
      throw new IllegalStateException(
          c.concern() + " set " + what + " directly; add them through its contribution's lists");
    }
  }

  private static void requireUnset(
      List<?> list, PodContribution c, ContainerSlot slot, String field) {
    if (FieldMerge.isSet(list)) {
      requireUnset(list, slot + " " + field, c);
    }
  }

  private static void requireOnePerConcern(List<PodContribution> ordered) {
    requireDistinct(ordered.stream().map(c -> c.concern().name()).toList(), "concern");
  }

  private static void requireDistinct(List<String> names, String what) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        throw new IllegalStateException("two " + what + "s named " + name);
      }
    }
  }

  private static void putAll(Map<String, String> into, Map<String, String> more, String what) {
    more.forEach(
        (key, value) -> {
          String previous = into.putIfAbsent(key, value);
          if (previous != null && !previous.equals(value)) {
            throw new IllegalStateException("two concerns set " + what + " " + key);
          }
        });
  }
}
