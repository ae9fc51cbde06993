package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.kubernetes.KubernetesClients;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ApiServerCheckIT {

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void aServerThatAnswersNamesContextServerAndVersion() {
    Fixtures.version(server, "1", "35");

    ApiServerCheck.Reach reach = ApiServerCheck.probe(client, "kind-berth");

    assertThat(reach.result().status()).isEqualTo(CheckResult.Status.OK);
    assertThat(reach.result().found())
        .contains("context kind-berth", client.getMasterUrl().toString(), "Kubernetes v1.35.0");
    assertThat(reach.version()).contains(new ServerVersion(1, 35, "v1.35.0"));
  }

  @Test
  void aSilentServerIsReportedAsATimeoutWithoutAStackTrace() throws Exception {
    try (ServerSocket silent = new ServerSocket(0);
        KubernetesClient slow =
            KubernetesClients.create(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + silent.getLocalPort())
                    .build(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1))) {
      ApiServerCheck.Reach reach = ApiServerCheck.probe(slow, "stuck");

      assertThat(reach.result().status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(reach.result().found()).contains("timed out after 1s waiting for Kubernetes API");
      assertThat(reach.result().line()).doesNotContain("Exception", "\tat ");
      assertThat(reach.version()).isEmpty();
    }
  }

  @Test
  void aClosedPortIsUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (KubernetesClient gone =
        KubernetesClients.create(
            new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + port).build(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1))) {
      CheckResult result = ApiServerCheck.probe(gone, "gone").result();

      assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(result.found())
          .contains(
              "could not reach the Kubernetes API to read the server version: connection refused");
      assertThat(result.fix()).hasValueSatisfying(f -> assertThat(f).contains("--kubeconfig"));
    }
  }
}
