package dev.berth.render;

import dev.berth.plan.SandboxPlan;
import dev.berth.plan.SecurityPlan.AgentOverrides;
import dev.berth.plan.SecurityPlan.PodOverrides;
import dev.berth.plan.SecurityPlan.SeLinuxChoice;
import dev.berth.plan.SecurityPlan.SeccompChoice;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SELinuxOptionsBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SysctlBuilder;
import java.util.List;

/**
 * The user's {@code security_context} overrides, merged field by field over what the driver set.
 * The validator already refused anything that would loosen the pod or break the topology, so this
 * only merges; it still never drops a topology requirement (capabilities it added or dropped, a
 * disabled privilege escalation, a required non-root user).
 *
 * <p>Pod level follows Kelos's fsGroup carve-out: an override without {@code fs_group} keeps the
 * driver's fsGroup, which the workspace and the sidecar topology rely on.
 */
final class SecurityOverridesDecorator implements PodDecorator {

  @Override
  public PodParts apply(PodParts parts, SandboxPlan plan) {
    PodParts out = parts;
    if (plan.security().pod().isPresent()) {
      PodSecurityContext merged =
          pod(parts.spec().getSecurityContext(), plan.security().pod().get());
      out = out.withSpec(Copies.edit(parts.spec(), s -> s.setSecurityContext(merged)));
    }
    if (plan.security().agent().isPresent()) {
      SecurityContext merged =
          agent(parts.agent().getSecurityContext(), plan.security().agent().get());
      out = out.withAgent(Copies.edit(parts.agent(), c -> c.setSecurityContext(merged)));
    }
    return out;
  }

  static PodSecurityContext pod(PodSecurityContext current, PodOverrides o) {
    PodSecurityContext b = current == null ? new PodSecurityContext() : Copies.copy(current);
    o.fsGroup().ifPresent(b::setFsGroup);
    o.fsGroupChangePolicy().ifPresent(b::setFsGroupChangePolicy);
    if (!o.supplementalGroups().isEmpty()) {
      b.setSupplementalGroups(o.supplementalGroups());
    }
    o.runAsUser().ifPresent(b::setRunAsUser);
    o.runAsGroup().ifPresent(b::setRunAsGroup);
    o.runAsNonRoot().ifPresent(b::setRunAsNonRoot);
    o.seccompProfile().map(SecurityOverridesDecorator::seccomp).ifPresent(b::setSeccompProfile);
    o.seLinuxOptions().map(SecurityOverridesDecorator::seLinux).ifPresent(b::setSeLinuxOptions);
    if (!o.sysctls().isEmpty()) {
      b.setSysctls(
          o.sysctls().stream()
              .map(s -> new SysctlBuilder().withName(s.name()).withValue(s.value()).build())
              .toList());
    }
    return b;
  }

  static SecurityContext agent(SecurityContext current, AgentOverrides o) {
    var b = SecurityEdits.edit(current);
    boolean readOnlyRoot =
        current != null && Boolean.TRUE.equals(current.getReadOnlyRootFilesystem());
    o.readOnlyRootFilesystem().ifPresent(v -> b.setReadOnlyRootFilesystem(v || readOnlyRoot));
    o.runAsUser().ifPresent(b::setRunAsUser);
    o.runAsGroup().ifPresent(b::setRunAsGroup);
    boolean nonRoot = current != null && Boolean.TRUE.equals(current.getRunAsNonRoot());
    o.runAsNonRoot().ifPresent(v -> b.setRunAsNonRoot(v || nonRoot));
    o.seccompProfile().map(SecurityOverridesDecorator::seccomp).ifPresent(b::setSeccompProfile);
    o.seLinuxOptions().map(SecurityOverridesDecorator::seLinux).ifPresent(b::setSeLinuxOptions);
    boolean noEscalation =
        current != null && Boolean.FALSE.equals(current.getAllowPrivilegeEscalation());
    o.allowPrivilegeEscalation().ifPresent(v -> b.setAllowPrivilegeEscalation(v && !noEscalation));
    if (!o.capabilitiesDrop().isEmpty()) {
      b.setCapabilities(capabilities(current == null ? null : current.getCapabilities(), o));
    }
    return b;
  }

  /** The topology's drops plus the user's (deduplicated); the topology's adds untouched. */
  private static Capabilities capabilities(Capabilities current, AgentOverrides o) {
    List<String> drop = current == null ? List.of() : EnvAndMounts.orEmpty(current.getDrop());
    List<String> add = current == null ? List.of() : EnvAndMounts.orEmpty(current.getAdd());
    return new CapabilitiesBuilder()
        .withAdd(add)
        .withDrop(EnvAndMounts.union(drop, o.capabilitiesDrop()))
        .build();
  }

  private static SeccompProfile seccomp(SeccompChoice s) {
    return SecurityEdits.seccomp(s.type(), s.localhostProfile());
  }

  private static SELinuxOptions seLinux(SeLinuxChoice s) {
    return new SELinuxOptionsBuilder()
        .withUser(s.user().orElse(null))
        .withRole(s.role().orElse(null))
        .withType(s.type().orElse(null))
        .withLevel(s.level().orElse(null))
        .build();
  }
}
