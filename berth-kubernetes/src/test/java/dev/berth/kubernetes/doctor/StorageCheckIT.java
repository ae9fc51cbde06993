package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class StorageCheckIT {

  KubernetesClient client;

  private void storageClass(String name, boolean isDefault) {
    client
        .storage()
        .v1()
        .storageClasses()
        .resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName(name)
                .withAnnotations(
                    isDefault ? Map.of(StorageCheck.DEFAULT_ANNOTATION, "true") : Map.of())
                .endMetadata()
                .withProvisioner("csi.example.com")
                .build())
        .create();
  }

  private CheckResult check(String... settings) {
    return new StorageCheck().run(Fixtures.context(client, Fixtures.settings(settings)));
  }

  @Test
  void aConfiguredClassThatExistsIsOk() {
    storageClass("fast", false);

    assertThat(check("OPENSHELL_K8S_WORKSPACE_STORAGE_CLASS", "fast").status())
        .isEqualTo(CheckResult.Status.OK);
  }

  @Test
  void aConfiguredClassThatIsMissingFailsNamingTheOnesThatExist() {
    storageClass("standard", true);

    CheckResult result = check("OPENSHELL_K8S_WORKSPACE_STORAGE_CLASS", "fast");

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.found()).contains("fast does not exist", "the cluster has standard");
  }

  @Test
  void withoutAConfiguredClassTheDefaultIsUsed() {
    storageClass("slow", false);
    storageClass("standard", true);

    CheckResult result = check();

    assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
    assertThat(result.found()).contains("the cluster default standard");
  }

  @Test
  void withoutAConfiguredClassOrADefaultClaimsStayPending() {
    storageClass("slow", false);

    CheckResult result = check();

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.found()).contains("no default", "Pending");
    assertThat(result.fix())
        .hasValueSatisfying(f -> assertThat(f).contains(StorageCheck.DEFAULT_ANNOTATION + "=true"));
  }
}
