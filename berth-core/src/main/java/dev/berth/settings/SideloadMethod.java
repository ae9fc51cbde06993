package dev.berth.settings;

/** How the supervisor binary reaches the sandbox pod. */
public enum SideloadMethod {
  /** An {@code image} volume of the supervisor image (Kubernetes 1.33+, on by default in 1.35). */
  IMAGE_VOLUME("image-volume"),
  /** An init container copies the binary into an emptyDir; works on any Kubernetes version. */
  INIT_CONTAINER("init-container");

  private final String value;

  SideloadMethod(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
