package dev.berth.render.isolation;

import dev.berth.naming.IsolationNames;
import dev.berth.naming.ManagedNames;
import dev.berth.render.EnvAndMounts;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;

/** The corporate proxy credential: one key of the operator's Secret, for the supervisor only. */
final class ProxyAuth {

  private ProxyAuth() {}

  static void add(
      IsolationNames names,
      DriverSettings.UpstreamProxy proxy,
      List<VolumeMount> mounts,
      List<Volume> volumes) {
    proxy
        .credentials()
        .ifPresent(
            credential -> {
              mounts.add(
                  EnvAndMounts.readOnlyMount(
                      IsolationNames.SUPERVISOR_PROXY_AUTH_VOLUME, names.proxyAuthDir()));
              volumes.add(
                  EnvAndMounts.secretVolume(
                      IsolationNames.SUPERVISOR_PROXY_AUTH_VOLUME,
                      credential.secretName(),
                      SupervisorPod.SECRET_MODE,
                      List.of(
                          EnvAndMounts.item(credential.key(), ManagedNames.PROXY_AUTH_FILE_NAME))));
            });
  }
}
