package dev.berth.render;

import static dev.berth.naming.ManagedNames.WORKSPACE_PATH;
import static dev.berth.naming.ManagedNames.WORKSPACE_VOLUME;

import dev.berth.naming.ContainerPaths;
import dev.berth.plan.SandboxPlan;
import dev.berth.plan.StoragePlan.WorkspacePlan;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /sandbox} workspace (upstream {@code apply_workspace_persistence}), always present: a
 * {@code workspace} claim template when persistent, else an emptyDir; either way seeded once from
 * the image's {@code /sandbox} by {@code workspace-init} ({@link WorkspaceSeed}), and owned by the
 * sandbox group through the pod's fsGroup.
 *
 * <p>Unlike upstream, user mounts under {@code /sandbox} do not disable the workspace: its mount is
 * placed before them so that they land on top of it.
 */
final class WorkspaceDecorator implements PodDecorator {

  static final String READ_WRITE_ONCE = "ReadWriteOnce";
  static final String STORAGE = "storage";

  @Override
  public PodParts apply(PodParts parts, SandboxPlan plan) {
    WorkspacePlan ws = plan.storage().workspace();
    // agent-sandbox turns each claim template into a pod volume of the same name; adding one here
    // too would duplicate it.
    PodParts out =
        ws.persistent()
            ? parts.withClaimTemplates(plus(parts.claimTemplates(), claimTemplate(ws)))
            : parts.addVolumes(EnvAndMounts.emptyDir(WORKSPACE_VOLUME));
    PodSpec spec =
        Copies.edit(
            parts.spec(),
            s ->
                s.setSecurityContext(
                    SecurityEdits.withFsGroup(
                        s.getSecurityContext(), plan.security().sandboxGid())));
    Container agent =
        Copies.edit(
            parts.agent(),
            c ->
                c.setVolumeMounts(
                    withWorkspaceMount(EnvAndMounts.orEmpty(parts.agent().getVolumeMounts()))));
    return out.withSpec(spec).withAgent(agent).addInitContainers(WorkspaceSeed.container(plan));
  }

  /**
   * Inserts the workspace mount before the first mount under {@code /sandbox}, so the list stays
   * parent-first and nested mounts (such as a claim's {@code sub_path}) land on top of it.
   */
  static List<VolumeMount> withWorkspaceMount(List<VolumeMount> mounts) {
    List<VolumeMount> out = new ArrayList<>(mounts);
    int at = out.size();
    for (int i = 0; i < out.size(); i++) {
      if (ContainerPaths.isOrUnder(out.get(i).getMountPath(), WORKSPACE_PATH)) {
        at = i;
        break;
      }
    }
    out.add(at, EnvAndMounts.mount(WORKSPACE_VOLUME, WORKSPACE_PATH));
    return out;
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

  private static <T> List<T> plus(List<T> list, T item) {
    List<T> out = new ArrayList<>(list);
    out.add(item);
    return out;
  }
}
