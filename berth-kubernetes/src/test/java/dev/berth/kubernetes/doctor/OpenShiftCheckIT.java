package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.ManagedNames;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class OpenShiftCheckIT {

  KubernetesMockServer server;
  KubernetesClient client;

  private CheckResult check() {
    return new OpenShiftCheck().run(Fixtures.context(client, Fixtures.settings()));
  }

  @Test
  void aClusterWithoutTheSccApiIsNotOpenShift() {
    Fixtures.apiGroup(server, OpenShiftCheck.GROUP, false);

    CheckResult result = check();

    assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
    assertThat(result.found()).startsWith("not OpenShift");
  }

  @Test
  void openShiftWithRangesAndAGrantedSccIsOk() {
    Fixtures.apiGroup(server, OpenShiftCheck.GROUP, true);
    Fixtures.namespace(
        client,
        Fixtures.NAMESPACE,
        Map.of(),
        Map.of(
            ManagedNames.SCC_UID_RANGE, "1000660000/10000",
            ManagedNames.SCC_SUPPLEMENTAL_GROUPS, "1000660000/10000"));
    List<SubjectAccessReview> asked = Fixtures.reviews(server, true);

    CheckResult result = check();

    assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
    assertThat(asked)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getSpec().getUser()).isEqualTo("system:serviceaccount:agents:default");
              assertThat(r.getSpec().getResourceAttributes().getVerb()).isEqualTo("use");
              assertThat(r.getSpec().getResourceAttributes().getName())
                  .isEqualTo("berth-sandbox-combined");
            });
  }

  @Test
  void openShiftWithoutRangesOrGrantFailsAndPointsAtTheShippedScc() {
    Fixtures.apiGroup(server, OpenShiftCheck.GROUP, true);
    Fixtures.namespace(client, Fixtures.NAMESPACE, Map.of());
    Fixtures.reviews(server, false);

    CheckResult result = check();

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.found())
        .contains(ManagedNames.SCC_UID_RANGE, "may not use the SCC berth-sandbox-combined");
    assertThat(result.fix())
        .hasValueSatisfying(f -> assertThat(f).contains("openshift: true", "oc new-project"));
  }

  @Test
  void managedModeNeedsTheSccClusterRoleSetting() {
    Fixtures.apiGroup(server, OpenShiftCheck.GROUP, true);

    CheckResult without =
        new OpenShiftCheck()
            .run(
                Fixtures.context(client, Fixtures.settings("OPENSHELL_WORKSPACE_MODE", "managed")));
    CheckResult with =
        new OpenShiftCheck()
            .run(
                Fixtures.context(
                    client,
                    Fixtures.settings(
                        "OPENSHELL_WORKSPACE_MODE", "managed",
                        "OPENSHELL_SANDBOX_SCC_CLUSTER_ROLE", "berth-sandbox-scc")));

    assertThat(without.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(without.found()).contains("--sandbox-scc-cluster-role");
    assertThat(with.status()).isEqualTo(CheckResult.Status.OK);
    assertThat(with.found()).contains("berth-sandbox-scc");
  }
}
