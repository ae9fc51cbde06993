package dev.berth.render;

import static dev.berth.naming.ManagedNames.SUPERVISOR_BINARY;
import static dev.berth.naming.ManagedNames.WORKSPACE_PATH;

import dev.berth.naming.LinuxCapabilities;
import dev.berth.naming.SupervisorContract;
import dev.berth.plan.SandboxPlan;
import dev.berth.settings.DriverSettings.UpstreamProxy;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The combined topology (upstream {@code apply_supervisor_sideload_with_params}): the sideloaded
 * supervisor is the agent container's entrypoint and runs as root with the capabilities it needs to
 * build the sandbox's network namespace, proxy and Landlock/seccomp confinement; it then drops to
 * the sandbox user for the agent's own processes.
 */
final class CombinedTopology {

  private CombinedTopology() {}

  static PodParts apply(PodParts parts, SandboxPlan plan) {
    UpstreamProxy proxy = plan.settings().supervisor().proxy();
    List<String> command =
        new ArrayList<>(List.of(SUPERVISOR_BINARY, SupervisorContract.WORKDIR, WORKSPACE_PATH));
    command.addAll(UpstreamProxyParts.args(proxy));

    Container agent = parts.agent();
    Container updated =
        Copies.edit(
            agent,
            c -> {
              c.setCommand(command);
              c.setSecurityContext(securityContext(agent.getSecurityContext(), plan));
              c.setVolumeMounts(
                  Copies.append(c.getVolumeMounts(), UpstreamProxyParts.authMounts(proxy)));
            });
    return UpstreamProxyParts.withAuthVolume(
        parts.withAgent(updated), proxy, UpstreamProxyParts.OWNER_READ);
  }

  /**
   * Root with the supervisor's capabilities, keeping whatever an earlier decorator set (AppArmor).
   * Capabilities already added stay; the supervisor's are appended without duplicates.
   */
  private static SecurityContext securityContext(SecurityContext current, SandboxPlan plan) {
    List<String> required = new ArrayList<>(LinuxCapabilities.COMBINED_AGENT);
    if (plan.scheduling().userNamespaces()) {
      required.addAll(LinuxCapabilities.COMBINED_USER_NAMESPACE_EXTRA);
    }
    SecurityContext out = SecurityEdits.edit(current);
    out.setRunAsUser(0L);
    io.fabric8.kubernetes.api.model.Capabilities caps = SecurityEdits.capabilities(current);
    caps.setAdd(EnvAndMounts.union(EnvAndMounts.orEmpty(caps.getAdd()), required));
    out.setCapabilities(caps);
    return out;
  }
}
