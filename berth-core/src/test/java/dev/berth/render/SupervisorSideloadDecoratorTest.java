package dev.berth.render;

import static dev.berth.naming.ManagedNames.*;
import static dev.berth.render.PrefabParts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.SandboxPlan;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.api.Test;

class SupervisorSideloadDecoratorTest {

  static final String SUPERVISOR_IMAGE = "ghcr.io/nvidia/openshell/supervisor:0.1.2";

  static PodParts render(SandboxPlan plan, PodParts before) {
    return new SupervisorSideloadDecorator().apply(before, plan);
  }

  static PodParts render(SandboxPlan plan) {
    return render(plan, PrefabParts.forPlan(plan));
  }

  static TestPlans initContainerMethod() {
    return TestPlans.builder().setting("OPENSHELL_SUPERVISOR_SIDELOAD_METHOD", "init-container");
  }

  @Test
  void imageVolumeIsTheDefaultAndNeedsNoInitContainer() {
    PodParts parts = render(TestPlans.basic());

    Volume bin = volume(parts, SUPERVISOR_BIN_VOLUME);
    assertThat(bin.getImage().getReference()).isEqualTo(SUPERVISOR_IMAGE);
    assertThat(bin.getImage().getPullPolicy()).isNull();
    assertThat(bin.getEmptyDir()).isNull();
    assertThat(parts.initContainers()).isEmpty();
    assertThat(mountOf(parts.agent(), SUPERVISOR_BIN_VOLUME))
        .isEqualTo(mount(SUPERVISOR_BIN_VOLUME, "/opt/openshell/bin", true, null));
  }

  @Test
  void imageVolumeCarriesTheConfiguredPullPolicy() {
    PodParts parts =
        render(
            TestPlans.builder()
                .setting("OPENSHELL_SUPERVISOR_IMAGE_PULL_POLICY", "Always")
                .build());

    assertThat(volume(parts, SUPERVISOR_BIN_VOLUME).getImage().getPullPolicy()).isEqualTo("Always");
  }

  @Test
  void initContainerMethodCopiesTheBinaryWithCopySelf() {
    PodParts parts = render(initContainerMethod().build());

    assertThat(volume(parts, SUPERVISOR_BIN_VOLUME).getEmptyDir()).isNotNull();
    assertThat(volume(parts, SUPERVISOR_BIN_VOLUME).getImage()).isNull();
    assertThat(initNames(parts)).containsExactly(SUPERVISOR_INSTALL_INIT);
    Container install = init(parts, SUPERVISOR_INSTALL_INIT);
    assertThat(install.getImage()).isEqualTo(SUPERVISOR_IMAGE);
    assertThat(install.getImagePullPolicy()).isNull();
    // The supervisor image is scratch: no shell, no cp.
    assertThat(install.getCommand())
        .containsExactly("/openshell-sandbox", "copy-self", "/opt/openshell/bin/openshell-sandbox");
    assertThat(install.getArgs()).isEmpty();
    assertThat(install.getVolumeMounts())
        .containsExactly(mount(SUPERVISOR_BIN_VOLUME, "/opt/openshell/bin", false, null));
    assertThat(mountOf(parts.agent(), SUPERVISOR_BIN_VOLUME).getReadOnly()).isTrue();
  }

  @Test
  void installRunsAsTheSandboxUserNotRoot() {
    PodParts parts =
        render(
            initContainerMethod()
                .setting("OPENSHELL_K8S_SANDBOX_UID", "2000")
                .setting("OPENSHELL_K8S_SANDBOX_GID", "3000")
                .setting("OPENSHELL_SUPERVISOR_IMAGE_PULL_POLICY", "IfNotPresent")
                .build());

    Container install = init(parts, SUPERVISOR_INSTALL_INIT);
    SecurityContext sc = install.getSecurityContext();
    assertThat(sc.getRunAsUser()).isEqualTo(2000L);
    assertThat(sc.getRunAsGroup()).isEqualTo(3000L);
    assertThat(sc.getRunAsNonRoot()).isTrue();
    assertThat(install.getImagePullPolicy()).isEqualTo("IfNotPresent");
  }

  @Test
  void installRunsBeforeInitContainersAddedEarlier() {
    SandboxPlan plan = initContainerMethod().setting("OPENSHELL_K8S_TOPOLOGY", "sidecar").build();
    PodParts afterTopology = new TopologyDecorator().apply(PrefabParts.forPlan(plan), plan);

    PodParts parts = render(plan, afterTopology);

    assertThat(initNames(parts)).containsExactly(SUPERVISOR_INSTALL_INIT, NETWORK_INIT);
  }

  @Test
  void bothTopologiesMountTheBinaryReadOnlyOnTheAgentOnly() {
    for (String topology : new String[] {"combined", "sidecar"}) {
      SandboxPlan plan = TestPlans.builder().setting("OPENSHELL_K8S_TOPOLOGY", topology).build();
      PodParts parts = render(plan, new TopologyDecorator().apply(PrefabParts.forPlan(plan), plan));

      VolumeMount bin = mountOf(parts.agent(), SUPERVISOR_BIN_VOLUME);
      assertThat(bin.getMountPath()).isEqualTo(SUPERVISOR_BIN_DIR);
      assertThat(bin.getReadOnly()).isTrue();
      assertThat(parts.sidecars())
          .allSatisfy(c -> assertThat(mountNames(c)).doesNotContain(SUPERVISOR_BIN_VOLUME));
      assertThat(volumeNames(parts)).containsOnlyOnce(SUPERVISOR_BIN_VOLUME);
    }
  }

  @Test
  void leavesItsInputUntouched() {
    SandboxPlan plan = initContainerMethod().build();
    PodParts before = PrefabParts.forPlan(plan);

    render(plan, before);

    assertThat(before).isEqualTo(PrefabParts.forPlan(plan));
  }
}
