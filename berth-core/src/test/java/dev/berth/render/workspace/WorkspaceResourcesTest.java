package dev.berth.render.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.ManagedNames;
import dev.berth.render.Manifests;
import dev.berth.settings.DriverSettings;
import dev.berth.testing.GoldenFiles;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The managed-mode objects of one workspace, compared with a reviewed golden file. */
class WorkspaceResourcesTest {

  private static DriverSettings.Cluster cluster() {
    return TestPlans.builder()
        .setting("OPENSHELL_WORKSPACE_MODE", "managed")
        .setting("OPENSHELL_GATEWAY_ID", "gw1")
        .setting("OPENSHELL_SANDBOX_NAMESPACE", "openshell")
        .setting("OPENSHELL_MANAGED_SSH_INGRESS_ENABLED", "true")
        .setting("OPENSHELL_MANAGED_SSH_GATEWAY_NAMESPACE", "openshell")
        .setting(
            "OPENSHELL_MANAGED_SSH_GATEWAY_POD_SELECTOR",
            "app.kubernetes.io/name=openshell,app.kubernetes.io/instance=openshell")
        .settings()
        .cluster();
  }

  @Test
  void aManagedWorkspaceRendersItsNamespaceAccountPolicyAndSecretCopies() {
    DriverSettings.Cluster cluster = cluster();
    String namespace = ManagedNames.managedNamespace(cluster.gatewayId(), "team-a");
    Secret gatewaysTls =
        new SecretBuilder()
            .withNewMetadata()
            .withName("openshell-client-tls")
            .withNamespace("openshell")
            .withUid("source-uid")
            .withResourceVersion("42")
            .withLabels(Map.of("app", "gateway"))
            .endMetadata()
            .withType("kubernetes.io/tls")
            .withData(Map.of("tls.crt", "Y2VydA==", "tls.key", "a2V5"))
            .build();
    List<HasMetadata> objects =
        List.of(
            WorkspaceResources.namespace(
                cluster,
                "team-a",
                Map.of(
                    ManagedNames.SCC_UID_RANGE,
                    "1000660000/10000",
                    ManagedNames.SCC_SUPPLEMENTAL_GROUPS,
                    "1000660000/10000",
                    "unrelated",
                    "not copied")),
            WorkspaceResources.serviceAccount(cluster, namespace),
            WorkspaceResources.sshIngressPolicy(cluster, namespace),
            WorkspaceResources.sccRoleBinding(
                cluster, "openshell-berth-sandbox-combined", namespace),
            WorkspaceResources.secretCopy(gatewaysTls, namespace));

    GoldenFiles.assertMatches("render/managed-workspace.yaml", Manifests.yaml(objects));
  }

  @Test
  void secretCopiesKeepOnlyTypeAndData() {
    Secret source =
        new SecretBuilder()
            .withNewMetadata()
            .withName("regcred")
            .withNamespace("openshell")
            .withUid("u")
            .withAnnotations(Map.of("a", "b"))
            .endMetadata()
            .withType("kubernetes.io/dockerconfigjson")
            .withData(Map.of(".dockerconfigjson", "e30="))
            .withStringData(Map.of("plain", "never copied"))
            .build();

    Secret copy = WorkspaceResources.secretCopy(source, "openshell-gw1-team-a");

    assertThat(copy.getMetadata().getNamespace()).isEqualTo("openshell-gw1-team-a");
    assertThat(copy.getMetadata().getUid()).isNull();
    assertThat(copy.getMetadata().getAnnotations()).isEmpty();
    assertThat(copy.getStringData()).isEmpty();
    assertThat(copy.getData()).isEqualTo(source.getData());
    assertThat(copy.getType()).isEqualTo(source.getType());
  }
}
