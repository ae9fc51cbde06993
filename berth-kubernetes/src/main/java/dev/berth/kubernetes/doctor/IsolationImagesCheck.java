package dev.berth.kubernetes.doctor;

import dev.berth.naming.Generation;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.ImageSettings;
import dev.berth.settings.IsolationSettings;
import java.util.Optional;

/**
 * The images of the two-pod sandbox (issue 14): the supervisor pod runs the supervisor image, the
 * workload pod the static sandbox runtime, and the two speak one protocol, so they must come from
 * the same release as the gateway. The API cannot read an image's version, so the check compares
 * the tags and says which images a G2/G3 sandbox will run.
 */
final class IsolationImagesCheck implements DoctorCheck {

  @Override
  public String name() {
    return "isolation-images";
  }

  @Override
  public String action() {
    return "read the image settings";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    DriverSettings settings = context.settings();
    Optional<Generation> pinned = settings.contract().pinnedGeneration();
    if (pinned.filter(g -> g.runtimeShape() == Generation.RuntimeShape.SINGLE_POD).isPresent()) {
      return CheckResult.ok(
          name(), "pinned to G1: sandboxes run in one pod; the sandbox runtime image is unused.");
    }
    String supervisor = settings.images().supervisorImage();
    String runtime = settings.isolation().sandboxRuntimeImage();
    Optional<String> supervisorTag = tag(supervisor);
    Optional<String> runtimeTag = tag(runtime);
    String images = "supervisor pod " + supervisor + ", workload pod " + runtime;
    if (supervisorTag.isEmpty() || runtimeTag.isEmpty() || !supervisorTag.equals(runtimeTag)) {
      return CheckResult.warn(
          name(),
          "G2/G3 sandboxes would run "
              + images
              + ", whose tags differ or are missing, so they may not be one release.",
          "set "
              + ImageSettings.SUPERVISOR_IMAGE.flag()
              + " and "
              + IsolationSettings.SANDBOX_RUNTIME_IMAGE.flag()
              + " to the release of your gateway.");
    }
    boolean defaults =
        supervisor.equals(ImageSettings.DEFAULT_SUPERVISOR_IMAGE)
            && runtime.equals(IsolationSettings.DEFAULT_SANDBOX_RUNTIME_IMAGE);
    return CheckResult.ok(
        name(),
        "G2/G3 sandboxes run "
            + images
            + " (release "
            + supervisorTag.get()
            + (defaults ? ", Berth's defaults: keep them at your gateway's release" : "")
            + ").");
  }

  /** The tag of an image reference, without a digest; empty when it has none. */
  static Optional<String> tag(String image) {
    int at = image.indexOf('@');
    String name = at < 0 ? image : image.substring(0, at);
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    return colon > slash ? Optional.of(name.substring(colon + 1)) : Optional.empty();
  }
}
