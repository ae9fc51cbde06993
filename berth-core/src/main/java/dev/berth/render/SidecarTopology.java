package dev.berth.render;

import static dev.berth.naming.ManagedNames.*;

import dev.berth.naming.EnvNames;
import dev.berth.naming.LinuxCapabilities;
import dev.berth.naming.SupervisorContract;
import dev.berth.plan.SandboxPlan;
import dev.berth.settings.Topology;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * The sidecar topology (upstream {@code apply_supervisor_sidecar_topology}): the agent container
 * runs the supervisor in process mode as the non-root sandbox user with every capability dropped;
 * network enforcement and every gateway credential live in the {@code openshell-supervisor-network}
 * sidecar, prepared by the {@code openshell-network-init} init container.
 */
final class SidecarTopology {

  /** Gateway credential volumes the agent must not see in this topology. */
  static final List<String> AGENT_REMOVED_VOLUMES =
      List.of(SA_TOKEN_VOLUME, CLIENT_TLS_VOLUME, SPIFFE_VOLUME);

  private SidecarTopology() {}

  static PodParts apply(PodParts parts, SandboxPlan plan) {
    long gid = plan.security().sandboxGid();
    // The sidecar and agent share state and TLS files through emptyDirs owned by the sandbox
    // group; a shared PID namespace lets the sidecar attribute connections to agent binaries.
    PodSpec spec =
        Copies.edit(
            parts.spec(),
            s -> {
              s.setShareProcessNamespace(true);
              s.setSecurityContext(SecurityEdits.withFsGroup(s.getSecurityContext(), gid));
            });
    PodParts out =
        parts
            .withSpec(spec)
            .addVolumes(
                EnvAndMounts.emptyDir(SIDECAR_STATE_VOLUME),
                EnvAndMounts.emptyDir(SIDECAR_TLS_VOLUME))
            .addInitContainers(SidecarContainers.networkInit(plan))
            .withAgent(agent(parts.agent(), plan));
    List<Container> sidecars = new ArrayList<>(out.sidecars());
    sidecars.add(SidecarContainers.networkSidecar(plan));
    return UpstreamProxyParts.withAuthVolume(
        out.withSidecars(sidecars),
        plan.settings().supervisor().proxy(),
        UpstreamProxyParts.GROUP_READ);
  }

  private static Container agent(Container agent, SandboxPlan plan) {
    List<VolumeMount> mounts =
        EnvAndMounts.withoutVolumes(
            EnvAndMounts.orEmpty(agent.getVolumeMounts()), AGENT_REMOVED_VOLUMES);
    mounts =
        Copies.append(
            mounts,
            List.of(
                EnvAndMounts.mount(SIDECAR_STATE_VOLUME, SIDECAR_STATE_DIR),
                EnvAndMounts.mount(SIDECAR_TLS_VOLUME, PROXY_TLS_DIR)));

    List<EnvVar> env =
        EnvAndMounts.without(EnvAndMounts.orEmpty(agent.getEnv()), EnvNames.SIDECAR_AGENT_REMOVED);
    for (EnvVar topologyVar : topologyEnv()) {
      env = EnvAndMounts.upsert(env, topologyVar.getName(), topologyVar.getValue());
    }

    // Upstream replaces these fields and keeps the rest (an AppArmor profile set earlier).
    SecurityContext securityContext = SecurityEdits.edit(agent.getSecurityContext());
    securityContext.setRunAsUser(plan.security().sandboxUid());
    securityContext.setRunAsGroup(plan.security().sandboxGid());
    securityContext.setRunAsNonRoot(true);
    securityContext.setAllowPrivilegeEscalation(false);
    // With no capabilities and no root, the runtime's default syscall filter costs the agent
    // nothing and makes the container meet Pod Security "restricted" (upstream leaves it unset).
    if (securityContext.getSeccompProfile() == null) {
      securityContext.setSeccompProfile(SecurityEdits.runtimeDefaultSeccomp());
    }
    securityContext.setCapabilities(
        new io.fabric8.kubernetes.api.model.Capabilities(
            List.of(), List.of(LinuxCapabilities.ALL)));

    List<VolumeMount> agentMounts = mounts;
    List<EnvVar> agentEnv = env;
    return Copies.edit(
        agent,
        c -> {
          c.setCommand(
              List.of(
                  SUPERVISOR_BINARY,
                  SupervisorContract.MODE_PROCESS,
                  SupervisorContract.WORKDIR,
                  WORKSPACE_PATH));
          c.setSecurityContext(securityContext);
          c.setVolumeMounts(agentMounts);
          c.setEnv(agentEnv);
        });
  }

  /** Variables both supervisor halves need to find each other. */
  static List<EnvVar> topologyEnv() {
    return List.of(
        EnvAndMounts.env(EnvNames.SUPERVISOR_TOPOLOGY, Topology.SIDECAR.value()),
        EnvAndMounts.env(
            EnvNames.NETWORK_ENFORCEMENT_MODE, SupervisorContract.ENFORCEMENT_SIDECAR_NFTABLES),
        EnvAndMounts.env(EnvNames.SSH_SOCKET_PATH, SIDECAR_SSH_SOCKET),
        EnvAndMounts.env(EnvNames.SIDECAR_CONTROL_SOCKET, SIDECAR_CONTROL_SOCKET),
        EnvAndMounts.env(EnvNames.PROXY_TLS_DIR, PROXY_TLS_DIR));
  }
}
