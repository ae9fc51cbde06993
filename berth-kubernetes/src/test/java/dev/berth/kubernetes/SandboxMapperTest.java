package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.driver.SandboxSnapshot;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxMapperTest {

  private static GenericKubernetesResourceBuilder sandbox(
      Map<String, String> labels, Map<String, String> annotations) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("agents.x-k8s.io/v1beta1")
        .withKind("Sandbox")
        .withNewMetadata()
        .withName("ws--agent")
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata();
  }

  private static final Map<String, String> LABELS =
      Map.of(
          "openshell.ai/managed-by", "openshell",
          "openshell.ai/sandbox-id", "label-id",
          "openshell.ai/sandbox-name", "agent",
          "openshell.ai/sandbox-workspace", "ws");

  @Test
  void readsIdentityFromAnnotationsBeforeLabelsAndFallsBackToTheNamespace() {
    GenericKubernetesResource r =
        sandbox(LABELS, Map.of("openshell.ai/sandbox-id", "annotation-id")).build();

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
            SandboxMapper.snapshot(
                sandbox(Map.of("openshell.ai/sandbox-id", "x"), Map.of()).build(), "ns"))
        .isEmpty();
    Map<String, String> noWorkspace = new java.util.HashMap<>(LABELS);
    noWorkspace.remove("openshell.ai/sandbox-workspace");
    assertThat(SandboxMapper.snapshot(sandbox(noWorkspace, Map.of()).build(), "ns")).isEmpty();
    // managed-by may come from an annotation
    Map<String, String> noManagedLabel = new java.util.HashMap<>(LABELS);
    noManagedLabel.remove("openshell.ai/managed-by");
    assertThat(
            SandboxMapper.snapshot(
                sandbox(noManagedLabel, Map.of("openshell.ai/managed-by", "openshell")).build(),
                "ns"))
        .isPresent();
  }

  @Test
  void mapsStatusAndDropsConditionsWithoutStringTypeOrStatus() {
    GenericKubernetesResource r =
        sandbox(LABELS, Map.of())
            .editMetadata()
            .withDeletionTimestamp("2026-01-01T00:00:00Z")
            .endMetadata()
            .withAdditionalProperties(
                Map.of(
                    "status",
                    Map.of(
                        "sandboxName",
                        "ws--agent",
                        "agentPod",
                        "ws--agent-0",
                        "agentFd",
                        7,
                        "conditions",
                        List.of(
                            Map.of(
                                "type",
                                "Ready",
                                "status",
                                "True",
                                "reason",
                                "PodReady",
                                "lastTransitionTime",
                                "2026-01-01T00:00:00Z"),
                            Map.of("type", "Suspended"),
                            Map.of("type", 5, "status", "True"),
                            "garbage"))))
            .build();

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
  }

  @Test
  void readsGracePeriodPodNameAndVersions() {
    GenericKubernetesResource plain = sandbox(LABELS, Map.of()).build();
    GenericKubernetesResource custom =
        sandbox(LABELS, Map.of("agents.x-k8s.io/pod-name", "pod-7"))
            .withAdditionalProperties(
                Map.of(
                    "spec",
                    Map.of(
                        "podTemplate", Map.of("spec", Map.of("terminationGracePeriodSeconds", 5)))))
            .build();

    assertThat(SandboxMapper.terminationGracePeriodSeconds(plain)).isEqualTo(30);
    assertThat(SandboxMapper.terminationGracePeriodSeconds(custom)).isEqualTo(5);
    assertThat(SandboxMapper.podName(plain)).isEqualTo("ws--agent");
    assertThat(SandboxMapper.podName(custom)).isEqualTo("pod-7");
    assertThat(SandboxMapper.atLeast("10", "9")).isTrue();
    assertThat(SandboxMapper.atLeast("9", "10")).isFalse();
    assertThat(SandboxMapper.atLeast("abc", "10")).isTrue();
  }
}
