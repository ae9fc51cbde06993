package dev.berth.render;

import static dev.berth.naming.ManagedNames.SUPERVISOR_BINARY;
import static dev.berth.naming.ManagedNames.SUPERVISOR_BIN_DIR;
import static dev.berth.naming.ManagedNames.SUPERVISOR_BIN_VOLUME;
import static dev.berth.naming.ManagedNames.SUPERVISOR_IMAGE_BINARY;
import static dev.berth.naming.ManagedNames.SUPERVISOR_INSTALL_INIT;

import dev.berth.naming.SupervisorContract;
import dev.berth.plan.SandboxPlan;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ImageVolumeSource;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;

/**
 * Delivers the supervisor binary to the agent container at {@code /opt/openshell/bin}, read-only,
 * in both topologies (upstream {@code apply_supervisor_binary_source}): either the supervisor image
 * mounted as an {@code image} volume (Kubernetes 1.33+, on by default from 1.35), or an emptyDir
 * the {@code openshell-supervisor-install} init container fills by running the binary's own {@code
 * copy-self} (the image is scratch: there is no shell or {@code cp}).
 */
final class SupervisorSideloadDecorator implements PodDecorator {

  @Override
  public PodContribution contribute(SandboxPlan plan) {
    DriverSettings.Images images = plan.settings().images();
    if (Layout.of(plan).isolation()) {
      // The supervisor runs in its own pod from its own image; the workload runs the sandbox
      // runtime, which the isolation topology stages.
      return PodContribution.of(Concern.SUPERVISOR_SIDELOAD).build();
    }
    PodContribution.Builder out =
        PodContribution.of(Concern.SUPERVISOR_SIDELOAD)
            .mount(
                ContainerSlot.AGENT,
                EnvAndMounts.readOnlyMount(SUPERVISOR_BIN_VOLUME, SUPERVISOR_BIN_DIR));
    return switch (images.sideloadMethod()) {
      case IMAGE_VOLUME -> out.volume(imageVolume(images)).build();
      case INIT_CONTAINER ->
          out.volume(EnvAndMounts.emptyDir(SUPERVISOR_BIN_VOLUME))
              .initContainer(InitStep.SUPERVISOR_INSTALL, install(images, plan))
              .build();
    };
  }

  private static Volume imageVolume(DriverSettings.Images images) {
    ImageVolumeSource image = new ImageVolumeSource();
    image.setReference(images.supervisorImage());
    images.supervisorImagePullPolicy().ifPresent(p -> image.setPullPolicy(p.value()));
    Volume volume = new Volume();
    volume.setName(SUPERVISOR_BIN_VOLUME);
    volume.setImage(image);
    return volume;
  }

  /**
   * The install container. Upstream runs it as root; it does not need root: kubelet creates an
   * emptyDir world-writable (mode 0777), so any UID can write into it, and the supervisor image
   * ships its binary world-executable (upstream's Dockerfile copies it with mode 0555 so the
   * sidecar's non-root proxy UID can run it). It runs as the sandbox UID/GID instead, with every
   * capability dropped, which also fits OpenShift's restricted-v2 UID range. The copy ends up owned
   * by the sandbox user, who gains nothing from that: the agent sees the volume read-only, so the
   * file can be neither replaced nor re-moded from inside the sandbox.
   */
  private static Container install(DriverSettings.Images images, SandboxPlan plan) {
    SecurityContext security =
        Hardening.driverContainer(plan, plan.security().sandboxUid(), List.of());
    security.setRunAsGroup(plan.security().sandboxGid());
    security.setRunAsNonRoot(true);
    VolumeMount mount = EnvAndMounts.mount(SUPERVISOR_BIN_VOLUME, SUPERVISOR_BIN_DIR);
    mount.setReadOnly(false);
    return EnvAndMounts.container(
        SUPERVISOR_INSTALL_INIT,
        images.supervisorImage(),
        images.supervisorImagePullPolicy(),
        List.of(SUPERVISOR_IMAGE_BINARY, SupervisorContract.COPY_SELF, SUPERVISOR_BINARY),
        security,
        List.of(mount));
  }
}
