package dev.berth.render;

import static dev.berth.naming.ManagedNames.PROXY_AUTH_DIR;
import static dev.berth.naming.ManagedNames.PROXY_AUTH_FILE;
import static dev.berth.naming.ManagedNames.PROXY_AUTH_FILE_NAME;
import static dev.berth.naming.ManagedNames.PROXY_AUTH_VOLUME;

import dev.berth.naming.SupervisorContract;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.DriverSettings.UpstreamProxy;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * The corporate proxy as the supervisor sees it: command-line arguments and the credential file.
 * Whichever container enforces the network (the agent when combined, the sidecar otherwise) gets
 * both; nothing else sees the credential.
 */
final class UpstreamProxyParts {

  /** Secret files readable by the owner only: the combined supervisor runs as root. */
  static final int OWNER_READ = 0400;

  /** Secret files readable by the fsGroup too: the sidecar may run as the non-root proxy UID. */
  static final int GROUP_READ = 0440;

  private UpstreamProxyParts() {}

  /** Upstream's {@code upstream_proxy_args}, in its order. */
  static List<String> args(UpstreamProxy proxy) {
    List<String> args = new ArrayList<>();
    proxy
        .httpsProxy()
        .ifPresent(url -> args.addAll(List.of(SupervisorContract.UPSTREAM_PROXY, url)));
    proxy
        .noProxy()
        .ifPresent(list -> args.addAll(List.of(SupervisorContract.UPSTREAM_NO_PROXY, list)));
    if (proxy.hasCredentials()) {
      args.addAll(List.of(SupervisorContract.UPSTREAM_PROXY_AUTH_FILE, PROXY_AUTH_FILE));
    }
    if (proxy.authAllowInsecure()) {
      args.add(SupervisorContract.UPSTREAM_PROXY_AUTH_ALLOW_INSECURE);
    }
    if (proxy.connectByHostname()) {
      args.add(SupervisorContract.UPSTREAM_PROXY_CONNECT_BY_HOSTNAME);
    }
    return args;
  }

  /**
   * Adds the credential Secret volume when credentials are configured and it is not there yet
   * (applying a topology twice must not add it twice); the parts unchanged otherwise.
   */
  static PodParts withAuthVolume(PodParts parts, UpstreamProxy proxy, int defaultMode) {
    if (proxy.credentials().isEmpty()
        || EnvAndMounts.hasVolume(parts.volumes(), PROXY_AUTH_VOLUME)) {
      return parts;
    }
    DriverSettings.SecretKey credentials = proxy.credentials().get();
    return parts.addVolumes(
        new VolumeBuilder()
            .withName(PROXY_AUTH_VOLUME)
            .withNewSecret()
            .withSecretName(credentials.secretName())
            .withDefaultMode(defaultMode)
            .addNewItem()
            .withKey(credentials.key())
            .withPath(PROXY_AUTH_FILE_NAME)
            .endItem()
            .endSecret()
            .build());
  }

  /** The credential mount, when credentials are configured. */
  static List<VolumeMount> authMounts(UpstreamProxy proxy) {
    return proxy.hasCredentials()
        ? List.of(EnvAndMounts.readOnlyMount(PROXY_AUTH_VOLUME, PROXY_AUTH_DIR))
        : List.of();
  }
}
