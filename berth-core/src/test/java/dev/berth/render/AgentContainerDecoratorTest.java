package dev.berth.render;

import static dev.berth.render.Contributions.touched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.settings.ImageSettings;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentContainerDecoratorTest {

  static PodContribution contribute(TestPlans plan) {
    return new AgentContainerDecorator().contribute(plan.build());
  }

  static Container agent(TestPlans plan) {
    return contribute(plan).container(ContainerSlot.AGENT).fields();
  }

  static PodSpec spec(TestPlans plan) {
    return contribute(plan).spec();
  }

  @Test
  void agentRunsTheRequestedImageWithoutAPullPolicyByDefault() {
    Container agent = agent(TestPlans.builder());

    assertThat(agent.getName()).isEqualTo("agent");
    assertThat(agent.getImage()).isEqualTo("ghcr.io/example/agent:1.0");
    // Unset, so Kubernetes applies its own default (upstream: Podman's "missing" is not valid).
    assertThat(agent.getImagePullPolicy()).isNull();
  }

  @Test
  void aRequestWithoutImageGetsTheDriverDefault() {
    assertThat(agent(TestPlans.builder().image("")).getImage())
        .isEqualTo(ImageSettings.DEFAULT_SANDBOX_IMAGE)
        .isEqualTo("ghcr.io/nvidia/openshell-community/sandboxes/base:latest");
    assertThat(
            agent(
                    TestPlans.builder()
                        .image("")
                        .setting("OPENSHELL_SANDBOX_IMAGE", "registry.corp/sandbox:7"))
                .getImage())
        .isEqualTo("registry.corp/sandbox:7");
  }

  @Test
  void theRequestedImageWinsOverAConfiguredDefault() {
    Container agent =
        agent(
            TestPlans.builder()
                .image("ghcr.io/example/custom:2")
                .setting("OPENSHELL_SANDBOX_IMAGE", "registry.corp/sandbox:7"));

    assertThat(agent.getImage()).isEqualTo("ghcr.io/example/custom:2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Always", "IfNotPresent", "Never"})
  void pullPolicyIsSetOnlyWhenConfigured(String policy) {
    assertThat(
            agent(TestPlans.builder().setting("OPENSHELL_SANDBOX_IMAGE_PULL_POLICY", policy))
                .getImagePullPolicy())
        .isEqualTo(policy);
  }

  @Test
  void podNeverRestartsAndDoesNotAutomountTheNamespaceToken() {
    PodSpec spec = spec(TestPlans.builder());

    assertThat(spec.getRestartPolicy()).isEqualTo("Never");
    assertThat(spec.getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void serviceAccountIsTheConfiguredOneOrDefault() {
    assertThat(spec(TestPlans.builder()).getServiceAccountName()).isEqualTo("default");
    assertThat(
            spec(TestPlans.builder()
                    .setting("OPENSHELL_K8S_SANDBOX_SERVICE_ACCOUNT", "sandbox-runner"))
                .getServiceAccountName())
        .isEqualTo("sandbox-runner");
  }

  @Test
  void imagePullSecretsAreReferencedInOrder() {
    assertThat(spec(TestPlans.builder()).getImagePullSecrets()).isEmpty();

    PodSpec spec =
        spec(
            TestPlans.builder()
                .setting("OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS", "regcred, mirror-cred"));

    assertThat(spec.getImagePullSecrets())
        .containsExactly(
            new LocalObjectReference("regcred"), new LocalObjectReference("mirror-cred"));
  }

  @Test
  void hostGatewayIpBecomesOneHostAliasWithBothNames() {
    assertThat(spec(TestPlans.builder()).getHostAliases()).isEmpty();

    List<HostAlias> aliases =
        spec(TestPlans.builder().setting("OPENSHELL_HOST_GATEWAY_IP", "10.0.0.1")).getHostAliases();

    assertThat(aliases)
        .containsExactly(
            new HostAlias(List.of("host.docker.internal", "host.openshell.internal"), "10.0.0.1"));
  }

  @Test
  void podCarriesTemplateLabelsAndPlatformAnnotationsWithTheDriversSandboxId() {
    PodContribution c =
        contribute(
            TestPlans.builder()
                .labels(Map.of("team", "a", "app", "agent"))
                .platformConfig("{\"annotations\": {\"example.com/owner\": \"team-a\"}}"));

    assertThat(c.podLabels())
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "app", "agent",
                    "team", "a",
                    "openshell.ai/managed-by", "openshell",
                    "openshell.ai/sandbox-id", "sb-1")));
    assertThat(c.podAnnotations())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("example.com/owner", "team-a", "openshell.io/sandbox-id", "sb-1"));
  }

  /**
   * The SSH NetworkPolicy and SPIRE select pods by these; a template label cannot spoof them: the
   * validator refuses keys under the driver's domains, so no plan carries one.
   */
  @Test
  void templateLabelsCannotSpoofTheDriversPodLabels() {
    assertThatThrownBy(
            () ->
                contribute(
                    TestPlans.builder()
                        .labels(
                            Map.of(
                                "openshell.ai/sandbox-id", "spoofed",
                                "openshell.ai/managed-by", "someone-else",
                                "team", "a"))))
        .hasMessageContaining("label key 'openshell.ai/sandbox-id' is under 'openshell.ai'")
        .hasMessageContaining("label key 'openshell.ai/managed-by' is under 'openshell.ai'");
  }

  @Test
  void withoutLabelsOrAnnotationsOnlyTheDriversOwnAreSet() {
    PodContribution c = contribute(TestPlans.builder());

    assertThat(c.podLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("openshell.ai/managed-by", "openshell", "openshell.ai/sandbox-id", "sb-1"));
    assertThat(c.podAnnotations())
        .containsExactlyEntriesOf(Map.of("openshell.io/sandbox-id", "sb-1"));
  }

  /** Everything else (variables, mounts, security, placement, init containers) is another's. */
  @Test
  void addsOnlyTheAgentsIdentityAndThePodBasics() {
    assertThat(touched(contribute(TestPlans.builder())))
        .containsExactly(
            "podLabels",
            "podAnnotations",
            "spec.automountServiceAccountToken",
            "spec.restartPolicy",
            "spec.serviceAccountName",
            "AGENT.image",
            "AGENT.name");
    assertThat(
            touched(
                contribute(
                    Contributions.sidecar()
                        .setting("OPENSHELL_SANDBOX_IMAGE_PULL_POLICY", "Always")
                        .setting("OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS", "regcred")
                        .setting("OPENSHELL_HOST_GATEWAY_IP", "10.0.0.1")
                        .setting("OPENSHELL_K8S_APP_ARMOR_PROFILE", "RuntimeDefault")
                        .setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "client-tls")
                        .driverConfig("{\"pod\": {\"runtime_class_name\": \"gvisor\"}}"))))
        .containsExactly(
            "podLabels",
            "podAnnotations",
            "spec.automountServiceAccountToken",
            "spec.hostAliases",
            "spec.imagePullSecrets",
            "spec.restartPolicy",
            "spec.serviceAccountName",
            "AGENT.image",
            "AGENT.imagePullPolicy",
            "AGENT.name");
  }
}
