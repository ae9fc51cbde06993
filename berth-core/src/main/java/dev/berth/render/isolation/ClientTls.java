package dev.berth.render.isolation;

import dev.berth.naming.EnvNames;
import dev.berth.naming.IsolationNames;
import dev.berth.naming.ManagedNames;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.EnvAndMounts;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;

/**
 * How the supervisor trusts an HTTPS gateway. G3 gives it the CA only: projected from the
 * configured Secret in shared mode, staged into the supervisor bootstrap Secret in managed mode
 * (the Secret lives in the gateway's namespace). G2 mounts the whole configured Secret and points
 * the supervisor at its CA, certificate and key, as the G2 driver does.
 */
final class ClientTls {

  private ClientTls() {}

  static void add(
      IsolationNames names,
      SandboxPlan plan,
      List<EnvVar> env,
      List<VolumeMount> mounts,
      List<Volume> volumes) {
    plan.settings()
        .gateway()
        .clientTlsSecretName()
        .ifPresent(
            secret -> {
              if (SupervisorPod.stagesClientCa(names, plan)) {
                env.add(EnvAndMounts.env(names.env(EnvNames.TLS_CA), names.clientCaPath()));
                return;
              }
              String dir = names.clientTlsDir();
              env.add(
                  EnvAndMounts.env(
                      names.env(EnvNames.TLS_CA), dir + "/" + ManagedNames.TLS_CA_FILE_NAME));
              if (names.tcpHealthPort()) {
                volumes.add(
                    EnvAndMounts.secretVolume(
                        IsolationNames.SUPERVISOR_CLIENT_TLS_VOLUME,
                        secret,
                        SupervisorPod.SECRET_MODE,
                        List.of(
                            EnvAndMounts.item(
                                ManagedNames.TLS_CA_FILE_NAME, ManagedNames.TLS_CA_FILE_NAME))));
              } else {
                env.add(
                    EnvAndMounts.env(
                        names.env(EnvNames.TLS_CERT), dir + "/" + ManagedNames.TLS_CERT_FILE_NAME));
                env.add(
                    EnvAndMounts.env(
                        names.env(EnvNames.TLS_KEY), dir + "/" + ManagedNames.TLS_KEY_FILE_NAME));
                volumes.add(
                    EnvAndMounts.secretVolume(
                        IsolationNames.SUPERVISOR_CLIENT_TLS_VOLUME,
                        secret,
                        SupervisorPod.SECRET_MODE,
                        List.of()));
              }
              mounts.add(
                  EnvAndMounts.readOnlyMount(IsolationNames.SUPERVISOR_CLIENT_TLS_VOLUME, dir));
            });
  }
}
