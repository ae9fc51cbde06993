package dev.berth.security;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A pod as the checks see it: its spec with null lists and contexts replaced by empty ones, its
 * annotations (AppArmor's deprecated channel), and every container in the order
 * pod-security-admission visits them (init, regular, ephemeral).
 */
record PodView(
    PodSpec spec,
    PodSecurityContext context,
    Map<String, String> annotations,
    List<ContainerView> containers) {

  static final String POD_CONTEXT = "spec.securityContext.";

  static PodView of(PodSpec spec, Map<String, String> annotations) {
    List<ContainerView> containers = new ArrayList<>();
    List<Container> init = ContainerView.listOf(spec.getInitContainers());
    for (int i = 0; i < init.size(); i++) {
      containers.add(
          ContainerView.of(
              init.get(i), Scope.Kind.INIT_CONTAINER, "spec.initContainers[" + i + "]"));
    }
    List<Container> regular = ContainerView.listOf(spec.getContainers());
    for (int i = 0; i < regular.size(); i++) {
      containers.add(
          ContainerView.of(regular.get(i), Scope.Kind.CONTAINER, "spec.containers[" + i + "]"));
    }
    var ephemeral = ContainerView.listOf(spec.getEphemeralContainers());
    for (int i = 0; i < ephemeral.size(); i++) {
      containers.add(ContainerView.of(ephemeral.get(i), "spec.ephemeralContainers[" + i + "]"));
    }
    PodSecurityContext context =
        spec.getSecurityContext() == null ? new PodSecurityContext() : spec.getSecurityContext();
    return new PodView(spec, context, annotations == null ? Map.of() : annotations, containers);
  }

  /**
   * User-namespace pods ({@code hostUsers: false}) get the relaxations of policy version 1.35: no
   * runAsNonRoot or runAsUser checks, and baseline allows any /proc mount type.
   */
  boolean userNamespaced() {
    return Boolean.FALSE.equals(spec.getHostUsers());
  }

  /** Since policy 1.25, Windows pods skip the Linux-only restricted checks. */
  boolean windows() {
    return spec.getOs() != null && "windows".equals(spec.getOs().getName());
  }

  /**
   * A security-context value as the container runs with it: the container's own, else the pod's.
   *
   * @param value the effective value, or null when neither sets it
   * @param inherited whether the value comes from the pod
   * @param field where the value is set (the container's field when neither sets it)
   */
  record Effective<T>(T value, boolean inherited, String field) {

    /** " (inherited from the pod)" when the value comes from the pod, else nothing. */
    String origin() {
      return inherited ? " (inherited from the pod's securityContext)" : "";
    }
  }

  <T> Effective<T> effective(
      ContainerView c,
      Function<SecurityContext, T> ofContainer,
      Function<PodSecurityContext, T> ofPod,
      String suffix) {
    T own = ofContainer.apply(c.context());
    if (own != null) {
      return new Effective<>(own, false, c.field(suffix));
    }
    T pod = ofPod.apply(context);
    if (pod != null) {
      return new Effective<>(pod, true, POD_CONTEXT + suffix);
    }
    return new Effective<>(null, false, c.field(suffix));
  }
}
