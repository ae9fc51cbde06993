package dev.berth.render;

import dev.berth.plan.SandboxPlan;
import dev.berth.plan.SecurityPlan.PodOverrides;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;

/**
 * The pod's security context: the sandbox group as fsGroup, which the workspace and the sidecar
 * topology's shared directories rely on, merged with the user's pod-level overrides (which the
 * validator already held to tightening only).
 *
 * <p>This follows Kelos's fsGroup carve-out: an override without {@code fs_group} keeps the
 * driver's fsGroup; one with it replaces it.
 */
final class PodSecurityDecorator implements PodDecorator {

  @Override
  public PodContribution contribute(SandboxPlan plan) {
    PodSecurityContext security =
        Layout.of(plan).isolation()
            ? IsolationWorkload.podSecurity(plan)
            : new PodSecurityContext();
    security.setFsGroup(plan.security().sandboxGid());
    plan.security().pod().ifPresent(o -> override(security, o));
    return PodContribution.of(Concern.POD_SECURITY)
        .spec(s -> s.setSecurityContext(security))
        .build();
  }

  static void override(PodSecurityContext b, PodOverrides o) {
    o.fsGroup().ifPresent(b::setFsGroup);
    o.fsGroupChangePolicy().ifPresent(b::setFsGroupChangePolicy);
    if (!o.supplementalGroups().isEmpty()) {
      b.setSupplementalGroups(o.supplementalGroups());
    }
    o.runAsUser().ifPresent(b::setRunAsUser);
    o.runAsGroup().ifPresent(b::setRunAsGroup);
    o.runAsNonRoot().ifPresent(b::setRunAsNonRoot);
    o.seccompProfile().map(SecurityEdits::seccomp).ifPresent(b::setSeccompProfile);
    o.seLinuxOptions().map(SecurityEdits::seLinux).ifPresent(b::setSeLinuxOptions);
    if (!o.sysctls().isEmpty()) {
      b.setSysctls(o.sysctls().stream().map(s -> new Sysctl(s.name(), s.value())).toList());
    }
  }
}
