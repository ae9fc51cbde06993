package dev.berth.render;

import static dev.berth.naming.ManagedNames.CLIENT_TLS_DIR;
import static dev.berth.naming.ManagedNames.CLIENT_TLS_VOLUME;
import static dev.berth.naming.ManagedNames.SA_TOKEN_AUDIENCE;
import static dev.berth.naming.ManagedNames.SA_TOKEN_DIR;
import static dev.berth.naming.ManagedNames.SA_TOKEN_FILE;
import static dev.berth.naming.ManagedNames.SA_TOKEN_FILE_NAME;
import static dev.berth.naming.ManagedNames.SA_TOKEN_TTL_DEFAULT;
import static dev.berth.naming.ManagedNames.SA_TOKEN_TTL_MAX;
import static dev.berth.naming.ManagedNames.SA_TOKEN_TTL_MIN;
import static dev.berth.naming.ManagedNames.SA_TOKEN_VOLUME;
import static dev.berth.naming.ManagedNames.SPIFFE_VOLUME;
import static dev.berth.naming.ManagedNames.TLS_CA_FILE_NAME;
import static dev.berth.naming.ManagedNames.TLS_CERT_FILE_NAME;
import static dev.berth.naming.ManagedNames.TLS_KEY_FILE_NAME;

import dev.berth.naming.ContainerPaths;
import dev.berth.naming.EnvNames;
import dev.berth.plan.SandboxPlan;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.CSIVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.List;

/**
 * How the sandbox proves itself to the gateway: a projected, audience-bound ServiceAccount token,
 * the client TLS secret and the SPIFFE Workload API socket, each only when configured. The volumes
 * are always the pod's; the mounts and paths go to the agent only when the layout says the agent
 * talks to the gateway (combined) — in the sidecar topology the network sidecar, built by the
 * topology, is the only container that mounts them.
 */
final class GatewayCredentialsDecorator implements PodDecorator {

  /** CSI driver of the SPIFFE Workload API socket. */
  static final String SPIFFE_CSI_DRIVER = "csi.spiffe.io";

  @Override
  public PodContribution contribute(SandboxPlan plan) {
    DriverSettings.Gateway g = plan.settings().gateway();
    Layout layout = Layout.of(plan);
    PodContribution.Builder out = PodContribution.of(Concern.GATEWAY_CREDENTIALS);
    if (layout.isolation()) {
      // The workload pod must never hold a gateway credential; the supervisor pod gets them.
      return out.build();
    }
    List<VolumeMount> mounts = new ArrayList<>();
    List<EnvVar> env = new ArrayList<>();

    g.clientTlsSecretName()
        .ifPresent(
            secret -> {
              out.volume(
                  EnvAndMounts.secretVolume(
                      CLIENT_TLS_VOLUME, secret, layout.credentialFileMode(), List.of()));
              mounts.add(EnvAndMounts.readOnlyMount(CLIENT_TLS_VOLUME, CLIENT_TLS_DIR));
              env.add(EnvAndMounts.env(EnvNames.TLS_CA, CLIENT_TLS_DIR + "/" + TLS_CA_FILE_NAME));
              env.add(
                  EnvAndMounts.env(EnvNames.TLS_CERT, CLIENT_TLS_DIR + "/" + TLS_CERT_FILE_NAME));
              env.add(EnvAndMounts.env(EnvNames.TLS_KEY, CLIENT_TLS_DIR + "/" + TLS_KEY_FILE_NAME));
            });
    g.spiffeWorkloadApiSocket()
        .ifPresent(
            socket -> {
              CSIVolumeSource csi = new CSIVolumeSource();
              csi.setDriver(SPIFFE_CSI_DRIVER);
              csi.setReadOnly(true);
              Volume volume = new Volume();
              volume.setName(SPIFFE_VOLUME);
              volume.setCsi(csi);
              out.volume(volume);
              mounts.add(EnvAndMounts.readOnlyMount(SPIFFE_VOLUME, ContainerPaths.parent(socket)));
            });
    out.volume(saToken(g.saTokenTtlSecs(), layout.credentialFileMode()));
    mounts.add(EnvAndMounts.readOnlyMount(SA_TOKEN_VOLUME, SA_TOKEN_DIR));
    env.add(EnvAndMounts.env(EnvNames.SA_TOKEN_FILE, SA_TOKEN_FILE));
    g.spiffeWorkloadApiSocket()
        .ifPresent(socket -> env.add(EnvAndMounts.env(EnvNames.SPIFFE_SOCKET, socket)));

    if (layout.agentHoldsCredentials()) {
      out.mounts(ContainerSlot.AGENT, mounts).env(ContainerSlot.AGENT, env);
    }
    return out.build();
  }

  /** The token is exchanged once at start-up; its lifetime is clamped as upstream clamps it. */
  static Volume saToken(long configuredTtl, int mode) {
    VolumeProjection source = new VolumeProjection();
    ServiceAccountTokenProjection token = new ServiceAccountTokenProjection();
    token.setAudience(SA_TOKEN_AUDIENCE);
    token.setExpirationSeconds(ttl(configuredTtl));
    token.setPath(SA_TOKEN_FILE_NAME);
    source.setServiceAccountToken(token);
    ProjectedVolumeSource projected = new ProjectedVolumeSource();
    projected.setDefaultMode(mode);
    projected.setSources(List.of(source));
    Volume volume = new Volume();
    volume.setName(SA_TOKEN_VOLUME);
    volume.setProjected(projected);
    return volume;
  }

  static long ttl(long configured) {
    if (configured <= 0) {
      return SA_TOKEN_TTL_DEFAULT;
    }
    return Math.max(SA_TOKEN_TTL_MIN, Math.min(SA_TOKEN_TTL_MAX, configured));
  }
}
