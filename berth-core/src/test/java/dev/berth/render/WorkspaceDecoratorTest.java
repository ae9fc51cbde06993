package dev.berth.render;

import static dev.berth.naming.ManagedNames.*;
import static dev.berth.render.PrefabParts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.SandboxPlan;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
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

  static final String NESTED_MOUNTS =
      """
      {"volumes": [{"name": "data", "persistent_volume_claim": {"claim_name": "team-data", "read_only": false}}],
       "containers": {"agent": {"volume_mounts": [
         {"name": "data", "mount_path": "/data"},
         {"name": "data", "mount_path": "/sandbox/.openshell/memory", "sub_path": "memory",
          "read_only": false}]}}}
      """;

  static PodParts render(SandboxPlan plan) {
    return new WorkspaceDecorator().apply(PrefabParts.forPlan(plan), plan);
  }

  @Test
  void persistentWorkspaceIsAClaimTemplateWithoutAPodVolume() {
    PodParts parts = render(TestPlans.basic());

    PersistentVolumeClaim claim = parts.claimTemplates().get(0);
    assertThat(parts.claimTemplates()).hasSize(1);
    assertThat(claim.getApiVersion()).isNull();
    assertThat(claim.getKind()).isNull();
    assertThat(claim.getMetadata().getName()).isEqualTo(WORKSPACE_VOLUME);
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("2Gi");
    assertThat(claim.getSpec().getStorageClassName()).isNull();
    // agent-sandbox adds the pod volume from the claim template.
    assertThat(volumeNames(parts)).doesNotContain(WORKSPACE_VOLUME);
    assertThat(parts.spec().getSecurityContext().getFsGroup()).isEqualTo(1000L);
    assertThat(mountOf(parts.agent(), WORKSPACE_VOLUME))
        .isEqualTo(
            mount(WORKSPACE_VOLUME, "/sandbox", false, null).toBuilder()
                .withReadOnly(null)
                .build());
  }

  @Test
  void claimTemplateCarriesTheRequestedSizeAndClass() {
    PodParts parts =
        render(
            TestPlans.builder()
                .driverConfig(
                    "{\"workspace\": {\"storage_size\": \"10Gi\", \"storage_class\": \"fast\"}}")
                .build());

    PersistentVolumeClaim claim = parts.claimTemplates().get(0);
    assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("10Gi");
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
  }

  @Test
  void ephemeralWorkspaceIsAnEmptyDirWithoutClaimTemplate() {
    PodParts parts =
        render(
            TestPlans.builder().driverConfig("{\"workspace\": {\"persistent\": false}}").build());

    assertThat(parts.claimTemplates()).isEmpty();
    assertThat(volume(parts, WORKSPACE_VOLUME).getEmptyDir()).isNotNull();
    assertThat(mountOf(parts.agent(), WORKSPACE_VOLUME).getMountPath()).isEqualTo("/sandbox");
    assertThat(initNames(parts)).containsExactly(WORKSPACE_INIT);
    assertThat(parts.spec().getSecurityContext().getFsGroup()).isEqualTo(1000L);
  }

  @Test
  void workspaceInitSeedsOnceWithUpstreamsScriptAsTheSandboxUser() {
    PodParts parts =
        render(
            TestPlans.builder()
                .image("registry.example/agent:2")
                .setting("OPENSHELL_SANDBOX_IMAGE_PULL_POLICY", "IfNotPresent")
                .setting("OPENSHELL_K8S_SANDBOX_UID", "2000")
                .setting("OPENSHELL_K8S_SANDBOX_GID", "3000")
                .build());

    Container init = init(parts, WORKSPACE_INIT);
    assertThat(init.getImage()).isEqualTo("registry.example/agent:2");
    assertThat(init.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(init.getCommand()).containsExactly("sh", "-c", UPSTREAM_SEED_SCRIPT);
    assertThat(init.getVolumeMounts())
        .containsExactly(
            mount(WORKSPACE_VOLUME, "/workspace-pvc", false, null).toBuilder()
                .withReadOnly(null)
                .build());
    SecurityContext sc = init.getSecurityContext();
    assertThat(sc.getRunAsUser()).isEqualTo(2000L);
    assertThat(sc.getRunAsGroup()).isEqualTo(3000L);
    assertThat(sc.getRunAsNonRoot()).isTrue();
    assertThat(parts.spec().getSecurityContext().getFsGroup()).isEqualTo(3000L);
  }

  @Test
  void workspaceMountPrecedesUserMountsNestedUnderIt() {
    SandboxPlan plan = TestPlans.builder().driverConfig(NESTED_MOUNTS).build();
    PodParts parts = render(plan);

    // Upstream would drop the workspace here; Berth keeps it and layers the nested mount on top.
    assertThat(parts.claimTemplates()).hasSize(1);
    assertThat(mountPaths(parts.agent()))
        .containsSubsequence(
            "/var/run/secrets/openshell", "/data", "/sandbox", "/sandbox/.openshell/memory");
    assertThat(mountPaths(parts.agent()).indexOf("/sandbox"))
        .isEqualTo(mountPaths(parts.agent()).indexOf("/sandbox/.openshell/memory") - 1);
  }

  @Test
  void workspaceMountIsAppendedWhenNothingIsNestedUnderIt() {
    Container agent =
        new ContainerBuilder()
            .withName(AGENT_CONTAINER)
            .withVolumeMounts(
                mount("a", "/opt/tools", true, null), mount("b", "/sandboxes", true, null))
            .build();

    assertThat(WorkspaceDecorator.withWorkspaceMount(agent.getVolumeMounts()))
        .extracting(m -> m.getMountPath())
        .containsExactly("/opt/tools", "/sandboxes", "/sandbox");
  }

  @Test
  void workspaceInitRunsAfterEarlierInitContainers() {
    SandboxPlan plan =
        TestPlans.builder()
            .setting("OPENSHELL_K8S_TOPOLOGY", "sidecar")
            .setting("OPENSHELL_SUPERVISOR_SIDELOAD_METHOD", "init-container")
            .build();
    PodParts parts = PrefabParts.forPlan(plan);
    parts = new TopologyDecorator().apply(parts, plan);
    parts = new SupervisorSideloadDecorator().apply(parts, plan);
    parts = new WorkspaceDecorator().apply(parts, plan);

    assertThat(initNames(parts))
        .containsExactly(SUPERVISOR_INSTALL_INIT, NETWORK_INIT, WORKSPACE_INIT);
    assertThat(parts.spec().getShareProcessNamespace()).isTrue();
  }

  @Test
  void leavesItsInputUntouched() {
    SandboxPlan plan = TestPlans.builder().driverConfig(NESTED_MOUNTS).build();
    PodParts before = PrefabParts.forPlan(plan);

    new WorkspaceDecorator().apply(before, plan);

    assertThat(before).isEqualTo(PrefabParts.forPlan(plan));
  }
}
