package dev.berth.plan;

/** Served versions of {@code agents.x-k8s.io} Sandbox, newest first (the probe order). */
public enum SandboxApiVersion {
  V1BETA1("v1beta1"),
  V1ALPHA1("v1alpha1");

  public static final String GROUP = "agents.x-k8s.io";
  public static final String KIND = "Sandbox";
  public static final String PLURAL = "sandboxes";

  private final String version;

  SandboxApiVersion(String version) {
    this.version = version;
  }

  public String version() {
    return version;
  }

  /** {@code agents.x-k8s.io/v1beta1}. */
  public String apiVersion() {
    return GROUP + "/" + version;
  }
}
