package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SecretsCheckIT {

  KubernetesClient client;

  private static final String[] CONFIGURED = {
    "OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls",
    "OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS", "regcred"
  };

  private void secret(String name) {
    client
        .secrets()
        .inNamespace(Fixtures.NAMESPACE)
        .resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  private CheckResult check(String... settings) {
    return new SecretsCheck().run(Fixtures.context(client, Fixtures.settings(settings)));
  }

  @Test
  void configuredSecretsThatExistAreOk() {
    secret("openshell-client-tls");
    secret("regcred");

    assertThat(check(CONFIGURED).status()).isEqualTo(CheckResult.Status.OK);
  }

  @Test
  void aMissingSecretFailsWithTheCommandThatCreatesIt() {
    secret("openshell-client-tls");

    CheckResult result = check(CONFIGURED);

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.found()).isEqualTo("Secret regcred missing in agents.");
    assertThat(result.fix())
        .hasValueSatisfying(
            f -> assertThat(f).contains("kubectl -n agents create secret docker-registry regcred"));
  }

  @Test
  void noSecretsConfiguredIsOk() {
    assertThat(check().found()).startsWith("no client TLS");
  }
}
