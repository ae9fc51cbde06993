package dev.berth.naming;

/**
 * The OpenShell supervisor binary's command line and the fixed environment values it understands,
 * shared by every place that starts it (agent, network sidecar, init containers).
 */
public final class SupervisorContract {

  private SupervisorContract() {}

  // ---- subcommands and modes -------------------------------------------------------------------
  /** Subcommand that copies the running binary to the given path (the image has no shell). */
  public static final String COPY_SELF = "copy-self";

  public static final String WORKDIR = "--workdir";
  public static final String MODE_PROCESS = "--mode=process";
  public static final String MODE_NETWORK = "--mode=network";
  public static final String MODE_NETWORK_INIT = "--mode=network-init";

  // ---- network-init ----------------------------------------------------------------------------
  public static final String PROXY_UID = "--proxy-uid";
  public static final String PROXY_GID = "--proxy-gid";
  public static final String SIDECAR_STATE_DIR = "--sidecar-state-dir";
  public static final String SIDECAR_TLS_DIR = "--sidecar-tls-dir";

  // ---- upstream (corporate) proxy --------------------------------------------------------------
  public static final String UPSTREAM_PROXY = "--upstream-proxy";
  public static final String UPSTREAM_NO_PROXY = "--upstream-no-proxy";
  public static final String UPSTREAM_PROXY_AUTH_FILE = "--upstream-proxy-auth-file";
  public static final String UPSTREAM_PROXY_AUTH_ALLOW_INSECURE =
      "--upstream-proxy-auth-allow-insecure";
  public static final String UPSTREAM_PROXY_CONNECT_BY_HOSTNAME =
      "--upstream-proxy-connect-by-hostname";

  // ---- environment values ----------------------------------------------------------------------
  /** {@link EnvNames#NETWORK_ENFORCEMENT_MODE} in the sidecar topology. */
  public static final String ENFORCEMENT_SIDECAR_NFTABLES = "sidecar-nftables";

  /** {@link EnvNames#NETWORK_BINARY_IDENTITY} when the sidecar cannot inspect agent binaries. */
  public static final String BINARY_IDENTITY_RELAXED = "relaxed";
}
