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
  POD("Pod identity and workspace storage", "Who the sandbox runs as and where its files live."),
  GATEWAY(
      "Gateway connection and telemetry",
      "How the supervisor in each sandbox reaches the gateway and proves who it is.");

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
