package dev.berth.render;

import dev.berth.plan.SandboxPlan;
import dev.berth.plan.StoragePlan.PlannedMount;
import dev.berth.plan.StoragePlan.PlannedVolume;
import dev.berth.plan.VolumeSourcePlan;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.ImageVolumeSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;

/**
 * The user's volumes and their mounts on the agent container only. Every source here passed the
 * validator, which refuses hostPath and every other source not listed.
 */
final class UserVolumesDecorator implements PodDecorator {

  @Override
  public PodContribution contribute(SandboxPlan plan) {
    return PodContribution.of(Concern.USER_VOLUMES)
        .volumes(plan.storage().volumes().stream().map(UserVolumesDecorator::volume).toList())
        .mounts(
            ContainerSlot.AGENT,
            plan.storage().mounts().stream().map(UserVolumesDecorator::mount).toList())
        .build();
  }

  // Plain setters rather than fabric8 builders: builders cost most of the render time (see
  // docs/performance.md) and these objects are built once and never edited.
  static VolumeMount mount(PlannedMount m) {
    VolumeMount mount = EnvAndMounts.mount(m.volume(), m.mountPath());
    m.subPath().ifPresent(mount::setSubPath);
    if (m.readOnly()) {
      mount.setReadOnly(true);
    }
    return mount;
  }

  static Volume volume(PlannedVolume v) {
    Volume volume = new Volume();
    volume.setName(v.name());
    VolumeSourcePlan s = v.source();
    if (s instanceof VolumeSourcePlan.Claim claim) {
      volume.setPersistentVolumeClaim(
          new PersistentVolumeClaimVolumeSource(claim.claimName(), v.readOnly()));
    } else if (s instanceof VolumeSourcePlan.ConfigMap cm) {
      ConfigMapVolumeSource c = new ConfigMapVolumeSource();
      c.setName(cm.name());
      c.setItems(items(cm.items()));
      cm.defaultMode().ifPresent(c::setDefaultMode);
      cm.optional().ifPresent(c::setOptional);
      volume.setConfigMap(c);
    } else if (s instanceof VolumeSourcePlan.Secret secret) {
      SecretVolumeSource c = new SecretVolumeSource();
      c.setSecretName(secret.secretName());
      c.setItems(items(secret.items()));
      secret.defaultMode().ifPresent(c::setDefaultMode);
      secret.optional().ifPresent(c::setOptional);
      volume.setSecret(c);
    } else if (s instanceof VolumeSourcePlan.EmptyDir e) {
      EmptyDirVolumeSource c = new EmptyDirVolumeSource();
      e.medium().ifPresent(c::setMedium);
      e.sizeLimit().ifPresent(l -> c.setSizeLimit(new Quantity(l)));
      volume.setEmptyDir(c);
    } else if (s instanceof VolumeSourcePlan.Image img) {
      ImageVolumeSource c = new ImageVolumeSource();
      c.setReference(img.reference());
      img.pullPolicy().ifPresent(p -> c.setPullPolicy(p.value()));
      volume.setImage(c);
    }
    return volume;
  }

  private static List<KeyToPath> items(List<VolumeSourcePlan.ProjectedFile> items) {
    return items.stream()
        .map(
            i -> {
              KeyToPath k = new KeyToPath();
              k.setKey(i.key());
              k.setPath(i.path());
              i.mode().ifPresent(k::setMode);
              return k;
            })
        .toList();
  }
}
