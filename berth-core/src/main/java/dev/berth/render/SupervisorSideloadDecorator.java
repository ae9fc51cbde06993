package dev.berth.render;

import static dev.berth.naming.ManagedNames.SUPERVISOR_BINARY;
import static dev.berth.naming.ManagedNames.SUPERVISOR_BIN_DIR;
import static dev.berth.naming.ManagedNames.SUPERVISOR_BIN_VOLUME;
import static dev.berth.naming.ManagedNames.SUPERVISOR_IMAGE_BINARY;
import static dev.berth.naming.ManagedNames.SUPERVISOR_INSTALL_INIT;

import dev.berth.naming.SupervisorContract;
import dev.berth.plan.SandboxPlan;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.PullPolicy;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
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
  public PodParts apply(PodParts parts, SandboxPlan plan) {
    DriverSettings.Images images = plan.settings().images();
    Container agent =
        Copies.edit(
            parts.agent(),
            c ->
                c.setVolumeMounts(
                    Copies.append(
                        c.getVolumeMounts(),
                        List.of(
                            EnvAndMounts.readOnlyMount(
                                SUPERVISOR_BIN_VOLUME, SUPERVISOR_BIN_DIR)))));
    PodParts out = parts.withAgent(agent);
    return switch (images.sideloadMethod()) {
      case IMAGE_VOLUME -> out.addVolumes(imageVolume(images));
      case INIT_CONTAINER ->
          withInstallFirst(
              out.addVolumes(EnvAndMounts.emptyDir(SUPERVISOR_BIN_VOLUME)), install(images, plan));
    };
  }

  private static Volume imageVolume(DriverSettings.Images images) {
    return new VolumeBuilder()
        .withName(SUPERVISOR_BIN_VOLUME)
        .withNewImage()
        .withReference(images.supervisorImage())
        .withPullPolicy(images.supervisorImagePullPolicy().map(PullPolicy::value).orElse(null))
        .endImage()
        .build();
  }

  /**
   * The install container. Upstream runs it as root; it does not need root: kubelet creates an
   * emptyDir world-writable (mode 0777), so any UID can write into it, and the supervisor image
   * ships its binary world-executable (upstream's Dockerfile copies it with mode 0555 so the
   * sidecar's non-root proxy UID can run it). It runs as the sandbox UID/GID instead, with every
   * capability dropped by the hardening decorator, which also fits OpenShift's restricted-v2 UID
   * range. The copy ends up owned by the sandbox user, who gains nothing from that: the agent sees
   * the volume read-only, so the file can be neither replaced nor re-moded from inside the sandbox.
   */
  private static Container install(DriverSettings.Images images, SandboxPlan plan) {
    return new ContainerBuilder()
        .withName(SUPERVISOR_INSTALL_INIT)
        .withImage(images.supervisorImage())
        .withImagePullPolicy(images.supervisorImagePullPolicy().map(PullPolicy::value).orElse(null))
        .withCommand(SUPERVISOR_IMAGE_BINARY, SupervisorContract.COPY_SELF, SUPERVISOR_BINARY)
        .withNewSecurityContext()
        .withRunAsUser(plan.security().sandboxUid())
        .withRunAsGroup(plan.security().sandboxGid())
        .withRunAsNonRoot(true)
        .endSecurityContext()
        .addNewVolumeMount()
        .withName(SUPERVISOR_BIN_VOLUME)
        .withMountPath(SUPERVISOR_BIN_DIR)
        .withReadOnly(false)
        .endVolumeMount()
        .build();
  }

  /** The binary must exist before anything else starts: install runs first. */
  private static PodParts withInstallFirst(PodParts parts, Container install) {
    List<Container> init = new ArrayList<>(parts.initContainers().size() + 1);
    init.add(install);
    init.addAll(parts.initContainers());
    return parts.withInitContainers(init);
  }
}
