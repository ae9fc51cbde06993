package dev.berth.render.isolation;

import dev.berth.naming.IsolationNames;
import dev.berth.naming.ManagedNames;
import dev.berth.naming.SupervisorContract;
import dev.berth.plan.SandboxPlan;
import dev.berth.settings.DriverSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The supervisor's command line in the isolation-backend role (its default role). The two files its
 * argument parser requires for that role ({@link #BACKEND_DESCRIPTOR_FILE}, {@link
 * #AUTH_BUNDLE_FILE}) are always given, and both live in the mounted bootstrap Secret; the proxy
 * flags follow the operator's settings as in the single-pod topologies.
 */
public final class SupervisorArgs {

  public static final String BACKEND_DESCRIPTOR_FILE = "--backend-descriptor-file";
  public static final String AUTH_BUNDLE_FILE = "--auth-bundle-file";
  public static final String HEALTH_SOCKET_PATH = "--health-socket-path";
  public static final String HEALTH_PORT = "--health-port";
  public static final String UPSTREAM_PROXY_CA_BUNDLE = "--upstream-proxy-ca-bundle";

  private SupervisorArgs() {}

  static List<String> command(IsolationNames names, SandboxPlan plan, boolean caBundleStaged) {
    List<String> command = new ArrayList<>();
    command.add(names.supervisorBinary());
    command.add(BACKEND_DESCRIPTOR_FILE);
    command.add(names.backendDescriptorPath());
    command.add(AUTH_BUNDLE_FILE);
    command.add(names.authBundlePath());
    command.add(SupervisorContract.WORKDIR);
    command.add(ManagedNames.WORKSPACE_PATH);
    command.add(HEALTH_SOCKET_PATH);
    command.add(names.healthSocketPath());
    if (names.tcpHealthPort()) {
      command.add(HEALTH_PORT);
      command.add(Integer.toString(IsolationNames.HEALTH_PORT));
    }
    DriverSettings.UpstreamProxy proxy = plan.settings().supervisor().proxy();
    proxy.httpsProxy().ifPresent(url -> add(command, SupervisorContract.UPSTREAM_PROXY, url));
    proxy.noProxy().ifPresent(hosts -> add(command, SupervisorContract.UPSTREAM_NO_PROXY, hosts));
    if (proxy.hasCredentials()) {
      add(command, SupervisorContract.UPSTREAM_PROXY_AUTH_FILE, names.proxyAuthFile());
    }
    if (proxy.authAllowInsecure()) {
      command.add(SupervisorContract.UPSTREAM_PROXY_AUTH_ALLOW_INSECURE);
    }
    if (proxy.connectByHostname()) {
      command.add(SupervisorContract.UPSTREAM_PROXY_CONNECT_BY_HOSTNAME);
    }
    // The bundle rides in the bootstrap Secret, already mounted; G2 supervisors take no such flag.
    if (caBundleStaged && names.tcpHealthPort()) {
      add(command, UPSTREAM_PROXY_CA_BUNDLE, names.upstreamProxyCaBundlePath());
    }
    return command;
  }

  private static void add(List<String> command, String flag, String value) {
    command.add(flag);
    command.add(value);
  }
}
