package dev.berth.render.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import dev.berth.plan.RuntimePlan;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.Manifests;
import dev.berth.render.SandboxRenderer;
import dev.berth.settings.Topology;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleasePatchesTest {

  @Test
  void releaseRemovesOnlyBerthsGate() {
    IsolationNames names = new IsolationNames(Generation.G3);
    Pod pod = new Pod();
    PodSpec spec = new PodSpec();
    spec.setSchedulingGates(
        List.of(
            new PodSchedulingGate("example.com/quota"),
            new PodSchedulingGate(names.schedulingGate())));
    pod.setSpec(spec);

    assertThat(Manifests.compactJson(ReleasePatches.release(names, pod)))
        .isEqualTo("{\"spec\":{\"schedulingGates\":[{\"name\":\"example.com/quota\"}]}}");
  }

  @Test
  void resumeAndMarkReleasedFollowTheApiVersionAndGeneration() {
    assertThat(ReleasePatches.resume(SandboxApiVersion.V1BETA1))
        .isEqualTo(Map.of("spec", Map.of("operatingMode", "Running")));
    assertThat(ReleasePatches.resume(SandboxApiVersion.V1ALPHA1))
        .isEqualTo(Map.of("spec", Map.of("replicas", 1)));
    assertThat(
            Manifests.compactJson(ReleasePatches.markReleased(new IsolationNames(Generation.G2))))
        .isEqualTo(
            "{\"metadata\":{\"annotations\":{\"openshell.ai/sandbox-runtime-bootstrap-phase\":\"released\"}}}");
  }

  @Test
  void aG1PlanKeepsItsConfiguredSinglePodTopologyAndRendersAsBefore() {
    SandboxPlan plan = TestPlans.builder().setting("OPENSHELL_K8S_TOPOLOGY", "sidecar").build();
    SandboxPlan g1 = plan.forRuntime(RuntimePlan.SINGLE_POD);
    SandboxPlan g2 = plan.forRuntime(new RuntimePlan(Generation.G2, "abc"));

    assertThat(g1.settings().supervisor().topology()).isEqualTo(Topology.SIDECAR);
    assertThat(Manifests.yaml(SandboxRenderer.render(g1).sandbox()))
        .isEqualTo(Manifests.yaml(SandboxRenderer.render(plan).sandbox()));
    assertThat(g2.settings().supervisor().topology()).isEqualTo(Topology.ISOLATION_BACKEND);
    assertThat(IsolationNames.sandboxSecret("SB-1", "AbC-123_xyz-0000-extra"))
        .isEqualTo("os-sandbox-sb-1-abc123xyz000");
  }
}
