package dev.berth.settings;

/** How OpenShell workspaces map to Kubernetes namespaces. */
public enum WorkspaceMode {
  /** One namespace for every workspace; resource names are prefixed with the workspace. */
  SHARED("shared"),
  /** One namespace per workspace, created and deleted by the driver. */
  MANAGED("managed");

  private final String value;

  WorkspaceMode(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
