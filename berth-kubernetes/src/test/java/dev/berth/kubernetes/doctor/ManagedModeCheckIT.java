package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ManagedModeCheckIT {

  KubernetesMockServer server;
  KubernetesClient client;

  private CheckResult check() {
    return new ManagedModeCheck()
        .run(Fixtures.context(client, Fixtures.settings("OPENSHELL_WORKSPACE_MODE", "managed")));
  }

  @Test
  void namespaceWritesPermittedClusterWideAreOk() {
    List<ResourceAttributes> asked = Fixtures.selfReviews(server, Set.of());

    CheckResult result = check();

    assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
    assertThat(asked)
        .extracting(a -> a.getResource() + " " + a.getVerb())
        .contains("namespaces create", "namespaces delete", "serviceaccounts create");
    assertThat(asked).allSatisfy(a -> assertThat(a.getNamespace()).isEmpty());
  }

  @Test
  void namespaceCreateDeniedFailsWithAClusterRoleForIt() {
    Fixtures.selfReviews(server, Set.of("namespaces create"));

    CheckResult result = check();

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.found()).contains("namespaces create (cluster)");
    KubernetesList list =
        Serialization.unmarshal(result.manifest().orElseThrow(), KubernetesList.class);
    assertThat(list.getItems())
        .singleElement()
        .isInstanceOfSatisfying(
            ClusterRole.class,
            r -> {
              assertThat(r.getRules()).singleElement();
              assertThat(r.getRules().get(0).getVerbs()).containsExactly("create");
              assertThat(r.getRules().get(0).getResources()).containsExactly("namespaces");
            });
  }

  @Test
  void sharedModeCreatesNoNamespaces() {
    CheckResult result = new ManagedModeCheck().run(Fixtures.context(client, Fixtures.settings()));

    assertThat(result.found()).startsWith("shared mode");
  }
}
