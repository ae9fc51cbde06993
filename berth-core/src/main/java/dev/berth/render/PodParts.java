package dev.berth.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The sandbox pod while decorators build it, split so each decorator replaces only the part it
 * changes. Treat the fabric8 objects inside as values: decorators copy what they change (with
 * fabric8 builders) and never mutate an object they were given.
 *
 * @param metadata pod labels and annotations
 * @param spec pod-level fields; its container, init-container and volume lists are ignored
 * @param agent the agent container
 * @param sidecars other long-running containers (the network sidecar)
 * @param initContainers init containers in run order
 * @param volumes pod volumes
 * @param claimTemplates claim templates of the Sandbox resource (the workspace)
 */
public record PodParts(
    ObjectMeta metadata,
    PodSpec spec,
    Container agent,
    List<Container> sidecars,
    List<Container> initContainers,
    List<Volume> volumes,
    List<PersistentVolumeClaim> claimTemplates) {

  public PodParts {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(agent, "agent");
    sidecars = List.copyOf(sidecars);
    initContainers = List.copyOf(initContainers);
    volumes = List.copyOf(volumes);
    claimTemplates = List.copyOf(claimTemplates);
  }

  public PodParts withMetadata(ObjectMeta m) {
    return new PodParts(m, spec, agent, sidecars, initContainers, volumes, claimTemplates);
  }

  public PodParts withSpec(PodSpec s) {
    return new PodParts(metadata, s, agent, sidecars, initContainers, volumes, claimTemplates);
  }

  public PodParts withAgent(Container a) {
    return new PodParts(metadata, spec, a, sidecars, initContainers, volumes, claimTemplates);
  }

  public PodParts withSidecars(List<Container> s) {
    return new PodParts(metadata, spec, agent, s, initContainers, volumes, claimTemplates);
  }

  public PodParts withInitContainers(List<Container> i) {
    return new PodParts(metadata, spec, agent, sidecars, i, volumes, claimTemplates);
  }

  public PodParts withVolumes(List<Volume> v) {
    return new PodParts(metadata, spec, agent, sidecars, initContainers, v, claimTemplates);
  }

  public PodParts withClaimTemplates(List<PersistentVolumeClaim> c) {
    return new PodParts(metadata, spec, agent, sidecars, initContainers, volumes, c);
  }

  /** Appends volumes. */
  public PodParts addVolumes(Volume... more) {
    List<Volume> all = new ArrayList<>(volumes);
    all.addAll(List.of(more));
    return withVolumes(all);
  }

  /** Appends init containers, which run in list order. */
  public PodParts addInitContainers(Container... more) {
    List<Container> all = new ArrayList<>(initContainers);
    all.addAll(List.of(more));
    return withInitContainers(all);
  }

  /** Replaces every init container with the result of {@code f}. */
  public PodParts mapInitContainers(UnaryOperator<Container> f) {
    return withInitContainers(initContainers.stream().map(f).toList());
  }

  /** Replaces every sidecar with the result of {@code f}. */
  public PodParts mapSidecars(UnaryOperator<Container> f) {
    return withSidecars(sidecars.stream().map(f).toList());
  }

  /** The finished pod template: agent first, then sidecars. */
  public PodTemplateSpec toTemplate() {
    List<Container> containers = new ArrayList<>(1 + sidecars.size());
    containers.add(agent);
    containers.addAll(sidecars);
    return new PodTemplateSpec(
        metadata,
        Copies.edit(
            spec,
            s -> {
              s.setContainers(containers);
              s.setInitContainers(initContainers);
              s.setVolumes(volumes);
            }));
  }
}
