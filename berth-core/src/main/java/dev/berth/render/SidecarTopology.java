package dev.berth.render;

import static dev.berth.naming.ManagedNames.PROXY_TLS_DIR;
import static dev.berth.naming.ManagedNames.SIDECAR_CONTROL_SOCKET;
import static dev.berth.naming.ManagedNames.SIDECAR_SSH_SOCKET;
import static dev.berth.naming.ManagedNames.SIDECAR_STATE_DIR;
import static dev.berth.naming.ManagedNames.SIDECAR_STATE_VOLUME;
import static dev.berth.naming.ManagedNames.SIDECAR_TLS_VOLUME;
import static dev.berth.naming.ManagedNames.SUPERVISOR_BINARY;
import static dev.berth.naming.ManagedNames.WORKSPACE_PATH;

import dev.berth.naming.EnvNames;
import dev.berth.naming.SupervisorContract;
import dev.berth.plan.SandboxPlan;
import dev.berth.settings.Topology;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;

/**
 * The sidecar topology (upstream {@code apply_supervisor_sidecar_topology}): the agent container
 * runs the supervisor in process mode as the non-root sandbox user (see {@link
 * AgentSecurityDecorator}); network enforcement and every gateway credential live in the {@code
 * openshell-supervisor-network} sidecar, prepared by the {@code openshell-network-init} init
 * container.
 */
final class SidecarTopology {

  private SidecarTopology() {}

  static void add(PodContribution.Builder out, SandboxPlan plan) {
    // The sidecar and agent share state and TLS files through emptyDirs owned by the sandbox
    // group (the pod's fsGroup); a shared PID namespace lets the sidecar attribute connections to
    // agent binaries.
    out.spec(s -> s.setShareProcessNamespace(true))
        .volume(EnvAndMounts.emptyDir(SIDECAR_STATE_VOLUME))
        .volume(EnvAndMounts.emptyDir(SIDECAR_TLS_VOLUME))
        .volumes(
            UpstreamProxyParts.authVolume(plan.settings().supervisor().proxy(), Layout.GROUP_READ))
        .initContainer(InitStep.NETWORK_INIT, SidecarContainers.networkInit(plan))
        .container(
            ContainerSlot.AGENT,
            c ->
                c.setCommand(
                    List.of(
                        SUPERVISOR_BINARY,
                        SupervisorContract.MODE_PROCESS,
                        SupervisorContract.WORKDIR,
                        WORKSPACE_PATH)))
        .mounts(
            ContainerSlot.AGENT,
            List.of(
                EnvAndMounts.mount(SIDECAR_STATE_VOLUME, SIDECAR_STATE_DIR),
                EnvAndMounts.mount(SIDECAR_TLS_VOLUME, PROXY_TLS_DIR)))
        // The SSH socket path is the layout's and already in the agent's required variables.
        .env(ContainerSlot.AGENT, topologyEnv(false));
    SidecarContainers.networkSidecar(out, plan);
  }

  /** Variables both supervisor halves need to find each other. */
  static List<EnvVar> topologyEnv(boolean withSshSocket) {
    List<EnvVar> env =
        new ArrayList<>(
            List.of(
                EnvAndMounts.env(EnvNames.SUPERVISOR_TOPOLOGY, Topology.SIDECAR.value()),
                EnvAndMounts.env(
                    EnvNames.NETWORK_ENFORCEMENT_MODE,
                    SupervisorContract.ENFORCEMENT_SIDECAR_NFTABLES)));
    if (withSshSocket) {
      env.add(EnvAndMounts.env(EnvNames.SSH_SOCKET_PATH, SIDECAR_SSH_SOCKET));
    }
    env.add(EnvAndMounts.env(EnvNames.SIDECAR_CONTROL_SOCKET, SIDECAR_CONTROL_SOCKET));
    env.add(EnvAndMounts.env(EnvNames.PROXY_TLS_DIR, PROXY_TLS_DIR));
    return env;
  }
}
