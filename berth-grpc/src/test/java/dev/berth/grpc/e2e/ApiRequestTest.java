package dev.berth.grpc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.grpc.testing.Sandboxes;
import dev.berth.kubernetes.ApiPermission;
import dev.berth.kubernetes.ApiPermissions;
import dev.berth.settings.DriverSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request attributes RBAC sees, and how the coverage check judges them. */
class ApiRequestTest {

  private static ApiRequest classify(String method, String url) {
    return ApiRequest.of(method, url).orElseThrow();
  }

  @Test
  void verbsFollowTheMethodTheNameAndTheWatchParameter() {
    String collection = "/apis/agents.x-k8s.io/v1beta1/namespaces/agents/sandboxes";
    assertThat(classify("GET", collection + "?labelSelector=a%3Db").verb()).isEqualTo("list");
    assertThat(classify("GET", collection + "?watch=true&resourceVersion=5").verb())
        .isEqualTo("watch");
    assertThat(classify("GET", collection + "/x").verb()).isEqualTo("get");
    assertThat(classify("POST", collection).verb()).isEqualTo("create");
    assertThat(classify("PUT", collection + "/x").verb()).isEqualTo("update");
    assertThat(classify("PATCH", collection + "/x").verb()).isEqualTo("patch");
    assertThat(classify("DELETE", collection + "/x").verb()).isEqualTo("delete");
    assertThat(classify("DELETE", collection).verb()).isEqualTo("deletecollection");
  }

  @Test
  void groupsNamespacesSubresourcesAndNamesAreResolvedAsTheApiServerDoes() {
    ApiRequest status =
        classify("PUT", "/apis/agents.x-k8s.io/v1beta1/namespaces/agents/sandboxes/x/status");
    assertThat(status.group()).isEqualTo("agents.x-k8s.io");
    assertThat(status.resource()).isEqualTo("sandboxes/status");
    assertThat(status.namespace()).contains("agents");
    assertThat(status.name()).contains("x");

    // A namespace object is authorized inside itself, so a Role there may grant reading it.
    ApiRequest namespace = classify("GET", "/api/v1/namespaces/agents");
    assertThat(namespace.group()).isEmpty();
    assertThat(namespace.resource()).isEqualTo("namespaces");
    assertThat(namespace.namespace()).contains("agents");
    assertThat(classify("POST", "/api/v1/namespaces").namespace()).isEmpty();

    ApiRequest pods =
        classify(
            "GET",
            "/api/v1/namespaces/agents/pods?fieldSelector=metadata.name%3Dteam-a--alpha&watch=true");
    assertThat(pods.verb()).isEqualTo("watch");
    assertThat(pods.name()).contains("team-a--alpha");
    assertThat(classify("GET", "/api/v1/nodes?limit=500").namespace()).isEmpty();
    assertThat(ApiRequest.of("GET", "/version")).isEmpty();
  }

  @Test
  void coverageNeedsTheScopeAndForNamedPermissionsTheName() {
    DriverSettings managed =
        Sandboxes.settings(
            "OPENSHELL_WORKSPACE_MODE", "managed",
            "OPENSHELL_SANDBOX_NAMESPACE", "agents",
            "OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS", "regcred");
    ApiRequest copyRead = classify("GET", "/api/v1/namespaces/openshell-gw-a/secrets/regcred");
    ApiRequest otherSecret = classify("GET", "/api/v1/namespaces/openshell-gw-a/secrets/admin");
    assertThat(ApiCoverage.permitting(copyRead, managed)).isPresent();
    assertThat(ApiCoverage.undeclared(List.of(copyRead, otherSecret), managed))
        .singleElement()
        .asString()
        .contains("secrets get (cluster, name admin) in managed mode is not declared");

    DriverSettings shared = Sandboxes.settings("OPENSHELL_SANDBOX_NAMESPACE", "agents");
    ApiRequest inNamespace = classify("GET", "/api/v1/namespaces/agents/events?limit=1");
    ApiRequest everywhere = classify("GET", "/api/v1/events?limit=1");
    assertThat(ApiCoverage.permitting(inNamespace, shared)).isPresent();
    assertThat(ApiCoverage.permitting(everywhere, shared)).isEmpty();

    // A cluster-wide permission covers the sandbox namespace, but is only exercised by a
    // request that needs it.
    ApiPermission clusterList =
        ApiPermissions.neededBy(managed).stream()
            .filter(p -> p.resource().equals("events") && p.verb().equals("list"))
            .findFirst()
            .orElseThrow();
    assertThat(ApiCoverage.permitting(inNamespace, managed)).contains(clusterList);
    assertThat(ApiCoverage.exercises(inNamespace, clusterList, managed)).isFalse();
    assertThat(ApiCoverage.exercises(everywhere, clusterList, managed)).isTrue();
  }

  @Test
  void aNameRestrictedPermissionWithoutNamesIsNotNeeded() {
    DriverSettings noSecrets = Sandboxes.settings("OPENSHELL_WORKSPACE_MODE", "managed");
    // The copies' reads and refreshes are restricted to the copied names, so none is needed; the
    // two-pod bootstrap Secrets need create, list and delete in every install.
    assertThat(ApiPermissions.neededBy(noSecrets))
        .noneMatch(
            p ->
                p.resource().equals("secrets")
                    && (p.verb().equals("get") || p.verb().equals("update")))
        .anyMatch(p -> p.resource().equals("namespaces") && p.verb().equals("create"));
    assertThat(ApiPermissions.neededBy(noSecrets).get(0).resourceNames(noSecrets))
        .isEqualTo(Optional.empty());
  }
}
