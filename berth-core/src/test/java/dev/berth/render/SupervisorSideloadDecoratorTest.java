package dev.berth.render;

import static dev.berth.naming.ManagedNames.SUPERVISOR_BIN_VOLUME;
import static dev.berth.render.Contributions.init;
import static dev.berth.render.Contributions.mount;
import static dev.berth.render.Contributions.touched;
import static dev.berth.render.Contributions.volume;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SupervisorSideloadDecoratorTest {

  static PodContribution contribute(TestPlans plan) {
    return new SupervisorSideloadDecorator().contribute(plan.build());
  }

  static TestPlans initContainerMethod() {
    return TestPlans.builder().setting("OPENSHELL_SUPERVISOR_SIDELOAD_METHOD", "init-container");
  }

  @Test
  void imageVolumeIsTheDefaultAndNeedsNoInitContainer() {
    PodContribution c = contribute(TestPlans.builder());

    assertThat(touched(c)).containsExactly("AGENT.volumeMounts", "volumes");
    Volume bin = volume(c.volumes(), SUPERVISOR_BIN_VOLUME);
    assertThat(Contributions.setFields(bin)).containsExactly("image", "name");
    assertThat(bin.getImage().getReference()).isEqualTo(Contributions.SUPERVISOR_IMAGE);
    assertThat(bin.getImage().getPullPolicy()).isNull();
    assertThat(c.container(ContainerSlot.AGENT).mounts())
        .containsExactly(mount(SUPERVISOR_BIN_VOLUME, "/opt/openshell/bin", true, null));
  }

  @Test
  void imageVolumeCarriesTheConfiguredPullPolicy() {
    PodContribution c =
        contribute(TestPlans.builder().setting("OPENSHELL_SUPERVISOR_IMAGE_PULL_POLICY", "Always"));

    assertThat(volume(c.volumes(), SUPERVISOR_BIN_VOLUME).getImage().getPullPolicy())
        .isEqualTo("Always");
  }

  @Test
  void initContainerMethodCopiesTheBinaryWithCopySelf() {
    PodContribution c = contribute(initContainerMethod());

    assertThat(touched(c))
        .containsExactly("AGENT.volumeMounts", "init.SUPERVISOR_INSTALL", "volumes");
    assertThat(Contributions.setFields(volume(c.volumes(), SUPERVISOR_BIN_VOLUME)))
        .containsExactly("emptyDir", "name");
    Container install = init(c, InitStep.SUPERVISOR_INSTALL);
    assertThat(install.getName()).isEqualTo("openshell-supervisor-install");
    assertThat(install.getImage()).isEqualTo(Contributions.SUPERVISOR_IMAGE);
    assertThat(install.getImagePullPolicy()).isNull();
    // The supervisor image is scratch: no shell, no cp.
    assertThat(install.getCommand())
        .containsExactly("/openshell-sandbox", "copy-self", "/opt/openshell/bin/openshell-sandbox");
    assertThat(install.getArgs()).isEmpty();
    assertThat(install.getVolumeMounts())
        .containsExactly(mount(SUPERVISOR_BIN_VOLUME, "/opt/openshell/bin", false, null));
    assertThat(c.container(ContainerSlot.AGENT).mounts())
        .containsExactly(mount(SUPERVISOR_BIN_VOLUME, "/opt/openshell/bin", true, null));
  }

  @Test
  void installRunsAsTheSandboxUserNotRoot() {
    Container install =
        init(
            contribute(
                initContainerMethod()
                    .setting("OPENSHELL_K8S_SANDBOX_UID", "2000")
                    .setting("OPENSHELL_K8S_SANDBOX_GID", "3000")
                    .setting("OPENSHELL_SUPERVISOR_IMAGE_PULL_POLICY", "IfNotPresent")),
            InitStep.SUPERVISOR_INSTALL);

    SecurityContext sc = install.getSecurityContext();
    assertThat(sc.getRunAsUser()).isEqualTo(2000L);
    assertThat(sc.getRunAsGroup()).isEqualTo(3000L);
    assertThat(sc.getRunAsNonRoot()).isTrue();
    assertThat(install.getImagePullPolicy()).isEqualTo("IfNotPresent");
  }

  /** The binary goes to the agent only, read-only, whichever topology runs it. */
  @ParameterizedTest
  @ValueSource(strings = {"image-volume", "init-container"})
  void bothTopologiesGetTheSameDelivery(String method) {
    PodContribution combined =
        contribute(
            Contributions.topology("combined")
                .setting("OPENSHELL_SUPERVISOR_SIDELOAD_METHOD", method));
    PodContribution sidecar =
        contribute(Contributions.sidecar().setting("OPENSHELL_SUPERVISOR_SIDELOAD_METHOD", method));

    assertThat(sidecar).isEqualTo(combined);
    assertThat(sidecar.containers()).containsOnlyKeys(ContainerSlot.AGENT);
  }
}
