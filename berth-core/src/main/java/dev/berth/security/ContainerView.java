package dev.berth.security;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The parts of a container the checks read, for regular, init and ephemeral containers alike
 * (fabric8 models ephemeral containers as a separate class; pod-security-admission visits all three
 * kinds the same way).
 *
 * @param scope the container's name and kind
 * @param path the container's path inside the pod template, e.g. {@code spec.initContainers[1]}
 * @param context the container's security context, or an empty one
 * @param ports declared ports
 * @param probes liveness, readiness and startup probes that are set, with their field names
 * @param lifecycle the lifecycle hooks, when set
 */
record ContainerView(
    Scope scope,
    String path,
    SecurityContext context,
    List<ContainerPort> ports,
    List<Named<Probe>> probes,
    Optional<Lifecycle> lifecycle) {

  /** A value with the name of the field it came from. */
  record Named<T>(String field, T value) {}

  String name() {
    return scope.name();
  }

  /** A field path below this container's security context. */
  String field(String suffix) {
    return path + ".securityContext." + suffix;
  }

  static ContainerView of(Container c, Scope.Kind kind, String path) {
    return new ContainerView(
        new Scope(nameOf(c.getName()), kind),
        path,
        orEmpty(c.getSecurityContext()),
        listOf(c.getPorts()),
        probes(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe()),
        Optional.ofNullable(c.getLifecycle()));
  }

  static ContainerView of(EphemeralContainer c, String path) {
    return new ContainerView(
        new Scope(nameOf(c.getName()), Scope.Kind.EPHEMERAL_CONTAINER),
        path,
        orEmpty(c.getSecurityContext()),
        listOf(c.getPorts()),
        probes(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe()),
        Optional.ofNullable(c.getLifecycle()));
  }

  private static List<Named<Probe>> probes(Probe liveness, Probe readiness, Probe startup) {
    return Stream.of(
            new Named<>("livenessProbe", liveness),
            new Named<>("readinessProbe", readiness),
            new Named<>("startupProbe", startup))
        .filter(p -> p.value() != null)
        .toList();
  }

  private static String nameOf(String name) {
    return name == null ? "" : name;
  }

  private static SecurityContext orEmpty(SecurityContext context) {
    return context == null ? new SecurityContext() : context;
  }

  static <T> List<T> listOf(List<T> list) {
    return list == null ? List.of() : list;
  }
}
