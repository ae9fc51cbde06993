package dev.berth.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What one concern adds to the sandbox pod, computed from the plan alone. Contributions never see
 * each other: {@link PodAssembly} merges them, refusing any field two concerns both set, so a
 * decorator can only add and the order decorators run in cannot change the pod.
 *
 * @param concern which concern this is; it fixes where its list entries go
 * @param podLabels labels for the pod template
 * @param podAnnotations annotations for the pod template
 * @param podFields pod-level fields this concern owns, when it owns any (their container,
 *     init-container and volume lists stay empty)
 * @param containers fields, variables and mounts for long-running containers
 * @param initContainers init containers with the step each runs at
 * @param volumes pod volumes
 * @param claimTemplates claim templates of the Sandbox resource
 */
record PodContribution(
    Concern concern,
    Map<String, String> podLabels,
    Map<String, String> podAnnotations,
    Optional<PodSpec> podFields,
    Map<ContainerSlot, ContainerContribution> containers,
    List<InitContainer> initContainers,
    List<Volume> volumes,
    List<PersistentVolumeClaim> claimTemplates) {

  PodContribution {
    podLabels = Collections.unmodifiableMap(new TreeMap<>(podLabels));
    podAnnotations = Collections.unmodifiableMap(new TreeMap<>(podAnnotations));
    containers = Map.copyOf(containers);
    initContainers = List.copyOf(initContainers);
    volumes = List.copyOf(volumes);
    claimTemplates = List.copyOf(claimTemplates);
  }

  static Builder of(Concern concern) {
    return new Builder(concern);
  }

  /** The pod-level fields this concern sets; a fresh empty spec when it sets none. */
  PodSpec spec() {
    return podFields.orElseGet(PodSpec::new);
  }

  /** This concern's part of one long-running container, empty when it adds nothing there. */
  ContainerContribution container(ContainerSlot slot) {
    return containers.containsKey(slot) ? containers.get(slot) : ContainerContribution.empty();
  }

  /**
   * A concern's part of one container.
   *
   * @param fields scalar fields (name, image, command, security context, resources); its env and
   *     mount lists stay empty
   * @param env variables, in this concern's order
   * @param mounts mounts, in this concern's order
   */
  record ContainerContribution(Container fields, List<EnvVar> env, List<VolumeMount> mounts) {
    /** Nothing for this container; a fresh object, as model objects are mutable. */
    static ContainerContribution empty() {
      return new ContainerContribution(new Container(), List.of(), List.of());
    }

    ContainerContribution {
      env = List.copyOf(env);
      mounts = List.copyOf(mounts);
    }
  }

  /** An init container and the step it runs at. */
  record InitContainer(InitStep step, Container container) {}

  /** Collects one concern's additions; every method only adds. */
  static final class Builder {
    private final Concern concern;
    private final Map<String, String> podLabels = new LinkedHashMap<>();
    private final Map<String, String> podAnnotations = new LinkedHashMap<>();
    // Created on first use: most concerns set no pod field, and a model object is costly to make.
    private Optional<PodSpec> spec = Optional.empty();
    private final Map<ContainerSlot, Container> fields = new EnumMap<>(ContainerSlot.class);
    private final Map<ContainerSlot, List<EnvVar>> env = new EnumMap<>(ContainerSlot.class);
    private final Map<ContainerSlot, List<VolumeMount>> mounts = new EnumMap<>(ContainerSlot.class);
    private final List<InitContainer> initContainers = new ArrayList<>();
    private final List<Volume> volumes = new ArrayList<>();
    private final List<PersistentVolumeClaim> claimTemplates = new ArrayList<>();

    private Builder(Concern concern) {
      this.concern = concern;
    }

    Builder podLabels(Map<String, String> labels) {
      podLabels.putAll(labels);
      return this;
    }

    Builder podAnnotations(Map<String, String> annotations) {
      podAnnotations.putAll(annotations);
      return this;
    }

    /** Sets pod-level fields this concern owns. */
    Builder spec(Consumer<PodSpec> fields) {
      PodSpec owned = spec.orElseGet(PodSpec::new);
      fields.accept(owned);
      spec = Optional.of(owned);
      return this;
    }

    /** Sets scalar fields of a long-running container. */
    Builder container(ContainerSlot slot, Consumer<Container> set) {
      set.accept(fields.computeIfAbsent(slot, s -> new Container()));
      return this;
    }

    Builder env(ContainerSlot slot, List<EnvVar> vars) {
      env.computeIfAbsent(slot, s -> new ArrayList<>()).addAll(vars);
      return this;
    }

    Builder env(ContainerSlot slot, String name, String value) {
      return env(slot, List.of(EnvAndMounts.env(name, value)));
    }

    Builder mounts(ContainerSlot slot, List<VolumeMount> more) {
      mounts.computeIfAbsent(slot, s -> new ArrayList<>()).addAll(more);
      return this;
    }

    Builder mount(ContainerSlot slot, VolumeMount mount) {
      return mounts(slot, List.of(mount));
    }

    Builder initContainer(InitStep step, Container container) {
      initContainers.add(new InitContainer(step, container));
      return this;
    }

    Builder volumes(List<Volume> more) {
      volumes.addAll(more);
      return this;
    }

    Builder volume(Volume volume) {
      volumes.add(volume);
      return this;
    }

    Builder claimTemplate(PersistentVolumeClaim claim) {
      claimTemplates.add(claim);
      return this;
    }

    PodContribution build() {
      Map<ContainerSlot, ContainerContribution> containers = new EnumMap<>(ContainerSlot.class);
      for (ContainerSlot slot : ContainerSlot.values()) {
        if (fields.containsKey(slot) || env.containsKey(slot) || mounts.containsKey(slot)) {
          containers.put(
              slot,
              new ContainerContribution(
                  fields.containsKey(slot) ? fields.get(slot) : new Container(),
                  env.getOrDefault(slot, List.of()),
                  mounts.getOrDefault(slot, List.of())));
        }
      }
      return new PodContribution(
          concern,
          podLabels,
          podAnnotations,
          spec,
          containers,
          initContainers,
          volumes,
          claimTemplates);
    }
  }
}
