package dev.berth.security;

import dev.berth.naming.LinuxCapabilities;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The narrowest SCC that admits every given pod unchanged ({@link SccAdmission}): each field is the
 * tightest value all pods satisfy. Capabilities are the union of what containers add and the
 * required drops the intersection of what they drop; a strategy is a range only when every value
 * lies in the namespace's range; seccomp is constrained only when every container sets a profile.
 */
final class SccDerivation {

  private SccDerivation() {}

  static Scc derive(String name, List<PodSpec> pods, SccNamespace namespace) {
    Set<String> added = new TreeSet<>();
    Set<String> dropped = null;
    boolean escalation = false;
    boolean privileged = false;
    boolean allReadOnly = true;
    boolean seLinux = false;
    List<Long> uids = new ArrayList<>();
    boolean uidUnset = false;
    List<Long> fsGroups = new ArrayList<>();
    List<Long> supplemental = new ArrayList<>();
    Set<String> seccomp = new LinkedHashSet<>();
    boolean seccompUnset = false;
    Set<String> volumes = new TreeSet<>();
    for (PodSpec spec : pods) {
      PodView pod = PodView.of(spec, Map.of());
      PodSecurityContext p = pod.context();
      Optional.ofNullable(p.getFsGroup()).ifPresent(fsGroups::add);
      if (p.getSupplementalGroups() != null) {
        supplemental.addAll(p.getSupplementalGroups());
      }
      seLinux |= p.getSeLinuxOptions() != null;
      ContainerView.listOf(spec.getVolumes())
          .forEach(v -> VolumeTypes.of(v).ifPresent(volumes::add));
      for (ContainerView c : pod.containers()) {
        SecurityContext sc = c.context();
        added.addAll(BaselineChecks.added(sc));
        Set<String> drops = new TreeSet<>(BaselineChecks.dropped(sc));
        if (dropped == null) {
          dropped = drops;
        } else {
          dropped.retainAll(drops);
        }
        escalation |= !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation());
        privileged |= Boolean.TRUE.equals(sc.getPrivileged());
        allReadOnly &= Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem());
        seLinux |= sc.getSeLinuxOptions() != null;
        Long uid =
            pod.effective(
                    c, SecurityContext::getRunAsUser, PodSecurityContext::getRunAsUser, "runAsUser")
                .value();
        if (uid == null) {
          uidUnset = true;
        } else {
          uids.add(uid);
        }
        SeccompProfile profile =
            pod.effective(
                    c,
                    SecurityContext::getSeccompProfile,
                    PodSecurityContext::getSeccompProfile,
                    "")
                .value();
        if (profile == null) {
          seccompUnset = true;
        } else {
          seccomp.add(SccAdmission.spelling(profile));
        }
      }
    }
    List<String> requiredDrops =
        dropped == null
            ? List.of()
            : dropped.contains(LinuxCapabilities.ALL)
                ? List.of(LinuxCapabilities.ALL)
                : List.copyOf(dropped);
    return new Scc(
        name,
        privileged,
        escalation,
        List.copyOf(added),
        requiredDrops,
        userStrategy(uids, uidUnset, namespace),
        groupStrategy(fsGroups, namespace),
        groupStrategy(supplemental, namespace),
        seLinux ? Scc.Strategy.RUN_AS_ANY : Scc.Strategy.MUST_RUN_AS,
        seccompUnset ? Optional.empty() : Optional.of(List.copyOf(seccomp)),
        allReadOnly,
        List.copyOf(volumes));
  }

  private static Scc.Strategy userStrategy(List<Long> uids, boolean unset, SccNamespace namespace) {
    if (unset || uids.contains(0L)) {
      return Scc.Strategy.RUN_AS_ANY;
    }
    boolean inRange =
        uids.stream().allMatch(u -> namespace.uids().stream().anyMatch(r -> r.contains(u)));
    return inRange ? Scc.Strategy.MUST_RUN_AS_RANGE : Scc.Strategy.MUST_RUN_AS_NON_ROOT;
  }

  private static Scc.Strategy groupStrategy(List<Long> ids, SccNamespace namespace) {
    boolean inRange =
        ids.stream().allMatch(g -> namespace.groups().stream().anyMatch(r -> r.contains(g)));
    return inRange ? Scc.Strategy.MUST_RUN_AS : Scc.Strategy.RUN_AS_ANY;
  }
}
