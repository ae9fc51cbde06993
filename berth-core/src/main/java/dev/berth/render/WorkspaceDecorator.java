package dev.berth.render;

import static dev.berth.naming.ManagedNames.WORKSPACE_PATH;
import static dev.berth.naming.ManagedNames.WORKSPACE_VOLUME;

import dev.berth.plan.SandboxPlan;
import dev.berth.plan.StoragePlan.WorkspacePlan;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;
import java.util.List;
import java.util.Map;

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
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(WORKSPACE_VOLUME);
    VolumeResourceRequirements resources = new VolumeResourceRequirements();
    resources.setRequests(Map.of(STORAGE, new Quantity(ws.storageSize())));
    PersistentVolumeClaimSpec spec = new PersistentVolumeClaimSpec();
    spec.setAccessModes(List.of(READ_WRITE_ONCE));
    spec.setResources(resources);
    ws.storageClass().ifPresent(spec::setStorageClassName);
    PersistentVolumeClaim claim = new PersistentVolumeClaim();
    claim.setApiVersion(null);
    claim.setKind(null);
    claim.setMetadata(metadata);
    claim.setSpec(spec);
    return claim;
  }
}
