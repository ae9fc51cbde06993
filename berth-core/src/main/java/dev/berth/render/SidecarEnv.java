package dev.berth.render;

import static dev.berth.naming.ManagedNames.PROXY_CLIENT_TLS_DIR;
import static dev.berth.naming.ManagedNames.SA_TOKEN_FILE;
import static dev.berth.naming.ManagedNames.TLS_CA_FILE_NAME;
import static dev.berth.naming.ManagedNames.TLS_CERT_FILE_NAME;
import static dev.berth.naming.ManagedNames.TLS_KEY_FILE_NAME;

import dev.berth.naming.EnvNames;
import dev.berth.naming.SupervisorContract;
import dev.berth.plan.SandboxPlan;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The network sidecar's environment. It gets no user environment: only the driver's contract. */
final class SidecarEnv {

  private SidecarEnv() {}

  /**
   * Upstream's {@code supervisor_sidecar_env}: the gateway identity and credentials (TLS read from
   * the copies network-init made), the log level, the topology variables and the sandbox identity.
   */
  static List<EnvVar> env(SandboxPlan plan) {
    DriverSettings.Gateway g = plan.settings().gateway();
    List<EnvVar> env = new ArrayList<>();
    env.add(EnvAndMounts.env(EnvNames.SANDBOX_ID, plan.identity().id()));
    env.add(EnvAndMounts.env(EnvNames.SANDBOX_NAME, plan.identity().name()));
    env.add(EnvAndMounts.env(EnvNames.ENDPOINT, g.grpcEndpoint()));
    env.add(EnvAndMounts.env(EnvNames.TELEMETRY_ENABLED, Boolean.toString(g.telemetryEnabled())));
    env.add(EnvAndMounts.env(EnvNames.NETWORK_RUNTIME_CAPABILITIES, ""));
    if (g.clientTlsSecretName().isPresent()) {
      env.add(EnvAndMounts.env(EnvNames.TLS_CA, PROXY_CLIENT_TLS_DIR + "/" + TLS_CA_FILE_NAME));
      env.add(EnvAndMounts.env(EnvNames.TLS_CERT, PROXY_CLIENT_TLS_DIR + "/" + TLS_CERT_FILE_NAME));
      env.add(EnvAndMounts.env(EnvNames.TLS_KEY, PROXY_CLIENT_TLS_DIR + "/" + TLS_KEY_FILE_NAME));
    }
    env.add(EnvAndMounts.env(EnvNames.SA_TOKEN_FILE, SA_TOKEN_FILE));
    g.spiffeWorkloadApiSocket()
        .ifPresent(socket -> env.add(EnvAndMounts.env(EnvNames.SPIFFE_SOCKET, socket)));
    plan.agent()
        .logLevel()
        .or(() -> Optional.ofNullable(plan.agent().userEnvironment().get(EnvNames.LOG_LEVEL)))
        .ifPresent(level -> env.add(EnvAndMounts.env(EnvNames.LOG_LEVEL, level)));
    env.addAll(SidecarTopology.topologyEnv(true));
    env.add(EnvAndMounts.env(EnvNames.OCI_IMAGE_USER, ""));
    env.add(EnvAndMounts.env(EnvNames.SANDBOX_UID, Long.toString(plan.security().sandboxUid())));
    env.add(EnvAndMounts.env(EnvNames.SANDBOX_GID, Long.toString(plan.security().sandboxGid())));
    if (!plan.settings().supervisor().binaryAwareNetworkPolicy()) {
      env.add(
          EnvAndMounts.env(
              EnvNames.NETWORK_BINARY_IDENTITY, SupervisorContract.BINARY_IDENTITY_RELAXED));
    }
    return env;
  }
}
