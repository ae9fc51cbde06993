package dev.berth.render;

import dev.berth.naming.LinuxCapabilities;
import dev.berth.plan.SandboxPlan;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;

/**
 * What every container the driver adds besides the agent gets (Kelos leaves this out, so its pods
 * cannot pass Pod Security "restricted"): no privilege escalation, every capability dropped except
 * the ones it adds itself, and the runtime's default seccomp profile unless the pod already chose
 * one for all its containers.
 */
final class Hardening {

  private Hardening() {}

  /**
   * The hardened security context for a driver container.
   *
   * @param runAsUser the container's user
   * @param add capabilities it needs in its effective set (only root gets them there)
   */
  static SecurityContext driverContainer(SandboxPlan plan, long runAsUser, List<String> add) {
    SecurityContext security = new SecurityContext();
    security.setRunAsUser(runAsUser);
    security.setAllowPrivilegeEscalation(false);
    security.setCapabilities(new Capabilities(add, List.of(LinuxCapabilities.ALL)));
    if (!podChoosesSeccomp(plan)) {
      security.setSeccompProfile(SecurityEdits.runtimeDefaultSeccomp());
    }
    return security;
  }

  /** True when the pod's own security context sets a seccomp profile every container inherits. */
  static boolean podChoosesSeccomp(SandboxPlan plan) {
    return plan.security().pod().flatMap(p -> p.seccompProfile()).isPresent();
  }
}
