package dev.berth.render;

import static dev.berth.naming.ManagedNames.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.SandboxPlan;
import dev.berth.settings.ImageSettings;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentContainerDecoratorTest {

  static PodParts render(SandboxPlan plan) {
    return new AgentContainerDecorator().apply(SandboxRenderer.empty(), plan);
  }

  @Test
  void agentRunsTheRequestedImageWithoutAPullPolicyByDefault() {
    Container agent = render(TestPlans.basic()).agent();

    assertThat(agent.getName()).isEqualTo("agent");
    assertThat(agent.getImage()).isEqualTo("ghcr.io/example/agent:1.0");
    // Unset, so Kubernetes applies its own default (upstream: Podman's "missing" is not valid).
    assertThat(agent.getImagePullPolicy()).isNull();
  }

  @Test
  void aRequestWithoutImageGetsTheDriverDefault() {
    assertThat(render(TestPlans.builder().image("").build()).agent().getImage())
        .isEqualTo(ImageSettings.DEFAULT_SANDBOX_IMAGE)
        .isEqualTo("ghcr.io/nvidia/openshell-community/sandboxes/base:latest");
    assertThat(
            render(
                    TestPlans.builder()
                        .image("")
                        .setting("OPENSHELL_SANDBOX_IMAGE", "registry.corp/sandbox:7")
                        .build())
                .agent()
                .getImage())
        .isEqualTo("registry.corp/sandbox:7");
  }

  @Test
  void theRequestedImageWinsOverAConfiguredDefault() {
    Container agent =
        render(
                TestPlans.builder()
                    .image("ghcr.io/example/custom:2")
                    .setting("OPENSHELL_SANDBOX_IMAGE", "registry.corp/sandbox:7")
                    .build())
            .agent();

    assertThat(agent.getImage()).isEqualTo("ghcr.io/example/custom:2");
  }

  @Test
  void pullPolicyIsSetOnlyWhenConfigured() {
    for (String policy : List.of("Always", "IfNotPresent", "Never")) {
      Container agent =
          render(TestPlans.builder().setting("OPENSHELL_SANDBOX_IMAGE_PULL_POLICY", policy).build())
              .agent();
      assertThat(agent.getImagePullPolicy()).as(policy).isEqualTo(policy);
    }
  }

  @Test
  void podNeverRestartsAndDoesNotAutomountTheNamespaceToken() {
    PodSpec spec = render(TestPlans.basic()).spec();

    assertThat(spec.getRestartPolicy()).isEqualTo("Never");
    assertThat(spec.getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void serviceAccountIsTheConfiguredOneOrDefault() {
    assertThat(render(TestPlans.basic()).spec().getServiceAccountName()).isEqualTo("default");
    assertThat(
            render(
                    TestPlans.builder()
                        .setting("OPENSHELL_K8S_SANDBOX_SERVICE_ACCOUNT", "sandbox-runner")
                        .build())
                .spec()
                .getServiceAccountName())
        .isEqualTo("sandbox-runner");
  }

  @Test
  void imagePullSecretsAreReferencedInOrder() {
    assertThat(EnvAndMounts.orEmpty(render(TestPlans.basic()).spec().getImagePullSecrets()))
        .isEmpty();

    PodSpec spec =
        render(
                TestPlans.builder()
                    .setting("OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS", "regcred, mirror-cred")
                    .build())
            .spec();

    assertThat(spec.getImagePullSecrets())
        .containsExactly(
            new LocalObjectReference("regcred"), new LocalObjectReference("mirror-cred"));
  }

  @Test
  void hostGatewayIpBecomesOneHostAliasWithBothNames() {
    assertThat(EnvAndMounts.orEmpty(render(TestPlans.basic()).spec().getHostAliases())).isEmpty();

    List<HostAlias> aliases =
        render(TestPlans.builder().setting("OPENSHELL_HOST_GATEWAY_IP", "10.0.0.1").build())
            .spec()
            .getHostAliases();

    assertThat(aliases).hasSize(1);
    assertThat(aliases.get(0).getIp()).isEqualTo("10.0.0.1");
    assertThat(aliases.get(0).getHostnames())
        .containsExactly("host.docker.internal", "host.openshell.internal");
  }

  @Test
  void podCarriesTemplateLabelsAndPlatformAnnotationsWithTheDriversSandboxId() {
    PodParts parts =
        render(
            TestPlans.builder()
                .labels(Map.of("team", "a", "app", "agent"))
                .platformConfig(
                    "{\"annotations\": {\"example.com/owner\": \"team-a\","
                        + " \"openshell.io/sandbox-id\": \"spoofed\"}}")
                .build());

    assertThat(parts.metadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "app", "agent",
                "team", "a",
                "openshell.ai/managed-by", "openshell",
                "openshell.ai/sandbox-id", "sb-1"));
    assertThat(parts.metadata().getAnnotations())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("example.com/owner", "team-a", POD_ANNOTATION_SANDBOX_ID, "sb-1"));
  }

  /** The SSH NetworkPolicy and SPIRE select pods by these; a template label cannot spoof them. */
  @Test
  void theDriversPodLabelsWinOverTemplateLabels() {
    PodParts parts =
        render(
            TestPlans.builder()
                .labels(Map.of("openshell.ai/sandbox-id", "spoofed", "team", "a"))
                .build());

    assertThat(parts.metadata().getLabels())
        .containsEntry("openshell.ai/sandbox-id", "sb-1")
        .containsEntry("team", "a");
  }

  @Test
  void withoutLabelsOrAnnotationsOnlyTheDriversOwnAreSet() {
    PodParts parts = render(TestPlans.basic());

    assertThat(parts.metadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("openshell.ai/managed-by", "openshell", "openshell.ai/sandbox-id", "sb-1"));
    assertThat(parts.metadata().getAnnotations())
        .containsExactlyEntriesOf(Map.of("openshell.io/sandbox-id", "sb-1"));
  }

  @Test
  void keepsWhatTheAgentAlreadyHadAndAddsNothingElse() {
    PodParts start =
        SandboxRenderer.empty().withAgent(new ContainerBuilder().withWorkingDir("/work").build());

    PodParts parts = new AgentContainerDecorator().apply(start, TestPlans.basic());

    assertThat(parts.agent().getWorkingDir()).isEqualTo("/work");
    assertThat(EnvAndMounts.orEmpty(parts.agent().getEnv())).isEmpty();
    assertThat(EnvAndMounts.orEmpty(parts.agent().getVolumeMounts())).isEmpty();
    assertThat(parts.agent().getSecurityContext()).isNull();
    assertThat(parts.sidecars()).isEmpty();
    assertThat(parts.initContainers()).isEmpty();
    assertThat(parts.volumes()).isEmpty();
    assertThat(parts.spec().getRuntimeClassName()).isNull();
    assertThat(start.agent().getImage()).as("the input is not mutated").isNull();
  }

  private static Map<String, String> sorted(String... kv) {
    Map<String, String> m = new java.util.TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
