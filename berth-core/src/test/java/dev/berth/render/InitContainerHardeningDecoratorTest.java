package dev.berth.render;

import static dev.berth.naming.ManagedNames.*;
import static dev.berth.render.PrefabParts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.SandboxPlan;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitContainerHardeningDecoratorTest {

  static final SandboxPlan PLAN = TestPlans.basic();

  static PodParts withInit(Container... init) {
    return PrefabParts.forPlan(PLAN).withInitContainers(List.of(init));
  }

  static PodParts harden(PodParts parts) {
    return new InitContainerHardeningDecorator().apply(parts, PLAN);
  }

  @Test
  void bareInitContainerGetsTheRestrictedBasics() {
    PodParts parts = harden(withInit(new ContainerBuilder().withName("bare").build()));

    SecurityContext sc = parts.initContainers().get(0).getSecurityContext();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(sc.getCapabilities().getAdd()).isEmpty();
    assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
  }

  @Test
  void keepsOwnCapabilitiesUserAndProfile() {
    Container init =
        new ContainerBuilder()
            .withName("net")
            .withNewSecurityContext()
            .withRunAsUser(0L)
            .withAllowPrivilegeEscalation(true)
            .withNewCapabilities()
            .withDrop("NET_RAW")
            .withAdd("NET_ADMIN", "CHOWN")
            .endCapabilities()
            .withNewSeccompProfile()
            .withType("Localhost")
            .withLocalhostProfile("profiles/init.json")
            .endSeccompProfile()
            .endSecurityContext()
            .build();

    SecurityContext sc = harden(withInit(init)).initContainers().get(0).getSecurityContext();

    assertThat(sc.getRunAsUser()).isZero();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL", "NET_RAW");
    assertThat(sc.getCapabilities().getAdd()).containsExactly("NET_ADMIN", "CHOWN");
    assertThat(sc.getSeccompProfile().getLocalhostProfile()).isEqualTo("profiles/init.json");
    assertThat(init.getSecurityContext().getAllowPrivilegeEscalation()).isTrue();
  }

  @Test
  void aPodWideSeccompProfileIsInheritedNotOverridden() {
    PodParts parts =
        withInit(new ContainerBuilder().withName("bare").build())
            .withSpec(
                new PodSpecBuilder()
                    .withNewSecurityContext()
                    .withNewSeccompProfile()
                    .withType("Localhost")
                    .withLocalhostProfile("profiles/pod.json")
                    .endSeccompProfile()
                    .endSecurityContext()
                    .build());

    SecurityContext sc = harden(parts).initContainers().get(0).getSecurityContext();

    assertThat(sc.getSeccompProfile()).isNull();
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void everyDriverInitContainerAndTheNetworkSidecarAreHardened() {
    SandboxPlan plan =
        TestPlans.builder()
            .setting("OPENSHELL_K8S_TOPOLOGY", "sidecar")
            .setting("OPENSHELL_SUPERVISOR_SIDELOAD_METHOD", "init-container")
            .build();
    PodParts parts = PrefabParts.forPlan(plan);
    for (PodDecorator d :
        List.of(
            new TopologyDecorator(), new SupervisorSideloadDecorator(), new WorkspaceDecorator())) {
      parts = d.apply(parts, plan);
    }
    Container agentBefore = parts.agent();

    PodParts hardened = new InitContainerHardeningDecorator().apply(parts, plan);

    assertThat(initNames(hardened))
        .containsExactly(SUPERVISOR_INSTALL_INIT, NETWORK_INIT, WORKSPACE_INIT);
    assertThat(hardened.initContainers())
        .allSatisfy(
            c -> {
              SecurityContext sc = c.getSecurityContext();
              assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
              assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
              assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            });
    assertThat(init(hardened, NETWORK_INIT).getSecurityContext().getCapabilities().getAdd())
        .containsExactly("NET_ADMIN", "NET_RAW", "CHOWN", "FOWNER");
    // Only network-init keeps root; install and seeding run as the sandbox user.
    assertThat(init(hardened, SUPERVISOR_INSTALL_INIT).getSecurityContext().getRunAsNonRoot())
        .isTrue();
    assertThat(init(hardened, WORKSPACE_INIT).getSecurityContext().getRunAsNonRoot()).isTrue();

    SecurityContext net = sidecar(hardened, NETWORK_SIDECAR_CONTAINER).getSecurityContext();
    assertThat(net.getAllowPrivilegeEscalation()).isFalse();
    assertThat(net.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(net.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(net.getCapabilities().getAdd()).containsExactly("SYS_PTRACE", "DAC_READ_SEARCH");

    assertThat(hardened.agent()).isEqualTo(agentBefore);
  }

  @Test
  void otherSidecarsAreLeftAlone() {
    Container other = new ContainerBuilder().withName("other").build();
    PodParts parts = PrefabParts.forPlan(PLAN).withSidecars(List.of(other));

    assertThat(harden(parts).sidecars()).containsExactly(other);
  }

  @Test
  void withoutInitContainersOrSidecarsNothingChanges() {
    PodParts parts = PrefabParts.forPlan(PLAN);

    assertThat(harden(parts)).isEqualTo(parts);
  }
}
