package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class NetworkPolicyCheckIT {

  KubernetesMockServer server;
  KubernetesClient client;

  private static final String[] SSH_INGRESS = {
    "OPENSHELL_WORKSPACE_MODE", "managed",
    "OPENSHELL_MANAGED_SSH_INGRESS_ENABLED", "true",
    "OPENSHELL_MANAGED_SSH_GATEWAY_NAMESPACE", "openshell",
    "OPENSHELL_MANAGED_SSH_GATEWAY_POD_SELECTOR", "app=openshell"
  };

  private CheckResult check(String... settings) {
    return new NetworkPolicyCheck().run(Fixtures.context(client, Fixtures.settings(settings)));
  }

  @Test
  void aServedApiIsStillAWarningBecauseEnforcementIsInvisible() {
    Fixtures.apiResources(
        server, NetworkPolicyCheck.API_VERSION, "NetworkPolicy", "networkpolicies");

    CheckResult result = check(SSH_INGRESS);

    assertThat(result.status()).isEqualTo(CheckResult.Status.WARN);
    assertThat(result.found()).contains("served", "cannot prove");
  }

  @Test
  void anUnservedApiFailsWhenManagedSshIngressNeedsIt() {
    server
        .expect()
        .get()
        .withPath("/apis/" + NetworkPolicyCheck.API_VERSION)
        .andReturn(404, Map.of("kind", "Status", "code", 404))
        .always();

    assertThat(check(SSH_INGRESS).status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(check().status()).isEqualTo(CheckResult.Status.WARN);
  }
}
