package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.SandboxApiVersion;
import dev.berth.render.agentsandbox.AgentSandbox;
import dev.berth.render.agentsandbox.AgentSandboxV1beta1;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class SlimSandboxStoreTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  static {
    JSON.registerKubernetesResource(AgentSandboxV1beta1.class);
  }

  private static final String SANDBOX =
      """
      {"apiVersion": "agents.x-k8s.io/v1beta1", "kind": "Sandbox",
       "metadata": {"name": "ws--agent", "namespace": "agents", "uid": "u-1",
         "resourceVersion": "42",
         "annotations": {"openshell.ai/sandbox-id": "Id-1", "openshell.ai/sandbox-name": "agent",
                         "ryno.ai/sandbox-runtime-supervisor-template": "{\\"kind\\":\\"Pod\\"}",
                         "ryno.ai/sandbox-runtime-bootstrap-phase": "released"},
         "labels": {"openshell.ai/managed-by": "openshell", "openshell.ai/sandbox-id": "id-1",
                    "openshell.ai/sandbox-workspace": "ws"}},
       "spec": {"podTemplate": {"spec": {"containers": [{"name": "agent", "image": "a"}]}}},
       "status": {"conditions": [{"type": "Ready", "status": "True"}]}}
      """;

  @Test
  void keepsIdentityAndVersionButNotTheSupervisorTemplateOrTheSpec() {
    AgentSandbox full = JSON.unmarshal(SANDBOX, AgentSandboxV1beta1.class);
    String before = JSON.asJson(full);
    SlimSandboxStore store = new SlimSandboxStore(SandboxApiVersion.V1BETA1, JSON);

    store.put(store.getKey(full), full);
    AgentSandbox kept = store.get("agents/ws--agent");

    assertThat(JSON.asJson(full)).as("the informer's object is left alone").isEqualTo(before);
    assertThat(kept.getMetadata().getUid()).isEqualTo("u-1");
    assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(kept.getMetadata().getLabels()).isEqualTo(full.getMetadata().getLabels());
    assertThat(kept.getMetadata().getAnnotations())
        .containsOnlyKeys("openshell.ai/sandbox-id", "openshell.ai/sandbox-name");
    assertThat(kept.getSpec().getPodTemplate()).isNull();
    assertThat(kept.status()).isEmpty();
    // What the cache reads from the store: the identity, the annotation before the label.
    assertThat(SandboxMapper.sandboxId(kept)).contains("Id-1");
    assertThat(SandboxMapper.snapshot(kept, "x").orElseThrow().workspace()).isEqualTo("ws");
  }
}
