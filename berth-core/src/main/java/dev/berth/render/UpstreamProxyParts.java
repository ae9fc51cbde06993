package dev.berth.render;

import static dev.berth.naming.ManagedNames.PROXY_AUTH_DIR;
import static dev.berth.naming.ManagedNames.PROXY_AUTH_FILE;
import static dev.berth.naming.ManagedNames.PROXY_AUTH_FILE_NAME;
import static dev.berth.naming.ManagedNames.PROXY_AUTH_VOLUME;

import dev.berth.naming.SupervisorContract;
import dev.berth.settings.DriverSettings.UpstreamProxy;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * The corporate proxy as the supervisor sees it: command-line arguments and the credential file.
 * Whichever container enforces the network (the agent when combined, the sidecar otherwise) gets
 * both; nothing else sees the credential.
 */
final class UpstreamProxyParts {

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

  /** The credential Secret volume, when credentials are configured. */
  static List<Volume> authVolume(UpstreamProxy proxy, int defaultMode) {
    return proxy.credentials().stream()
        .map(
            credentials ->
                EnvAndMounts.secretVolume(
                    PROXY_AUTH_VOLUME,
                    credentials.secretName(),
                    defaultMode,
                    List.of(EnvAndMounts.item(credentials.key(), PROXY_AUTH_FILE_NAME))))
        .toList();
  }

  /** The credential mount, when credentials are configured. */
  static List<VolumeMount> authMounts(UpstreamProxy proxy) {
    return proxy.hasCredentials()
        ? List.of(EnvAndMounts.readOnlyMount(PROXY_AUTH_VOLUME, PROXY_AUTH_DIR))
        : List.of();
  }
}
