package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.driver.SandboxSnapshot;
import dev.berth.render.agentsandbox.AgentSandbox;
import dev.berth.render.agentsandbox.AgentSandboxV1beta1;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxMapperTest {

  private static final Map<String, String> LABELS =
      Map.of(
          "openshell.ai/managed-by", "openshell",
          "openshell.ai/sandbox-id", "label-id",
          "openshell.ai/sandbox-name", "agent",
          "openshell.ai/sandbox-workspace", "ws");

  private static AgentSandbox sandbox(Map<String, String> labels, Map<String, String> annotations) {
    AgentSandbox sandbox = new AgentSandboxV1beta1();
    sandbox.getMetadata().setName("ws--agent");
    sandbox.getMetadata().setLabels(labels);
    sandbox.getMetadata().setAnnotations(annotations);
    return sandbox;
  }

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  static {
    JSON.registerKubernetesResource(AgentSandboxV1beta1.class);
  }

  /** A Sandbox as the client reads it from the API server's JSON. */
  private static AgentSandbox read(String json) {
    return JSON.unmarshal(json, AgentSandboxV1beta1.class);
  }

  @Test
  void readsIdentityFromAnnotationsBeforeLabelsAndFallsBackToTheNamespace() {
    AgentSandbox r = sandbox(LABELS, Map.of("openshell.ai/sandbox-id", "annotation-id"));

    SandboxSnapshot s = SandboxMapper.snapshot(r, "fallback").orElseThrow();

    assertThat(s.id()).isEqualTo("annotation-id");
    assertThat(s.name()).isEqualTo("agent");
    assertThat(s.workspace()).isEqualTo("ws");
    assertThat(s.namespace()).isEqualTo("fallback");
    assertThat(s.status()).isEmpty();
  }

  @Test
  void skipsObjectsNotManagedOrMissingIdentity() {
    assertThat(
            SandboxMapper.snapshot(sandbox(Map.of("openshell.ai/sandbox-id", "x"), Map.of()), "ns"))
        .isEmpty();
    Map<String, String> noWorkspace = new HashMap<>(LABELS);
    noWorkspace.remove("openshell.ai/sandbox-workspace");
    assertThat(SandboxMapper.snapshot(sandbox(noWorkspace, Map.of()), "ns")).isEmpty();
    // managed-by may come from an annotation
    Map<String, String> noManagedLabel = new HashMap<>(LABELS);
    noManagedLabel.remove("openshell.ai/managed-by");
    assertThat(
            SandboxMapper.snapshot(
                sandbox(noManagedLabel, Map.of("openshell.ai/managed-by", "openshell")), "ns"))
        .isPresent();
  }

  @Test
  void mapsStatusAndDropsConditionsWithoutTypeOrStatus() {
    AgentSandbox r =
        read(
            """
            {"apiVersion": "agents.x-k8s.io/v1beta1", "kind": "Sandbox",
             "metadata": {"name": "ws--agent", "deletionTimestamp": "2026-01-01T00:00:00Z",
               "labels": {"openshell.ai/managed-by": "openshell", "openshell.ai/sandbox-id": "id-1",
                          "openshell.ai/sandbox-name": "agent", "openshell.ai/sandbox-workspace": "ws"}},
             "status": {"sandboxName": "ws--agent", "agentPod": "ws--agent-0", "agentFd": 7,
               "futureField": {"kept": true},
               "conditions": [
                 {"type": "Ready", "status": "True", "reason": "PodReady",
                  "lastTransitionTime": "2026-01-01T00:00:00Z"},
                 {"type": "Suspended"},
                 {"status": "True"}]}}
            """);

    SandboxSnapshot.Status status =
        SandboxMapper.snapshot(r, "ns").orElseThrow().status().orElseThrow();

    assertThat(status.sandboxName()).isEqualTo("ws--agent");
    assertThat(status.instanceId()).isEqualTo("ws--agent-0");
    assertThat(status.agentFd()).isEqualTo("7");
    assertThat(status.sandboxFd()).isEmpty();
    assertThat(status.deleting()).isTrue();
    assertThat(status.conditions())
        .containsExactly(
            new SandboxSnapshot.Condition("Ready", "True", "PodReady", "", "2026-01-01T00:00:00Z"));
    assertThat(r.status().orElseThrow().getAdditionalProperties()).containsKey("futureField");
  }

  @Test
  void readsGracePeriodPodNameAndVersions() {
    AgentSandbox plain = sandbox(LABELS, Map.of());
    AgentSandbox custom =
        read(
            """
            {"apiVersion": "agents.x-k8s.io/v1beta1", "kind": "Sandbox",
             "metadata": {"name": "ws--agent",
                          "annotations": {"agents.x-k8s.io/pod-name": "pod-7"}},
             "spec": {"podTemplate": {"spec": {"terminationGracePeriodSeconds": 5}}}}
            """);

    assertThat(SandboxMapper.terminationGracePeriodSeconds(plain)).isEqualTo(30);
    assertThat(SandboxMapper.terminationGracePeriodSeconds(custom)).isEqualTo(5);
    assertThat(SandboxMapper.podName(plain)).isEqualTo("ws--agent");
    assertThat(SandboxMapper.podName(custom)).isEqualTo("pod-7");
    assertThat(SandboxMapper.atLeast("10", "9")).isTrue();
    assertThat(SandboxMapper.atLeast("9", "10")).isFalse();
    assertThat(SandboxMapper.atLeast("abc", "10")).isTrue();
  }
}
