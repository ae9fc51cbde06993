package dev.berth.render;

import static dev.berth.naming.ManagedNames.WORKSPACE_VOLUME;
import static dev.berth.render.Contributions.init;
import static dev.berth.render.Contributions.mount;
import static dev.berth.render.Contributions.touched;
import static dev.berth.render.Contributions.volume;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import org.junit.jupiter.api.Test;

class WorkspaceDecoratorTest {

  /** Upstream's script, verbatim (reference §3.8). */
  static final String UPSTREAM_SEED_SCRIPT =
      "if [ ! -f /workspace-pvc/.workspace-initialized ]; then if [ -d /sandbox ]; then"
          + " tmp=$(mktemp) && rm -f \"$tmp\" && (cd /sandbox && find . -mindepth 1 -maxdepth 1"
          + " -exec tar -cf \"$tmp\" {} +) && if [ -f \"$tmp\" ]; then tar -C /workspace-pvc"
          + " --no-same-owner --no-same-permissions --touch -xf \"$tmp\" && rm -f \"$tmp\"; fi;"
          + " fi && touch /workspace-pvc/.workspace-initialized; fi";

  static PodContribution contribute(TestPlans plan) {
    return new WorkspaceDecorator().contribute(plan.build());
  }

  @Test
  void persistentWorkspaceIsAClaimTemplateWithoutAPodVolume() {
    PodContribution c = contribute(TestPlans.builder());

    // agent-sandbox adds the pod volume from the claim template; fsGroup is PodSecurity's.
    assertThat(touched(c))
        .containsExactly("AGENT.volumeMounts", "init.WORKSPACE_SEED", "claimTemplates");
    assertThat(c.claimTemplates()).hasSize(1);
    PersistentVolumeClaim claim = c.claimTemplates().get(0);
    assertThat(claim.getApiVersion()).isNull();
    assertThat(claim.getKind()).isNull();
    assertThat(claim.getMetadata().getName()).isEqualTo(WORKSPACE_VOLUME);
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("2Gi");
    assertThat(claim.getSpec().getStorageClassName()).isNull();
    assertThat(c.container(ContainerSlot.AGENT).mounts())
        .containsExactly(mount(WORKSPACE_VOLUME, "/sandbox", null, null));
  }

  @Test
  void claimTemplateCarriesTheRequestedSizeAndClass() {
    PersistentVolumeClaim claim =
        contribute(
                TestPlans.builder()
                    .driverConfig(
                        "{\"workspace\": {\"storage_size\": \"10Gi\", \"storage_class\": \"fast\"}}"))
            .claimTemplates()
            .get(0);

    assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("10Gi");
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
  }

  @Test
  void ephemeralWorkspaceIsAnEmptyDirWithoutClaimTemplate() {
    PodContribution c =
        contribute(TestPlans.builder().driverConfig("{\"workspace\": {\"persistent\": false}}"));

    assertThat(touched(c)).containsExactly("AGENT.volumeMounts", "init.WORKSPACE_SEED", "volumes");
    assertThat(Contributions.setFields(volume(c.volumes(), WORKSPACE_VOLUME)))
        .containsExactly("emptyDir", "name");
    assertThat(c.container(ContainerSlot.AGENT).mounts())
        .containsExactly(mount(WORKSPACE_VOLUME, "/sandbox", null, null));
  }

  @Test
  void workspaceInitSeedsOnceWithUpstreamsScriptAsTheSandboxUser() {
    Container init =
        init(
            contribute(
                TestPlans.builder()
                    .image("registry.example/agent:2")
                    .setting("OPENSHELL_SANDBOX_IMAGE_PULL_POLICY", "IfNotPresent")
                    .setting("OPENSHELL_K8S_SANDBOX_UID", "2000")
                    .setting("OPENSHELL_K8S_SANDBOX_GID", "3000")),
            InitStep.WORKSPACE_SEED);

    assertThat(init.getName()).isEqualTo("workspace-init");
    assertThat(init.getImage()).isEqualTo("registry.example/agent:2");
    assertThat(init.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(init.getCommand()).containsExactly("sh", "-c", UPSTREAM_SEED_SCRIPT);
    assertThat(init.getVolumeMounts())
        .containsExactly(mount(WORKSPACE_VOLUME, "/workspace-pvc", null, null));
    SecurityContext sc = init.getSecurityContext();
    assertThat(sc.getRunAsUser()).isEqualTo(2000L);
    assertThat(sc.getRunAsGroup()).isEqualTo(3000L);
    assertThat(sc.getRunAsNonRoot()).isTrue();
  }

  /**
   * Upstream would drop the workspace when a user mount lands under {@code /sandbox}; Berth keeps
   * it and the assembly layers the nested mount on top of it, whatever order the plan lists them.
   */
  @Test
  void workspaceMountPrecedesUserMountsNestedUnderIt() {
    PodSpec pod =
        Contributions.renderPod(
            TestPlans.builder()
                .driverConfig(
                    """
                    {"volumes": [{"name": "data", "persistent_volume_claim": {"claim_name": "team-data", "read_only": false}}],
                     "containers": {"agent": {"volume_mounts": [
                       {"name": "data", "mount_path": "/data"},
                       {"name": "data", "mount_path": "/sandbox/.openshell/memory", "sub_path": "memory",
                        "read_only": false}]}}}
                    """)
                .build());

    assertThat(Contributions.mountPaths(pod.getContainers().get(0).getVolumeMounts()))
        .containsExactly(
            "/var/run/secrets/openshell",
            "/data",
            "/sandbox",
            "/sandbox/.openshell/memory",
            "/opt/openshell/bin");
  }
}
