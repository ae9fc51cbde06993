package dev.berth.render;

import dev.berth.naming.LinuxCapabilities;
import dev.berth.plan.SandboxPlan;
import dev.berth.plan.SecurityPlan.AgentOverrides;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent container's security context, decided in one place: what the topology needs, the
 * configured AppArmor profile, then the user's overrides. The validator refused any override that
 * would loosen the container or break the topology; the merge still never drops a topology
 * requirement (capabilities it adds or drops, a disabled privilege escalation, a non-root user).
 */
final class AgentSecurityDecorator implements PodDecorator {

  @Override
  public PodContribution contribute(SandboxPlan plan) {
    SecurityContext security =
        switch (plan.settings().supervisor().topology()) {
          case COMBINED -> combined(plan);
          // The workload runs the capability-free sandbox runtime as the sandbox user, exactly
          // the sidecar topology's agent.
          case SIDECAR, ISOLATION_BACKEND -> sidecar(plan);
        };
    security.setAppArmorProfile(
        SecurityEdits.appArmor(plan.settings().podIdentity().appArmorProfile()));
    plan.security().agent().ifPresent(o -> override(security, o));
    return PodContribution.of(Concern.AGENT_SECURITY)
        .container(ContainerSlot.AGENT, c -> c.setSecurityContext(security))
        .build();
  }

  /**
   * Root with the capabilities the supervisor needs to build the sandbox's network namespace, proxy
   * and confinement; it switches the agent's own processes to the sandbox user itself.
   */
  private static SecurityContext combined(SandboxPlan plan) {
    List<String> add = new ArrayList<>(LinuxCapabilities.COMBINED_AGENT);
    if (plan.scheduling().userNamespaces()) {
      add.addAll(LinuxCapabilities.COMBINED_USER_NAMESPACE_EXTRA);
    }
    SecurityContext security = new SecurityContext();
    security.setRunAsUser(0L);
    Capabilities capabilities = new Capabilities();
    capabilities.setAdd(add);
    security.setCapabilities(capabilities);
    return security;
  }

  /**
   * The sandbox user with every capability dropped. With neither capabilities nor root, the
   * runtime's default syscall filter costs the agent nothing and makes the container meet Pod
   * Security "restricted" (upstream leaves seccomp unset).
   */
  private static SecurityContext sidecar(SandboxPlan plan) {
    SecurityContext security = new SecurityContext();
    security.setRunAsUser(plan.security().sandboxUid());
    security.setRunAsGroup(plan.security().sandboxGid());
    security.setRunAsNonRoot(true);
    security.setAllowPrivilegeEscalation(false);
    security.setSeccompProfile(SecurityEdits.runtimeDefaultSeccomp());
    security.setCapabilities(new Capabilities(List.of(), List.of(LinuxCapabilities.ALL)));
    return security;
  }

  /** The user's overrides merged over the topology's context; they may only tighten it. */
  static void override(SecurityContext b, AgentOverrides o) {
    boolean readOnlyRoot = Boolean.TRUE.equals(b.getReadOnlyRootFilesystem());
    o.readOnlyRootFilesystem().ifPresent(v -> b.setReadOnlyRootFilesystem(v || readOnlyRoot));
    o.runAsUser().ifPresent(b::setRunAsUser);
    o.runAsGroup().ifPresent(b::setRunAsGroup);
    boolean nonRoot = Boolean.TRUE.equals(b.getRunAsNonRoot());
    o.runAsNonRoot().ifPresent(v -> b.setRunAsNonRoot(v || nonRoot));
    o.seccompProfile().map(SecurityEdits::seccomp).ifPresent(b::setSeccompProfile);
    o.seLinuxOptions().map(SecurityEdits::seLinux).ifPresent(b::setSeLinuxOptions);
    boolean noEscalation = Boolean.FALSE.equals(b.getAllowPrivilegeEscalation());
    o.allowPrivilegeEscalation().ifPresent(v -> b.setAllowPrivilegeEscalation(v && !noEscalation));
    if (!o.capabilitiesDrop().isEmpty()) {
      // The topology's drops plus the user's (deduplicated); the topology's adds untouched.
      Capabilities current = b.getCapabilities();
      List<String> drop = current == null ? List.of() : current.getDrop();
      List<String> add = current == null ? List.of() : current.getAdd();
      b.setCapabilities(new Capabilities(add, EnvAndMounts.union(drop, o.capabilitiesDrop())));
    }
  }
}
