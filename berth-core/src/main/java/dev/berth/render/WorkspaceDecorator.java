package dev.berth.render;

import static dev.berth.naming.ManagedNames.WORKSPACE_PATH;
import static dev.berth.naming.ManagedNames.WORKSPACE_VOLUME;

import dev.berth.plan.SandboxPlan;
import dev.berth.plan.StoragePlan.WorkspacePlan;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The {@code /sandbox} workspace (upstream {@code apply_workspace_persistence}), always present: a
 * {@code workspace} claim template when persistent, else an emptyDir; either way seeded once from
 * the image's {@code /sandbox} by {@code workspace-init} ({@link WorkspaceSeed}), and owned by the
 * sandbox group through the pod's fsGroup ({@link PodSecurityDecorator}).
 *
 * <p>Unlike upstream, user mounts under {@code /sandbox} do not disable the workspace: its mount is
 * placed before them so that they land on top of it.
 */
final class WorkspaceDecorator implements PodDecorator {

  static final String READ_WRITE_ONCE = "ReadWriteOnce";
  static final String STORAGE = "storage";

  @Override
  public PodContribution contribute(SandboxPlan plan) {
    WorkspacePlan ws = plan.storage().workspace();
    PodContribution.Builder out =
        PodContribution.of(Concern.WORKSPACE)
            // Parent-first assembly puts this before user mounts nested under /sandbox.
            .mount(ContainerSlot.AGENT, EnvAndMounts.mount(WORKSPACE_VOLUME, WORKSPACE_PATH))
            .initContainer(InitStep.WORKSPACE_SEED, WorkspaceSeed.container(plan));
    // agent-sandbox turns each claim template into a pod volume of the same name; adding one here
    // too would duplicate it.
    return ws.persistent()
        ? out.claimTemplate(claimTemplate(ws)).build()
        : out.volume(EnvAndMounts.emptyDir(WORKSPACE_VOLUME)).build();
  }

  static PersistentVolumeClaim claimTemplate(WorkspacePlan ws) {
    // A claim template is {metadata, spec}: no apiVersion or kind.
    return new PersistentVolumeClaimBuilder()
        .withApiVersion(null)
        .withKind(null)
        .withNewMetadata()
        .withName(WORKSPACE_VOLUME)
        .endMetadata()
        .withNewSpec()
        .withAccessModes(READ_WRITE_ONCE)
        .withNewResources()
        .addToRequests(STORAGE, new Quantity(ws.storageSize()))
        .endResources()
        .withStorageClassName(ws.storageClass().orElse(null))
        .endSpec()
        .build();
  }
}
