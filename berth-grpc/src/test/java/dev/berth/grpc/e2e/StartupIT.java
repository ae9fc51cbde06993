package dev.berth.grpc.e2e;

import static dev.berth.grpc.testing.Sandboxes.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.driver.DriverException;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.ListSandboxesRequest;
import dev.berth.plan.SandboxApiVersion;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Driver startup against a cluster: it refuses, with a sentence, a cluster without agent-sandbox or
 * one that will not let it list sandboxes, and in shared mode it adopts sandboxes an older gateway
 * identity labelled differently.
 */
class StartupIT {

  static final String NAMESPACE = LifecycleIT.GATEWAY_NAMESPACE;
  static final String SANDBOXES = "/apis/agents.x-k8s.io/%s/namespaces/" + NAMESPACE + "/sandboxes";

  @TempDir Path tmp;

  @Test
  void aClusterWithoutAgentSandboxIsRefused() {
    try (MockCluster cluster = MockCluster.start(SandboxApiVersion.V1ALPHA1, NAMESPACE)) {
      cluster
          .server()
          .expect()
          .get()
          .withPath(SANDBOXES.formatted("v1alpha1") + "?limit=1")
          .andReturn(404, MockCluster.notFound("the server could not find the requested resource"))
          .always();

      assertThatThrownBy(
              () ->
                  SocketDriver.start(cluster, LifecycleIT.settingsFor("shared"), tmp.resolve("s")))
          .isInstanceOfSatisfying(
              DriverException.class,
              e -> assertThat(e.kind()).isEqualTo(DriverException.Kind.FAILED_PRECONDITION))
          .hasMessage(
              "no supported Agent Sandbox API version is available; tried v1beta1, v1alpha1 —"
                  + " install agent-sandbox (https://github.com/kubernetes-sigs/agent-sandbox)");
      assertThat(tmp.resolve("s")).doesNotExist();
    }
  }

  @Test
  void aServiceAccountThatMayNotListSandboxesIsRefused() {
    try (MockCluster cluster = MockCluster.start(SandboxApiVersion.V1BETA1, NAMESPACE)) {
      cluster
          .server()
          .expect()
          .get()
          .withPath(SANDBOXES.formatted("v1beta1") + "?limit=1")
          .andReturn(
              403,
              MockCluster.failure(
                  403,
                  "Forbidden",
                  "sandboxes.agents.x-k8s.io is forbidden: User"
                      + " \"system:serviceaccount:agents:berth\" cannot list resource"
                      + " \"sandboxes\""))
          .always();

      assertThatThrownBy(
              () ->
                  SocketDriver.start(cluster, LifecycleIT.settingsFor("shared"), tmp.resolve("s")))
          .isInstanceOfSatisfying(
              DriverException.class,
              e -> assertThat(e.kind()).isEqualTo(DriverException.Kind.PERMISSION_DENIED))
          .hasMessageStartingWith(
              "the driver's service account may not list Sandbox resources"
                  + " (agents.x-k8s.io/v1beta1) in namespace agents to detect the served API"
                  + " version: sandboxes.agents.x-k8s.io is forbidden");
    }
  }

  @Test
  void sharedModeAdoptsSandboxesLabelledForAnotherGatewayId() throws Exception {
    try (MockCluster cluster = MockCluster.start(SandboxApiVersion.V1BETA1, NAMESPACE)) {
      cluster
          .admin()
          .genericKubernetesResources(MockCluster.sandboxes(SandboxApiVersion.V1BETA1))
          .inNamespace(NAMESPACE)
          .resource(legacySandbox("old-1", "legacy", Map.of()))
          .create();
      cluster
          .admin()
          .genericKubernetesResources(MockCluster.sandboxes(SandboxApiVersion.V1BETA1))
          .inNamespace(NAMESPACE)
          .resource(
              legacySandbox("old-2", "renamed", Map.of("openshell.ai/gateway-id", "previous-id")))
          .create();

      try (SocketDriver driver =
          SocketDriver.start(
              cluster,
              settings("OPENSHELL_SANDBOX_NAMESPACE", NAMESPACE, "OPENSHELL_GATEWAY_ID", "gw1"),
              tmp.resolve("driver.sock"))) {
        assertThat(
                driver
                    .stub()
                    .listSandboxes(ListSandboxesRequest.getDefaultInstance())
                    .getSandboxesList())
            .extracting(DriverSandbox::getId)
            .containsExactly("old-1", "old-2");
        for (GenericKubernetesResource s :
            cluster.sandboxes(SandboxApiVersion.V1BETA1, NAMESPACE)) {
          assertThat(s.getMetadata().getLabels()).containsEntry("openshell.ai/gateway-id", "gw1");
        }
      }
    }
  }

  private static GenericKubernetesResource legacySandbox(
      String id, String name, Map<String, String> extraLabels) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(SandboxApiVersion.V1BETA1.apiVersion())
        .withKind("Sandbox")
        .withNewMetadata()
        .withName("team-a--" + name)
        .withNamespace(NAMESPACE)
        .addToLabels("openshell.ai/managed-by", "openshell")
        .addToLabels("openshell.ai/sandbox-id", id)
        .addToLabels("openshell.ai/sandbox-name", name)
        .addToLabels("openshell.ai/sandbox-workspace", "team-a")
        .addToLabels(extraLabels)
        .endMetadata()
        .addToAdditionalProperties("spec", Map.of("podTemplate", Map.of("spec", Map.of())))
        .build();
  }
}
