package dev.berth.render;

import static dev.berth.naming.ManagedNames.SUPERVISOR_BINARY;
import static dev.berth.naming.ManagedNames.WORKSPACE_PATH;

import dev.berth.naming.SupervisorContract;
import dev.berth.plan.SandboxPlan;
import dev.berth.settings.DriverSettings.UpstreamProxy;
import java.util.ArrayList;
import java.util.List;

/**
 * The combined topology (upstream {@code apply_supervisor_sideload_with_params}): the sideloaded
 * supervisor is the agent container's entrypoint; it runs as root with the capabilities it needs to
 * build the sandbox's network namespace, proxy and Landlock/seccomp confinement (see {@link
 * AgentSecurityDecorator}), then drops to the sandbox user for the agent's own processes.
 */
final class CombinedTopology {

  private CombinedTopology() {}

  static void add(PodContribution.Builder out, SandboxPlan plan) {
    UpstreamProxy proxy = plan.settings().supervisor().proxy();
    List<String> command =
        new ArrayList<>(List.of(SUPERVISOR_BINARY, SupervisorContract.WORKDIR, WORKSPACE_PATH));
    command.addAll(UpstreamProxyParts.args(proxy));
    out.container(ContainerSlot.AGENT, c -> c.setCommand(command))
        .mounts(ContainerSlot.AGENT, UpstreamProxyParts.authMounts(proxy))
        .volumes(UpstreamProxyParts.authVolume(proxy, Layout.OWNER_READ));
  }
}
