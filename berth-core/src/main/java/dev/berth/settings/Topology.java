package dev.berth.settings;

/** Where the OpenShell supervisor runs relative to the agent. */
public enum Topology {
  /** The supervisor runs inside the agent container as root with four added capabilities. */
  COMBINED("combined"),
  /** The agent runs non-root; network enforcement lives in a separate sidecar container. */
  SIDECAR("sidecar");

  private final String value;

  Topology(String value) {
    this.value = value;
  }

  /** The spelling used in flags, environment variables and Helm values. */
  public String value() {
    return value;
  }
}
