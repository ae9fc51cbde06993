package dev.berth.render;

import dev.berth.config.VolumeSource;
import dev.berth.plan.SandboxPlan;
import dev.berth.plan.StoragePlan.PlannedMount;
import dev.berth.plan.StoragePlan.PlannedVolume;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;

/**
 * The user's volumes and their mounts on the agent container only. Every source here passed the
 * validator, which refuses hostPath and every other source not listed.
 */
final class UserVolumesDecorator implements PodDecorator {

  @Override
  public PodParts apply(PodParts parts, SandboxPlan plan) {
    if (plan.storage().volumes().isEmpty()) {
      return parts;
    }
    List<Volume> volumes =
        plan.storage().volumes().stream().map(UserVolumesDecorator::volume).toList();
    List<VolumeMount> mounts =
        plan.storage().mounts().stream().map(UserVolumesDecorator::mount).toList();
    return parts
        .addVolumes(volumes.toArray(Volume[]::new))
        .withAgent(
            new ContainerBuilder(parts.agent())
                .withVolumeMounts(
                    EnvAndMounts.plus(
                        EnvAndMounts.orEmpty(parts.agent().getVolumeMounts()), mounts))
                .build());
  }

  static VolumeMount mount(PlannedMount m) {
    VolumeMountBuilder b =
        new VolumeMountBuilder().withName(m.volume()).withMountPath(m.mountPath());
    m.subPath().ifPresent(b::withSubPath);
    if (m.readOnly()) {
      b.withReadOnly(true);
    }
    return b.build();
  }

  static Volume volume(PlannedVolume v) {
    VolumeBuilder b = new VolumeBuilder().withName(v.name());
    VolumeSource s = v.source();
    if (s instanceof VolumeSource.Pvc pvc) {
      b.withNewPersistentVolumeClaim()
          .withClaimName(pvc.claimName().orElseThrow())
          .withReadOnly(v.readOnly())
          .endPersistentVolumeClaim();
    } else if (s instanceof VolumeSource.ConfigMap cm) {
      var c = b.withNewConfigMap().withName(cm.name().orElseThrow()).withItems(items(cm.items()));
      cm.defaultMode().ifPresent(m -> c.withDefaultMode(Math.toIntExact(m)));
      cm.optional().ifPresent(c::withOptional);
      c.endConfigMap();
    } else if (s instanceof VolumeSource.Secret secret) {
      var c =
          b.withNewSecret()
              .withSecretName(secret.secretName().orElseThrow())
              .withItems(items(secret.items()));
      secret.defaultMode().ifPresent(m -> c.withDefaultMode(Math.toIntExact(m)));
      secret.optional().ifPresent(c::withOptional);
      c.endSecret();
    } else if (s instanceof VolumeSource.EmptyDir e) {
      var c = b.withNewEmptyDir();
      e.medium().filter(m -> !m.isEmpty()).ifPresent(c::withMedium);
      e.sizeLimit().ifPresent(l -> c.withSizeLimit(new Quantity(l)));
      c.endEmptyDir();
    } else if (s instanceof VolumeSource.Image img) {
      var c = b.withNewImage().withReference(img.reference().orElseThrow());
      img.pullPolicy().ifPresent(c::withPullPolicy);
      c.endImage();
    }
    return b.build();
  }

  private static List<KeyToPath> items(List<VolumeSource.KeyToPath> items) {
    return items.stream()
        .map(
            i -> {
              KeyToPathBuilder k =
                  new KeyToPathBuilder()
                      .withKey(i.key().orElseThrow())
                      .withPath(i.target().orElseThrow());
              i.mode().ifPresent(m -> k.withMode(Math.toIntExact(m)));
              return k.build();
            })
        .toList();
  }
}
