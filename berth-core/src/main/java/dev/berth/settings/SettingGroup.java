package dev.berth.settings;

/** Sections of {@code docs/configuration.md}; one per concern, in the order they are shown. */
public enum SettingGroup {
  SERVING("Serving", "How the driver listens for the gateway and reports on itself."),
  CLUSTER("Cluster and workspaces", "Where sandboxes live and which identity their pods use."),
  IMAGES("Images", "The images sandbox pods run and how they are pulled."),
  SUPERVISOR(
      "Supervisor and upstream proxy",
      "How the OpenShell supervisor is arranged in the pod and how sandbox egress reaches a"
          + " corporate proxy."),
  ISOLATION(
      "Isolation backend (G2 and G3)",
      "The two-pod sandbox shape G2 and G3 supervisor images need: the workload pod's sandbox"
          + " runtime, the boundary port the supervisor pod reaches it on, and the corporate proxy"
          + " CA the supervisor trusts. G1 gateways ignore these."),
  POD("Pod identity and workspace storage", "Who the sandbox runs as and where its files live."),
  GATEWAY(
      "Gateway connection and telemetry",
      "How the supervisor in each sandbox reaches the gateway and proves who it is."),
  CONTRACT(
      "Gateway contract and resource admission",
      "Which compute-driver contract generation the gateway speaks, and the resource admission"
          + " policy Berth enforces and reports to G2 and G3 gateways. A setting with a gateway table key"
          + " must say the same as that key of the gateway's own driver table; see"
          + " [compatibility.md](compatibility.md).");

  private final String title;
  private final String intro;

  SettingGroup(String title, String intro) {
    this.title = title;
    this.intro = intro;
  }

  public String title() {
    return title;
  }

  /** One sentence shown under the section heading. */
  public String intro() {
    return intro;
  }
}
