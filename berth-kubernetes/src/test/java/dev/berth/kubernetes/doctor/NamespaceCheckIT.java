package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class NamespaceCheckIT {

  KubernetesClient client;

  private CheckResult check(String... settings) {
    return new NamespaceCheck().run(Fixtures.context(client, Fixtures.settings(settings)));
  }

  @Test
  void aNamespaceWithoutEnforceLabelAdmitsTheCombinedPods() {
    Fixtures.namespace(client, Fixtures.NAMESPACE, Map.of());

    CheckResult result = check();

    assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
    assertThat(result.found()).contains("no enforce label", "combined pods");
  }

  @Test
  void aPrivilegedNamespaceAdmitsTheSidecarPods() {
    Fixtures.namespace(client, Fixtures.NAMESPACE, Map.of(NamespaceCheck.ENFORCE, "privileged"));

    CheckResult result = check("OPENSHELL_K8S_TOPOLOGY", "sidecar");

    assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
    assertThat(result.found()).contains("enforce=privileged", "sidecar pods");
  }

  @Test
  void aMissingNamespaceFailsWithTheCommandThatCreatesIt() {
    CheckResult result = check();

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.fix())
        .hasValueSatisfying(f -> assertThat(f).contains("kubectl create namespace agents"));
  }

  @Test
  void aRestrictedNamespaceRefusesTheCombinedPodsAndSaysWhichLabelAdmitsThem() {
    Fixtures.namespace(client, Fixtures.NAMESPACE, Map.of(NamespaceCheck.ENFORCE, "restricted"));

    CheckResult result = check();

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.found())
        .contains("enforces restricted", "combined pods", "meet only privileged");
    assertThat(result.fix())
        .hasValueSatisfying(
            f ->
                assertThat(f)
                    .contains(
                        "kubectl label namespace agents"
                            + " pod-security.kubernetes.io/enforce=privileged --overwrite"));
  }

  @Test
  void aRestrictedNamespaceAdmitsTheTwoPodPodsOfAPinnedG3() {
    Fixtures.namespace(client, Fixtures.NAMESPACE, Map.of(NamespaceCheck.ENFORCE, "restricted"));

    CheckResult result = check("OPENSHELL_GATEWAY_GENERATION", "g3");

    assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
    assertThat(result.found())
        .isEqualTo(
            "namespace agents exists (enforce=restricted); the two-pod (g3) workload pod meets"
                + " restricted, the two-pod (g3) supervisor pod meets restricted.");
  }

  @Test
  void unpinnedARestrictedNamespaceNamesTheTwoPodPodsItAdmitsAndPinningAsAFix() {
    Fixtures.namespace(client, Fixtures.NAMESPACE, Map.of(NamespaceCheck.ENFORCE, "restricted"));

    CheckResult result = check();

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.found())
        .contains(
            "It admits the two-pod (g2, g3) workload pod (restricted), the two-pod (g2, g3)"
                + " supervisor pod (restricted).");
    assertThat(result.fix())
        .hasValueSatisfying(f -> assertThat(f).contains("to g2 or g3, whose two-pod sandboxes"));
  }

  @Test
  void aPinnedG1IsJudgedByItsSinglePodOnly() {
    Fixtures.namespace(client, Fixtures.NAMESPACE, Map.of(NamespaceCheck.ENFORCE, "restricted"));

    CheckResult result = check("OPENSHELL_GATEWAY_GENERATION", "g1");

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.found()).doesNotContain("two-pod");
    assertThat(result.fix()).hasValueSatisfying(f -> assertThat(f).doesNotContain("pin"));
  }

  @Test
  void managedModeHasNoSandboxNamespaceToCheck() {
    assertThat(check("OPENSHELL_WORKSPACE_MODE", "managed").found()).startsWith("managed mode");
  }
}
