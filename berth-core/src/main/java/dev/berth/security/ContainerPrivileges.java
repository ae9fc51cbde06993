package dev.berth.security;

import dev.berth.naming.LinuxCapabilities;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;
import java.util.Map;

/**
 * The privileges one container runs with, as an administrator reads them: the effective values
 * after the pod's security context fills in what the container leaves unset, in words.
 *
 * @param scope the container
 * @param runAsUser the UID, e.g. {@code 0}, {@code 1000 (pod)}, or {@code image default}
 * @param privileged whether the container is privileged
 * @param added capabilities added to the runtime's defaults
 * @param dropped capabilities removed, e.g. {@code [ALL]}
 * @param privilegeEscalation {@code false}, {@code true}, or {@code unset (allowed)}
 * @param seccomp the seccomp profile type, e.g. {@code RuntimeDefault (pod)}
 */
public record ContainerPrivileges(
    Scope scope,
    String runAsUser,
    boolean privileged,
    List<String> added,
    List<String> dropped,
    String privilegeEscalation,
    String seccomp) {

  public ContainerPrivileges {
    added = List.copyOf(added);
    dropped = List.copyOf(dropped);
  }

  /** Whether the container starts from no capabilities at all. */
  public boolean dropsAll() {
    return dropped.contains(LinuxCapabilities.ALL);
  }

  /** Every container of the pod, init containers first. */
  public static List<ContainerPrivileges> of(PodSpec spec) {
    PodView pod = PodView.of(spec, Map.of());
    return pod.containers().stream().map(c -> of(pod, c)).toList();
  }

  private static ContainerPrivileges of(PodView pod, ContainerView c) {
    SecurityContext sc = c.context();
    var uid =
        pod.effective(
            c, SecurityContext::getRunAsUser, PodSecurityContext::getRunAsUser, "runAsUser");
    var seccomp =
        pod.effective(
            c,
            x -> x.getSeccompProfile() == null ? null : x.getSeccompProfile().getType(),
            x -> x.getSeccompProfile() == null ? null : x.getSeccompProfile().getType(),
            "seccompProfile.type");
    Boolean escalation = sc.getAllowPrivilegeEscalation();
    return new ContainerPrivileges(
        c.scope(),
        uid.value() == null ? "image default" : uid.value() + (uid.inherited() ? " (pod)" : ""),
        Boolean.TRUE.equals(sc.getPrivileged()),
        BaselineChecks.added(sc),
        BaselineChecks.dropped(sc),
        escalation == null ? "unset (allowed)" : escalation.toString(),
        seccomp.value() == null
            ? "unset (node default)"
            : seccomp.value() + (seccomp.inherited() ? " (pod)" : ""));
  }
}
