package dev.berth.render;

import static dev.berth.render.Contributions.mount;
import static dev.berth.render.Contributions.mountNames;
import static dev.berth.render.Contributions.touched;
import static dev.berth.render.Contributions.volume;
import static dev.berth.render.Contributions.volumeNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.ImageVolumeSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserVolumesDecoratorTest {

  static PodContribution contribute(String driverConfig) {
    return new UserVolumesDecorator()
        .contribute(TestPlans.builder().driverConfig(driverConfig).build());
  }

  static List<VolumeMount> agentMounts(PodContribution c) {
    return c.container(ContainerSlot.AGENT).mounts();
  }

  @Test
  void withoutVolumesNothingIsAdded() {
    PodContribution c = new UserVolumesDecorator().contribute(TestPlans.basic());

    assertThat(touched(c)).isEmpty();
  }

  @Test
  void pvcIsReadOnlyByDefaultAndSoAreItsMounts() {
    PodContribution c =
        contribute(
            """
            {"volumes": [{"name": "models", "persistent_volume_claim": {"claim_name": "team-models"}}],
             "containers": {"agent": {"volume_mounts": [{"name": "models", "mount_path": "/models"}]}}}
            """);

    PersistentVolumeClaimVolumeSource pvc =
        volume(c.volumes(), "models").getPersistentVolumeClaim();
    assertThat(pvc.getClaimName()).isEqualTo("team-models");
    assertThat(pvc.getReadOnly()).isTrue();
    assertThat(agentMounts(c)).containsExactly(mount("models", "/models", true, null));
  }

  /** Mounts and volumes go to the agent and the pod only: no sidecar, no init container. */
  @Test
  void writablePvcMountsFollowTheirOwnFlagAndSubPath() {
    PodContribution c = contribute(RenderScenarios.PVC_SUBPATHS);

    assertThat(touched(c)).containsExactly("AGENT.volumeMounts", "volumes");
    assertThat(volumeNames(c.volumes())).containsExactly("team-share");
    PersistentVolumeClaimVolumeSource pvc =
        volume(c.volumes(), "team-share").getPersistentVolumeClaim();
    assertThat(pvc.getClaimName()).isEqualTo("team-a-share");
    assertThat(pvc.getReadOnly()).isFalse();
    // In the plan's order (by depth, then path); trailing slash normalized; a writable mount
    // leaves readOnly unset.
    assertThat(agentMounts(c))
        .containsExactly(
            mount("team-share", "/mnt/shared", null, "shared"),
            mount("team-share", "/sandbox/cache", null, "cache/agent"),
            mount("team-share", "/sandbox/models", true, "models"));
  }

  @Test
  void configMapSecretEmptyDirAndImageVolumesKeepEveryField() {
    PodContribution c = contribute(RenderScenarios.ALL_VOLUME_KINDS);

    assertThat(volumeNames(c.volumes())).containsExactly("corp-ca", "token", "scratch", "datasets");

    ConfigMapVolumeSource cm = volume(c.volumes(), "corp-ca").getConfigMap();
    assertThat(cm.getName()).isEqualTo("corp-ca-bundle");
    assertThat(cm.getDefaultMode()).isEqualTo(0444);
    assertThat(cm.getOptional()).isNull();
    assertThat(cm.getItems())
        .containsExactly(
            new KeyToPathBuilder().withKey("ca.crt").withPath("ca-bundle.crt").build());

    SecretVolumeSource secret = volume(c.volumes(), "token").getSecret();
    assertThat(secret.getSecretName()).isEqualTo("api-token");
    assertThat(secret.getDefaultMode()).isEqualTo(0400);
    assertThat(secret.getOptional()).isTrue();
    assertThat(secret.getItems()).isEmpty();

    EmptyDirVolumeSource emptyDir = volume(c.volumes(), "scratch").getEmptyDir();
    assertThat(emptyDir.getMedium()).isEqualTo("Memory");
    assertThat(emptyDir.getSizeLimit().toString()).isEqualTo("1Gi");

    ImageVolumeSource image = volume(c.volumes(), "datasets").getImage();
    assertThat(image.getReference()).isEqualTo("ghcr.io/example/datasets:v3");
    assertThat(image.getPullPolicy()).isEqualTo("IfNotPresent");

    // Exactly one source each; never a hostPath.
    for (Volume v : c.volumes()) {
      assertThat(Contributions.setFields(v)).as(v.getName()).hasSize(2).contains("name");
    }
  }

  @Test
  void scratchIsWritableAndEverythingElseReadOnly() {
    assertThat(agentMounts(contribute(RenderScenarios.ALL_VOLUME_KINDS)))
        .containsExactly(
            mount("scratch", "/scratch", null, null),
            mount("datasets", "/sandbox/datasets", true, "v3"),
            mount("corp-ca", "/etc/pki/corp", true, null),
            mount("token", "/var/run/secrets/api", true, null));
  }

  @Test
  void minimalSourcesLeaveOptionalFieldsUnset() {
    PodContribution c =
        contribute(
            """
            {"volumes": [{"name": "cm", "config_map": {"name": "settings",
                            "items": [{"key": "a", "path": "dir/a", "mode": 256}]}},
                         {"name": "tmp", "empty_dir": {}},
                         {"name": "img", "image": {"reference": "ghcr.io/example/data:1"}}],
             "containers": {"agent": {"volume_mounts": [{"name": "tmp", "mount_path": "/tmp/work"}]}}}
            """);

    assertThat(volume(c.volumes(), "cm").getConfigMap().getDefaultMode()).isNull();
    assertThat(volume(c.volumes(), "cm").getConfigMap().getOptional()).isNull();
    assertThat(volume(c.volumes(), "cm").getConfigMap().getItems())
        .extracting(KeyToPath::getKey, KeyToPath::getPath, KeyToPath::getMode)
        .containsExactly(tuple("a", "dir/a", 0400));
    EmptyDirVolumeSource emptyDir = volume(c.volumes(), "tmp").getEmptyDir();
    assertThat(emptyDir.getMedium()).isNull();
    assertThat(emptyDir.getSizeLimit()).isNull();
    assertThat(volume(c.volumes(), "img").getImage().getPullPolicy()).isNull();
    // Declared but unmounted volumes are still pod volumes; only declared mounts are added.
    assertThat(volumeNames(c.volumes())).containsExactly("cm", "tmp", "img");
    assertThat(mountNames(agentMounts(c))).containsExactly("tmp");
  }
}
