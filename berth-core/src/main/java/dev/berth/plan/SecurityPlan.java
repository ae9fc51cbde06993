package dev.berth.plan;

import java.util.List;
import java.util.Optional;

/**
 * Resolved identity and the user's checked security overrides, which may only tighten what the
 * topology needs. Built by the validator from {@code driver_config}'s security contexts; every
 * value here has passed its rule.
 *
 * @param sandboxUid UID the sandbox user runs as (settings, else OpenShift range, else 1000)
 * @param sandboxGid GID of the sandbox user
 * @param pod pod-level overrides
 * @param agent agent-container overrides
 */
public record SecurityPlan(
    long sandboxUid, long sandboxGid, Optional<PodOverrides> pod, Optional<AgentOverrides> agent) {

  /** A plan without overrides. */
  public static SecurityPlan of(long sandboxUid, long sandboxGid) {
    return new SecurityPlan(sandboxUid, sandboxGid, Optional.empty(), Optional.empty());
  }

  /** Pod-level overrides; absent fields keep what the driver sets. */
  public record PodOverrides(
      Optional<Long> fsGroup,
      Optional<String> fsGroupChangePolicy,
      List<Long> supplementalGroups,
      Optional<Long> runAsUser,
      Optional<Long> runAsGroup,
      Optional<Boolean> runAsNonRoot,
      Optional<SeccompChoice> seccompProfile,
      Optional<SeLinuxChoice> seLinuxOptions,
      List<SysctlSetting> sysctls) {
    public PodOverrides {
      supplementalGroups = List.copyOf(supplementalGroups);
      sysctls = List.copyOf(sysctls);
    }
  }

  /** Agent-container overrides; the validator refused capability additions. */
  public record AgentOverrides(
      Optional<Boolean> readOnlyRootFilesystem,
      Optional<Long> runAsUser,
      Optional<Long> runAsGroup,
      Optional<Boolean> runAsNonRoot,
      Optional<SeccompChoice> seccompProfile,
      Optional<SeLinuxChoice> seLinuxOptions,
      List<String> capabilitiesDrop,
      Optional<Boolean> allowPrivilegeEscalation) {
    public AgentOverrides {
      capabilitiesDrop = List.copyOf(capabilitiesDrop);
    }
  }

  /** A seccomp profile: {@code RuntimeDefault}, or {@code Localhost} with its profile file. */
  public record SeccompChoice(String type, Optional<String> localhostProfile) {}

  /** SELinux options as given (user and role are refused when non-empty). */
  public record SeLinuxChoice(
      Optional<String> user,
      Optional<String> role,
      Optional<String> type,
      Optional<String> level) {}

  /** One namespaced sysctl from the safe set. */
  public record SysctlSetting(String name, String value) {}
}
