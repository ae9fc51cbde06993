package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.kubernetes.ApiPermissions;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PermissionsCheckIT {

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void everyDeclaredPermissionGrantedIsOkAndEachWasAsked() {
    List<ResourceAttributes> asked = Fixtures.selfReviews(server, Set.of());
    DriverSettings settings = Fixtures.settings();

    CheckResult result = new PermissionsCheck().run(Fixtures.context(client, settings));

    assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
    assertThat(asked).hasSize(ApiPermissions.neededBy(settings).size());
    assertThat(asked)
        .filteredOn(a -> a.getResource().equals("sandboxes"))
        .allSatisfy(a -> assertThat(a.getNamespace()).isEqualTo(Fixtures.NAMESPACE));
    assertThat(asked)
        .filteredOn(a -> a.getResource().equals("nodes"))
        .allSatisfy(a -> assertThat(a.getNamespace()).isEmpty());
  }

  @Test
  void missingPermissionsAreListedAndTheManifestGrantsExactlyThem() {
    Fixtures.selfReviews(
        server, Set.of("sandboxes create", "sandboxes delete", "tokenreviews create"));

    CheckResult result = new PermissionsCheck().run(Fixtures.context(client, Fixtures.settings()));

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.found())
        .contains(
            "3 of",
            "agents.x-k8s.io/sandboxes create (sandbox namespace)",
            "agents.x-k8s.io/sandboxes delete (sandbox namespace)",
            "authentication.k8s.io/tokenreviews create (cluster)");
    KubernetesList list =
        Serialization.unmarshal(result.manifest().orElseThrow(), KubernetesList.class);
    List<HasMetadata> items = list.getItems();
    assertThat(items).hasSize(2);
    Role role = (Role) items.get(0);
    assertThat(role.getMetadata().getNamespace()).isEqualTo(Fixtures.NAMESPACE);
    assertThat(role.getRules())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getApiGroups()).containsExactly("agents.x-k8s.io");
              assertThat(r.getResources()).containsExactly("sandboxes");
              assertThat(r.getVerbs()).containsExactly("create", "delete");
            });
    ClusterRole cluster = (ClusterRole) items.get(1);
    assertThat(cluster.getRules())
        .extracting(PolicyRule::getResources, PolicyRule::getVerbs)
        .containsExactly(tuple(List.of("tokenreviews"), List.of("create")));
  }
}
