package dev.berth.render;

/** The driver's init containers, declared in the order they must run. */
enum InitStep {
  /** Stages the sandbox runtime and its bootstrap into memory (isolation backend only). */
  SANDBOX_BOOTSTRAP,
  /** Copies the supervisor binary into place; everything after it may need the binary. */
  SUPERVISOR_INSTALL,
  /** Installs the pod's firewall and hands the sidecar's directories to the proxy user. */
  NETWORK_INIT,
  /** Seeds the workspace from the agent image. */
  WORKSPACE_SEED
}
