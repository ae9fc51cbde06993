package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.kubernetes.KubernetesClients;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class DoctorIT {

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void anUnreachableApiServerEndsTheRunAfterItsOwnLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<CheckResult> results;
    try (KubernetesClient gone =
        KubernetesClients.create(
            new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + port).build(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1))) {
      results = Doctor.run(gone, Fixtures.settings(), "ctx", false);
    }

    assertThat(results)
        .singleElement()
        .satisfies(r -> assertThat(r.check()).isEqualTo("api-server"));
    assertThat(Doctor.failed(results)).isTrue();
  }

  @Test
  void everyCheckRunsOnceInOrderAndAForbiddenReadIsAWarningNamingIt() {
    Fixtures.version(server, "1", "35");
    server
        .expect()
        .get()
        .withPath("/apis/storage.k8s.io/v1/storageclasses")
        .andReturn(403, Map.of("kind", "Status", "code", 403, "message", "forbidden"))
        .always();

    List<CheckResult> results = Doctor.run(client, Fixtures.settings(), "ctx", false);

    assertThat(results)
        .extracting(CheckResult::check)
        .containsExactly(
            "api-server",
            "agent-sandbox",
            "supervisor-sideload",
            "permissions",
            "sandbox-namespace",
            "openshift",
            "workspace-storage",
            "runtime-class",
            "gpu-nodes",
            "secrets",
            "managed-mode",
            "admission",
            "network-policy",
            "scheduling-gates",
            "isolation-images");
    CheckResult storage = results.get(6);
    assertThat(storage.status()).isEqualTo(CheckResult.Status.WARN);
    assertThat(storage.found()).startsWith("not checked:").contains("list StorageClasses");
    assertThat(Doctor.failed(results)).isTrue();
  }
}
