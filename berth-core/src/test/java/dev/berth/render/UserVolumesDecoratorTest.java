package dev.berth.render;

import static dev.berth.render.PrefabParts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.SandboxPlan;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.ImageVolumeSource;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserVolumesDecoratorTest {

  static PodParts render(String driverConfig) {
    return render(TestPlans.builder().driverConfig(driverConfig).build());
  }

  static PodParts render(SandboxPlan plan) {
    return new UserVolumesDecorator().apply(SandboxRenderer.empty(), plan);
  }

  @Test
  void withoutVolumesNothingChanges() {
    PodParts start = SandboxRenderer.empty();

    assertThat(new UserVolumesDecorator().apply(start, TestPlans.basic())).isSameAs(start);
  }

  @Test
  void pvcIsReadOnlyByDefaultAndSoAreItsMounts() {
    PodParts parts =
        render(
            """
            {"volumes": [{"name": "models", "persistent_volume_claim": {"claim_name": "team-models"}}],
             "containers": {"agent": {"volume_mounts": [{"name": "models", "mount_path": "/models"}]}}}
            """);

    PersistentVolumeClaimVolumeSource pvc = volume(parts, "models").getPersistentVolumeClaim();
    assertThat(pvc.getClaimName()).isEqualTo("team-models");
    assertThat(pvc.getReadOnly()).isTrue();
    assertThat(parts.agent().getVolumeMounts())
        .containsExactly(mount("models", "/models", true, null));
  }

  @Test
  void writablePvcMountsFollowTheirOwnFlagAndSubPath() {
    PodParts parts = render(RenderScenarios.PVC_SUBPATHS);

    assertThat(volumeNames(parts)).containsExactly("team-share");
    PersistentVolumeClaimVolumeSource pvc = volume(parts, "team-share").getPersistentVolumeClaim();
    assertThat(pvc.getClaimName()).isEqualTo("team-a-share");
    assertThat(pvc.getReadOnly()).isFalse();
    // Parent first; trailing slash normalized; a writable mount leaves readOnly unset.
    assertThat(parts.agent().getVolumeMounts())
        .containsExactlyInAnyOrder(
            mount("team-share", "/sandbox/models", true, "models"),
            mount("team-share", "/sandbox/cache", false, "cache/agent").toBuilder()
                .withReadOnly(null)
                .build(),
            mount("team-share", "/mnt/shared", false, "shared").toBuilder()
                .withReadOnly(null)
                .build());
  }

  @Test
  void configMapSecretEmptyDirAndImageVolumesKeepEveryField() {
    PodParts parts = render(RenderScenarios.ALL_VOLUME_KINDS);

    assertThat(volumeNames(parts)).containsExactly("corp-ca", "token", "scratch", "datasets");

    ConfigMapVolumeSource cm = volume(parts, "corp-ca").getConfigMap();
    assertThat(cm.getName()).isEqualTo("corp-ca-bundle");
    assertThat(cm.getDefaultMode()).isEqualTo(0444);
    assertThat(cm.getOptional()).isNull();
    assertThat(cm.getItems())
        .containsExactly(
            new KeyToPathBuilder().withKey("ca.crt").withPath("ca-bundle.crt").build());

    SecretVolumeSource secret = volume(parts, "token").getSecret();
    assertThat(secret.getSecretName()).isEqualTo("api-token");
    assertThat(secret.getDefaultMode()).isEqualTo(0400);
    assertThat(secret.getOptional()).isTrue();
    assertThat(secret.getItems()).isNullOrEmpty();

    EmptyDirVolumeSource emptyDir = volume(parts, "scratch").getEmptyDir();
    assertThat(emptyDir.getMedium()).isEqualTo("Memory");
    assertThat(emptyDir.getSizeLimit().toString()).isEqualTo("1Gi");

    ImageVolumeSource image = volume(parts, "datasets").getImage();
    assertThat(image.getReference()).isEqualTo("ghcr.io/example/datasets:v3");
    assertThat(image.getPullPolicy()).isEqualTo("IfNotPresent");

    assertThat(parts.volumes()).allMatch(v -> v.getHostPath() == null);
  }

  @Test
  void scratchIsWritableAndEverythingElseReadOnly() {
    Container agent = render(RenderScenarios.ALL_VOLUME_KINDS).agent();

    assertThat(mountOf(agent, "corp-ca")).isEqualTo(mount("corp-ca", "/etc/pki/corp", true, null));
    assertThat(mountOf(agent, "token"))
        .isEqualTo(mount("token", "/var/run/secrets/api", true, null));
    assertThat(mountOf(agent, "scratch").getReadOnly()).isNull();
    assertThat(mountOf(agent, "scratch").getMountPath()).isEqualTo("/scratch");
    assertThat(mountOf(agent, "datasets"))
        .isEqualTo(mount("datasets", "/sandbox/datasets", true, "v3"));
  }

  @Test
  void minimalSourcesLeaveOptionalFieldsUnset() {
    PodParts parts =
        render(
            """
            {"volumes": [{"name": "cm", "config_map": {"name": "settings",
                            "items": [{"key": "a", "path": "dir/a", "mode": 256}]}},
                         {"name": "tmp", "empty_dir": {}},
                         {"name": "img", "image": {"reference": "ghcr.io/example/data:1"}}],
             "containers": {"agent": {"volume_mounts": [{"name": "tmp", "mount_path": "/tmp/work"}]}}}
            """);

    assertThat(volume(parts, "cm").getConfigMap().getDefaultMode()).isNull();
    assertThat(volume(parts, "cm").getConfigMap().getItems())
        .extracting(KeyToPath::getKey, KeyToPath::getPath, KeyToPath::getMode)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "dir/a", 0400));
    EmptyDirVolumeSource emptyDir = volume(parts, "tmp").getEmptyDir();
    assertThat(emptyDir.getMedium()).isNull();
    assertThat(emptyDir.getSizeLimit()).isNull();
    assertThat(volume(parts, "img").getImage().getPullPolicy()).isNull();
    // Declared but unmounted volumes are still pod volumes; only declared mounts are added.
    assertThat(volumeNames(parts)).containsExactly("cm", "tmp", "img");
    assertThat(mountNames(parts.agent())).containsExactly("tmp");
  }

  @Test
  void mountsGoOnTheAgentOnlyAfterItsExistingMounts() {
    Container sidecar = new ContainerBuilder().withName("other").build();
    Volume earlier =
        new VolumeBuilder().withName("earlier").withNewEmptyDir().endEmptyDir().build();
    PodParts start =
        SandboxRenderer.empty()
            .withAgent(
                new ContainerBuilder()
                    .withName("agent")
                    .withVolumeMounts(mount("earlier", "/earlier", true, null))
                    .build())
            .withSidecars(List.of(sidecar))
            .withInitContainers(List.of(new ContainerBuilder().withName("init").build()))
            .withVolumes(List.of(earlier));

    PodParts parts =
        new UserVolumesDecorator()
            .apply(start, TestPlans.builder().driverConfig(RenderScenarios.PVC_SUBPATHS).build());

    assertThat(volumeNames(parts)).containsExactly("earlier", "team-share");
    assertThat(mountNames(parts.agent()).get(0)).isEqualTo("earlier");
    assertThat(mountNames(parts.agent())).hasSize(4);
    assertThat(parts.sidecars()).containsExactly(sidecar);
    assertThat(parts.initContainers().get(0).getVolumeMounts()).isNullOrEmpty();
  }
}
