package dev.berth.render;

import static dev.berth.naming.ManagedNames.*;

import dev.berth.naming.ContainerPaths;
import dev.berth.naming.EnvNames;
import dev.berth.plan.SandboxPlan;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.Topology;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.List;

/**
 * How the sandbox proves itself to the gateway: a projected, audience-bound ServiceAccount token,
 * the client TLS secret and the SPIFFE Workload API socket, each only when configured. They go on
 * the agent as upstream does; the sidecar topology later moves them into the network sidecar. With
 * SPIFFE on, the pod also gets the labels its SPIRE registration selects on.
 */
final class GatewayCredentialsDecorator implements PodDecorator {

  /** CSI driver of the SPIFFE Workload API socket. */
  static final String SPIFFE_CSI_DRIVER = "csi.spiffe.io";

  @Override
  public PodParts apply(PodParts parts, SandboxPlan plan) {
    DriverSettings s = plan.settings();
    // Owner-only in the combined topology (the supervisor runs as root); group-readable in the
    // sidecar topology, where the network sidecar may run as the non-root proxy UID.
    int mode =
        s.supervisor().topology() == Topology.SIDECAR
            ? UpstreamProxyParts.GROUP_READ
            : UpstreamProxyParts.OWNER_READ;

    List<Volume> volumes = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    List<EnvVar> env = new ArrayList<>(EnvAndMounts.orEmpty(parts.agent().getEnv()));

    s.gateway()
        .clientTlsSecretName()
        .ifPresent(
            secret -> {
              volumes.add(
                  new VolumeBuilder()
                      .withName(CLIENT_TLS_VOLUME)
                      .withNewSecret()
                      .withSecretName(secret)
                      .withDefaultMode(mode)
                      .endSecret()
                      .build());
              mounts.add(EnvAndMounts.readOnlyMount(CLIENT_TLS_VOLUME, CLIENT_TLS_DIR));
            });
    s.gateway()
        .spiffeWorkloadApiSocket()
        .ifPresent(
            socket -> {
              volumes.add(
                  new VolumeBuilder()
                      .withName(SPIFFE_VOLUME)
                      .withNewCsi()
                      .withDriver(SPIFFE_CSI_DRIVER)
                      .withReadOnly(true)
                      .endCsi()
                      .build());
              mounts.add(EnvAndMounts.readOnlyMount(SPIFFE_VOLUME, ContainerPaths.parent(socket)));
            });
    volumes.add(saToken(s.gateway().saTokenTtlSecs(), mode));
    mounts.add(EnvAndMounts.readOnlyMount(SA_TOKEN_VOLUME, SA_TOKEN_DIR));

    List<EnvVar> out = env;
    if (s.gateway().clientTlsSecretName().isPresent()) {
      out = EnvAndMounts.upsert(out, EnvNames.TLS_CA, CLIENT_TLS_DIR + "/" + TLS_CA_FILE_NAME);
      out = EnvAndMounts.upsert(out, EnvNames.TLS_CERT, CLIENT_TLS_DIR + "/" + TLS_CERT_FILE_NAME);
      out = EnvAndMounts.upsert(out, EnvNames.TLS_KEY, CLIENT_TLS_DIR + "/" + TLS_KEY_FILE_NAME);
    }
    out = EnvAndMounts.upsert(out, EnvNames.SA_TOKEN_FILE, SA_TOKEN_FILE);
    for (String socket : s.gateway().spiffeWorkloadApiSocket().stream().toList()) {
      out = EnvAndMounts.upsert(out, EnvNames.SPIFFE_SOCKET, socket);
    }

    List<EnvVar> agentEnv = out;
    PodParts withAgent =
        parts.withAgent(
            Copies.edit(
                parts.agent(),
                c -> {
                  c.setVolumeMounts(Copies.append(c.getVolumeMounts(), mounts));
                  c.setEnv(agentEnv);
                }));
    // The upstream proxy's credential volume is the topology's: it decides who mounts it.
    return withAgent.addVolumes(volumes.toArray(Volume[]::new));
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
