package dev.berth.kubernetes.doctor;

import dev.berth.settings.ImageSettings;
import dev.berth.settings.SideloadMethod;
import java.util.Optional;

/**
 * Check 3: the cluster can sideload the supervisor the configured way. Image volumes are GA-ready
 * from Kubernetes 1.35; in 1.33 and 1.34 they are beta behind the {@code ImageVolume} feature gate,
 * which the API does not show; before 1.33 they are unusable.
 */
final class SideloadCheck implements DoctorCheck {

  private static final String USE_INIT =
      "set "
          + ImageSettings.SUPERVISOR_SIDELOAD_METHOD.flag()
          + " "
          + SideloadMethod.INIT_CONTAINER.value()
          + " ("
          + ImageSettings.SUPERVISOR_SIDELOAD_METHOD.env()
          + "), which copies the supervisor with an init container and works on every version";

  @Override
  public String name() {
    return "supervisor-sideload";
  }

  @Override
  public String action() {
    return "read the server version";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    SideloadMethod method = context.settings().images().sideloadMethod();
    Optional<ServerVersion> version = context.version();
    if (method == SideloadMethod.INIT_CONTAINER) {
      boolean imageVolumes = version.map(v -> v.atLeast(1, 35)).orElse(false);
      return CheckResult.ok(
          name(),
          "init-container works on every Kubernetes version"
              + (imageVolumes
                  ? "; this cluster (1.35+) could also use image-volume, which copies nothing."
                  : "."));
    }
    if (version.isEmpty()) {
      return CheckResult.warn(
          name(),
          "image-volume needs Kubernetes 1.35+ (or 1.33+ with the ImageVolume feature gate), and"
              + " the server's version is unreadable.",
          "confirm the version, or " + USE_INIT + ".");
    }
    ServerVersion v = version.get();
    if (v.atLeast(1, 35)) {
      return CheckResult.ok(
          name(), "image-volume: Kubernetes " + v.shortText() + " serves image volumes.");
    }
    if (v.atLeast(1, 33)) {
      return CheckResult.warn(
          name(),
          "image-volume: image volumes are beta in Kubernetes "
              + v.shortText()
              + " and work only where the ImageVolume feature gate is on, which the API cannot"
              + " show; without it sandbox pods fail to start.",
          "confirm the gate is on for the API server and every kubelet, or " + USE_INIT + ".");
    }
    return CheckResult.fail(
        name(),
        "image-volume: Kubernetes "
            + v.shortText()
            + " has no usable image volumes (1.33+ needed).",
        USE_INIT + ".");
  }
}
