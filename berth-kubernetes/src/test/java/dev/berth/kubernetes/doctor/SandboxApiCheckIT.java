package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SandboxApiCheckIT {

  KubernetesClient client;

  private CheckResult check() {
    return new SandboxApiCheck().run(Fixtures.context(client, Fixtures.settings()));
  }

  private void crd(List<String> served, boolean established) {
    CustomResourceDefinitionBuilder crd =
        new CustomResourceDefinitionBuilder()
            .withNewMetadata()
            .withName(SandboxApiCheck.CRD_NAME)
            .endMetadata()
            .withNewSpec()
            .withGroup("agents.x-k8s.io")
            .withScope("Namespaced")
            .withNewNames()
            .withKind("Sandbox")
            .withPlural("sandboxes")
            .endNames()
            .endSpec();
    for (String v : served) {
      crd.editSpec()
          .addNewVersion()
          .withName(v)
          .withServed(true)
          .withStorage(true)
          .endVersion()
          .endSpec();
    }
    CustomResourceDefinition created =
        client.apiextensions().v1().customResourceDefinitions().resource(crd.build()).create();
    created.setStatus(
        new CustomResourceDefinitionStatusBuilder()
            .addNewCondition()
            .withType("Established")
            .withStatus(established ? "True" : "False")
            .endCondition()
            .build());
    client.apiextensions().v1().customResourceDefinitions().resource(created).updateStatus();
  }

  @Test
  void anEstablishedCrdServingV1beta1IsUsedAtV1beta1() {
    crd(List.of("v1alpha1", "v1beta1"), true);

    CheckResult result = check();

    assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
    assertThat(result.found()).startsWith("Berth will use agents.x-k8s.io/v1beta1");
  }

  @Test
  void onlyV1alpha1IsUsedAtV1alpha1() {
    crd(List.of("v1alpha1"), true);

    assertThat(check().found()).startsWith("Berth will use agents.x-k8s.io/v1alpha1");
  }

  @Test
  void aMissingCrdFailsWithTheInstallHint() {
    CheckResult result = check();

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.found()).contains("sandboxes.agents.x-k8s.io is missing");
    assertThat(result.fix()).contains(SandboxApiCheck.INSTALL);
  }

  @Test
  void aCrdNotYetEstablishedFails() {
    crd(List.of("v1beta1"), false);

    CheckResult result = check();

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.found()).contains("not Established");
  }
}
