package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.node.v1.RuntimeClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class RuntimeClassCheckIT {

  KubernetesClient client;

  private CheckResult check(String... settings) {
    return new RuntimeClassCheck().run(Fixtures.context(client, Fixtures.settings(settings)));
  }

  @Test
  void aConfiguredRuntimeClassThatExistsIsOk() {
    client
        .runtimeClasses()
        .resource(
            new RuntimeClassBuilder()
                .withNewMetadata()
                .withName("gvisor")
                .endMetadata()
                .withHandler("runsc")
                .build())
        .create();

    CheckResult result = check("OPENSHELL_K8S_DEFAULT_RUNTIME_CLASS_NAME", "gvisor");

    assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
    assertThat(result.found()).contains("handler runsc");
  }

  @Test
  void aConfiguredRuntimeClassThatIsMissingFails() {
    CheckResult result = check("OPENSHELL_K8S_DEFAULT_RUNTIME_CLASS_NAME", "kata");

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.found()).contains("RuntimeClass kata does not exist");
  }

  @Test
  void noneConfiguredIsOk() {
    assertThat(check().status()).isEqualTo(CheckResult.Status.OK);
  }
}
