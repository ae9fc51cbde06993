package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.naming.EnvNames;
import dev.berth.naming.IsolationNames;
import dev.berth.naming.ManagedNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the sandbox runtime of one generation runs as and hands its children, read from the workload
 * pod the controller made from Berth's template. Reading the pod rather than the plan means Create
 * and Start (which has no plan) agree, and the identity is the one the kubelet applies, whatever
 * the render's defaults and the user's tighten-only overrides made of it.
 *
 * @param uid the agent container's effective {@code runAsUser}
 * @param gid its effective {@code runAsGroup}
 * @param supplementaryGids the other groups the kubelet gives it (the pod's {@code fsGroup} and
 *     {@code supplementalGroups}; the pod asks for the {@code Strict} policy, so no image groups),
 *     sorted, without the primary group
 * @param childEnv the agent's environment without the variables of the supervisor's contract
 */
record WorkloadFacts(
    long uid, long gid, List<Long> supplementaryGids, SortedMap<String, String> childEnv) {

  WorkloadFacts {
    supplementaryGids = List.copyOf(supplementaryGids);
    childEnv = new TreeMap<>(childEnv);
  }

  @Override
  public SortedMap<String, String> childEnv() {
    return new TreeMap<>(childEnv);
  }

  static WorkloadFacts of(Pod pod, IsolationNames names) throws DriverException {
    String name = pod.getMetadata().getName();
    Container agent =
        Optional.ofNullable(pod.getSpec().getContainers()).orElse(List.of()).stream()
            .filter(c -> ManagedNames.AGENT_CONTAINER.equals(c.getName()))
            .findFirst()
            .orElseThrow(
                () ->
                    refused(
                        name,
                        "has no "
                            + ManagedNames.AGENT_CONTAINER
                            + " container; recreate the sandbox"));
    PodSecurityContext podSecurity =
        Objects.requireNonNullElseGet(pod.getSpec().getSecurityContext(), PodSecurityContext::new);
    SecurityContext own =
        Objects.requireNonNullElseGet(agent.getSecurityContext(), SecurityContext::new);
    long uid = effective(name, "runAsUser", own.getRunAsUser(), podSecurity.getRunAsUser());
    long gid = effective(name, "runAsGroup", own.getRunAsGroup(), podSecurity.getRunAsGroup());
    TreeSet<Long> groups =
        new TreeSet<>(Objects.requireNonNullElse(podSecurity.getSupplementalGroups(), List.of()));
    Optional.ofNullable(podSecurity.getFsGroup()).ifPresent(groups::add);
    groups.remove(gid);
    if (groups.contains(0L)) {
      // Upstream's runtime refuses an identity with group 0; say so here, naming the pod.
      throw refused(name, "gives its agent the root group 0 as a supplementary group");
    }
    SortedMap<String, String> env = new TreeMap<>();
    for (EnvVar v : Objects.requireNonNullElse(agent.getEnv(), List.<EnvVar>of())) {
      if (!reserved(v.getName(), names)) {
        env.put(v.getName(), Objects.requireNonNullElse(v.getValue(), ""));
      }
    }
    return new WorkloadFacts(uid, gid, List.copyOf(groups), env);
  }

  /**
   * The supervisor's contract variables (the generation's prefix, and {@code OPENSHELL_} in every
   * generation, which upstream's runtime bridges to its own prefix): upstream drops them from the
   * children's environment, so the user's variables are what is left.
   */
  private static boolean reserved(String variable, IsolationNames names) {
    return variable.startsWith(names.generation().envPrefix())
        || variable.startsWith(EnvNames.PREFIX);
  }

  private static long effective(String pod, String field, Long container, Long podLevel)
      throws DriverException {
    Long value = container != null ? container : podLevel;
    if (value == null || value == 0L) {
      throw refused(
          pod,
          "runs its agent "
              + (value == null ? "without a " + field : "with " + field + " 0")
              + "; the sandbox runtime needs a non-root identity, so recreate the sandbox");
    }
    return value;
  }

  private static DriverException refused(String pod, String what) {
    return new DriverException(
        DriverException.Kind.FAILED_PRECONDITION, "workload pod " + pod + " " + what);
  }
}
