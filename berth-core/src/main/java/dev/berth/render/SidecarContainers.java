package dev.berth.render;

import static dev.berth.naming.ManagedNames.CLIENT_TLS_DIR;
import static dev.berth.naming.ManagedNames.CLIENT_TLS_VOLUME;
import static dev.berth.naming.ManagedNames.NETWORK_INIT;
import static dev.berth.naming.ManagedNames.NETWORK_SIDECAR_CONTAINER;
import static dev.berth.naming.ManagedNames.PROXY_TLS_DIR;
import static dev.berth.naming.ManagedNames.SA_TOKEN_DIR;
import static dev.berth.naming.ManagedNames.SA_TOKEN_VOLUME;
import static dev.berth.naming.ManagedNames.SIDECAR_STATE_DIR;
import static dev.berth.naming.ManagedNames.SIDECAR_STATE_VOLUME;
import static dev.berth.naming.ManagedNames.SIDECAR_TLS_VOLUME;
import static dev.berth.naming.ManagedNames.SPIFFE_VOLUME;
import static dev.berth.naming.ManagedNames.SUPERVISOR_IMAGE_BINARY;

import dev.berth.naming.ContainerPaths;
import dev.berth.naming.LinuxCapabilities;
import dev.berth.naming.SupervisorContract;
import dev.berth.plan.SandboxPlan;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/** The two supervisor-image containers of the sidecar topology. */
final class SidecarContainers {

  private SidecarContainers() {}

  /**
   * The UID the network sidecar runs as. Binary-aware policy needs SYS_PTRACE and DAC_READ_SEARCH
   * in the effective set, which Kubernetes grants without privilege escalation only to UID 0.
   */
  static long proxyUid(DriverSettings settings) {
    return settings.supervisor().binaryAwareNetworkPolicy()
        ? 0L
        : settings.supervisor().sidecarProxyUid();
  }

  /**
   * {@code openshell-network-init}: installs the pod's nftables redirect (exempting the proxy UID)
   * and hands the state and TLS directories to the proxy UID. It stays root — the one driver init
   * container that does: Kubernetes puts added capabilities into the effective set only for UID 0
   * (no ambient capabilities), and NET_ADMIN/NET_RAW are needed to program nftables while
   * CHOWN/FOWNER are needed to hand the directories over. Every other capability is dropped and
   * privilege escalation is off.
   */
  static Container networkInit(SandboxPlan plan) {
    DriverSettings s = plan.settings();
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(EnvAndMounts.mount(SIDECAR_STATE_VOLUME, SIDECAR_STATE_DIR));
    mounts.add(EnvAndMounts.mount(SIDECAR_TLS_VOLUME, PROXY_TLS_DIR));
    if (s.gateway().clientTlsSecretName().isPresent()) {
      mounts.add(EnvAndMounts.readOnlyMount(CLIENT_TLS_VOLUME, CLIENT_TLS_DIR));
    }
    SecurityContext security = Hardening.driverContainer(plan, 0L, LinuxCapabilities.NETWORK_INIT);
    security.setAppArmorProfile(SecurityEdits.appArmor(s.podIdentity().appArmorProfile()));
    return EnvAndMounts.container(
        NETWORK_INIT,
        s.images().supervisorImage(),
        s.images().supervisorImagePullPolicy(),
        List.of(
            SUPERVISOR_IMAGE_BINARY,
            SupervisorContract.MODE_NETWORK_INIT,
            SupervisorContract.PROXY_UID,
            Long.toString(proxyUid(s)),
            SupervisorContract.PROXY_GID,
            Long.toString(plan.security().sandboxGid()),
            SupervisorContract.SIDECAR_STATE_DIR,
            SIDECAR_STATE_DIR,
            SupervisorContract.SIDECAR_TLS_DIR,
            PROXY_TLS_DIR),
        security,
        mounts);
  }

  /** {@code openshell-supervisor-network}: the proxy and firewall, holding every credential. */
  static void networkSidecar(PodContribution.Builder out, SandboxPlan plan) {
    DriverSettings s = plan.settings();
    boolean binaryAware = s.supervisor().binaryAwareNetworkPolicy();
    long uid = proxyUid(s);
    List<String> command =
        new ArrayList<>(List.of(SUPERVISOR_IMAGE_BINARY, SupervisorContract.MODE_NETWORK));
    command.addAll(UpstreamProxyParts.args(s.supervisor().proxy()));

    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(EnvAndMounts.mount(SIDECAR_STATE_VOLUME, SIDECAR_STATE_DIR));
    mounts.add(EnvAndMounts.mount(SIDECAR_TLS_VOLUME, PROXY_TLS_DIR));
    mounts.add(EnvAndMounts.readOnlyMount(SA_TOKEN_VOLUME, SA_TOKEN_DIR));
    s.gateway()
        .spiffeWorkloadApiSocket()
        .ifPresent(
            socket ->
                mounts.add(
                    EnvAndMounts.readOnlyMount(SPIFFE_VOLUME, ContainerPaths.parent(socket))));
    mounts.addAll(UpstreamProxyParts.authMounts(s.supervisor().proxy()));

    SecurityContext security =
        Hardening.driverContainer(
            plan, uid, binaryAware ? LinuxCapabilities.BINARY_AWARE_SIDECAR : List.of());
    security.setRunAsGroup(plan.security().sandboxGid());
    security.setRunAsNonRoot(uid != 0);
    security.setAppArmorProfile(SecurityEdits.appArmor(s.podIdentity().appArmorProfile()));
    out.container(
            ContainerSlot.NETWORK_SIDECAR,
            c -> {
              c.setName(NETWORK_SIDECAR_CONTAINER);
              c.setImage(s.images().supervisorImage());
              s.images()
                  .supervisorImagePullPolicy()
                  .ifPresent(p -> c.setImagePullPolicy(p.value()));
              c.setCommand(command);
              c.setSecurityContext(security);
            })
        .env(ContainerSlot.NETWORK_SIDECAR, SidecarEnv.env(plan))
        .mounts(ContainerSlot.NETWORK_SIDECAR, mounts);
  }
}
