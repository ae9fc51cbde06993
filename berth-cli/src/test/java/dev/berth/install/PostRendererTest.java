package dev.berth.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/** The post-renderer as a function: stream and values in, stream and notices (or problems) out. */
class PostRendererTest {

  private static Result<PostRenderer.Rendered> render(String stream, String values) {
    return PostRenderer.render(
        new PostRenderer.Input(
            stream, Optional.ofNullable(values), "values file v.yaml", "1.2.3", Optional.empty()));
  }

  private static List<JsonNode> objects(String stream) throws Exception {
    return List.copyOf(Documents.objects(YamlStream.read(stream, "out")));
  }

  private static JsonNode find(List<JsonNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> Documents.kind(o).equals(kind) && Documents.name(o).equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
  }

  private static JsonNode container(JsonNode statefulSet, String name) {
    for (JsonNode c : statefulSet.path("spec").path("template").path("spec").path("containers")) {
      if (c.path("name").asString().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no container " + name);
  }

  private static List<String> messages(Result<?> result) {
    return result.violations().stream().map(Violation::toString).toList();
  }

  @Test
  void schemaOneIsWiredByEnvironmentAndEveryOtherDocumentPassesThrough() throws Exception {
    String input = GatewayStreams.v1();
    PostRenderer.Rendered out = render(input, null).orElseThrow();

    List<JsonNode> before = objects(input);
    List<JsonNode> after = objects(out.stream());
    // Everything but the workload is the same tree, in the same order, before the added objects.
    for (int i = 0; i < before.size(); i++) {
      if (!Documents.kind(before.get(i)).equals("StatefulSet")) {
        assertThat(after.get(i)).as(Documents.describe(before.get(i))).isEqualTo(before.get(i));
      }
    }
    JsonNode workload = find(after, "StatefulSet", "openshell");
    JsonNode gateway = container(workload, "openshell-gateway");
    assertThat(gateway.path("env").toString())
        .contains("{\"name\":\"OPENSHELL_DRIVERS\",\"value\":\"kubernetes\"}")
        .contains(
            "{\"name\":\"OPENSHELL_COMPUTE_DRIVER_SOCKET\",\"value\":\"" + BerthContainer.SOCKET);
    JsonNode berth = container(workload, "berth");
    assertThat(berth.path("args").toString())
        .isEqualTo("[\"serve\",\"--bind-socket\",\"" + BerthContainer.SOCKET + "\"]");
    assertThat(berth.path("image").asString()).isEqualTo("ghcr.io/berth-dev/berth:1.2.3");
    assertThat(berth.path("securityContext").path("runAsUser").asLong()).isEqualTo(1000);
    // Settings came from the gateway's own config and environment.
    assertThat(berth.path("env").toString())
        .contains("{\"name\":\"OPENSHELL_SANDBOX_NAMESPACE\",\"value\":\"agents\"}")
        .contains("{\"name\":\"OPENSHELL_K8S_TOPOLOGY\",\"value\":\"sidecar\"}")
        .contains("{\"name\":\"OPENSHELL_K8S_SIDECAR_PROXY_UID\",\"value\":\"1400\"}")
        .contains("{\"name\":\"OPENSHELL_TELEMETRY_ENABLED\",\"value\":\"false\"}");
    assertThat(out.notices())
        .contains("namespace: agents (from gateway.toml [openshell.gateway] sandbox_namespace)")
        .contains("berth.image: ghcr.io/berth-dev/berth:1.2.3 (Berth's default)");
    // The chart's Role grants sandboxes and events; the install adds only the rest.
    JsonNode role = find(after, "Role", "openshell-berth");
    assertThat(role.path("metadata").path("namespace").asString()).isEqualTo("agents");
    assertThat(role.path("rules").toString())
        .contains("pods")
        .contains("persistentvolumeclaims")
        .doesNotContain("sandboxes");
    assertThat(find(after, "RoleBinding", "openshell-berth").path("subjects").toString())
        .contains("\"namespace\":\"openshell\"");
    assertThat(after.stream().map(Documents::describe))
        .doesNotContain("ClusterRole/openshell-berth");
  }

  @Test
  void schemaTwoRegistersTheDriverInTheConfigUnderEitherRoot() throws Exception {
    for (String root : List.of("openshell", "ryno")) {
      String input =
          GatewayStreams.stream(GatewayStreams.v2Toml(root), "{runAsUser: 1000, runAsGroup: 1000}");
      PostRenderer.Rendered out = render(input, "gateway_driver_name: berth-k8s\n").orElseThrow();

      List<JsonNode> after = objects(out.stream());
      JsonNode toml =
          TomlMapper.builder()
              .build()
              .readTree(
                  find(after, "ConfigMap", "openshell-config")
                      .path("data")
                      .path("gateway.toml")
                      .asString());
      assertThat(toml.path(root).path("version").asInt()).isEqualTo(2);
      assertThat(toml.path(root).path("gateway").path("compute_driver").asString())
          .isEqualTo("berth-k8s");
      assertThat(toml.path(root).path("drivers").path("berth-k8s").path("socket_path").asString())
          .isEqualTo(BerthContainer.SOCKET);
      JsonNode workload = find(after, "StatefulSet", "openshell");
      assertThat(container(workload, "openshell-gateway").path("env").toString())
          .doesNotContain("OPENSHELL_DRIVERS");
      assertThat(container(workload, "berth").path("securityContext").path("runAsGroup").asLong())
          .isEqualTo(1000);
      assertThat(out.notices()).anyMatch(n -> n.contains("callers use driver_config.berth-k8s"));
    }
  }

  @Test
  void anUnknownSchemaVersionIsRefusedNamingIt() {
    String input =
        GatewayStreams.stream(
            GatewayStreams.v2Toml("openshell").replace("version = 2", "version = 3"),
            "{runAsUser: 1000}");

    assertThat(messages(render(input, null)))
        .singleElement()
        .asString()
        .contains("ConfigMap openshell-config key gateway.toml declares [openshell] version = 3");
  }

  @Test
  void noGatewayOrTwoGatewaysIsRefusedNamingWhatWasFound() {
    String noGateway = GatewayStreams.v1().replace("name: openshell-gateway", "name: other");
    assertThat(messages(render(noGateway, null)))
        .singleElement()
        .asString()
        .contains("found no StatefulSet or Deployment with a container named 'openshell-gateway'")
        .contains("kinds ClusterRole, ClusterRoleBinding, ConfigMap, Role, RoleBinding, Service,");

    String twice =
        GatewayStreams.v1()
            + GatewayStreams.v1()
                .substring(GatewayStreams.v1().indexOf("---\napiVersion: apps/v1"))
                .replace("kind: StatefulSet", "kind: Deployment");
    assertThat(messages(render(twice, null)))
        .singleElement()
        .asString()
        .contains("found 2 workloads")
        .contains("StatefulSet/openshell, Deployment/openshell");
  }

  @Test
  void everyValuesProblemIsReportedAtOnce() {
    String values =
        """
        topolgy: sidecar
        sidecar:
          proxy_uid: 5
        bind_socket: /tmp/x.sock
        berth:
          resources: {limits: {gpu: 1}}
          image: Not An Image
        gateway_driver_name: kubernetes
        """;

    List<String> problems = messages(render(GatewayStreams.v1(), values));

    assertThat(problems)
        .anyMatch(p -> p.contains("unknown key 'topolgy'; did you mean 'topology'?"))
        .anyMatch(
            p ->
                p.startsWith("values file key 'sidecar.proxy_uid': --sidecar-proxy-uid")
                    && p.contains("is '5'"))
        .anyMatch(p -> p.startsWith("values file key 'bind_socket': the install sets the socket"))
        .anyMatch(p -> p.contains("'limits.gpu' is not a resource"))
        .anyMatch(p -> p.startsWith("values file key 'berth.image': 'Not An Image'"))
        .anyMatch(p -> p.contains("built-in driver names"));
    assertThat(problems).hasSize(6);
  }

  @Test
  void dottedAndNestedKeysAreTheSame() throws Exception {
    String dotted = render(GatewayStreams.v1(), "sidecar.proxy_uid: 2000\n").orElseThrow().stream();
    String nested =
        render(GatewayStreams.v1(), "sidecar: {proxy_uid: 2000}\n").orElseThrow().stream();

    assertThat(dotted).isEqualTo(nested).contains("value: '2000'");
    assertThat(
            messages(
                render(GatewayStreams.v1(), "sidecar.proxy_uid: 1\nsidecar: {proxy_uid: 1}\n")))
        .anyMatch(p -> p.contains("key 'sidecar.proxy_uid' is given twice"));
  }

  @Test
  void aGatewayWithoutAUidOrRunningAsRootIsRefused() {
    String noUid = GatewayStreams.stream(GatewayStreams.V1_TOML, "{runAsNonRoot: true}");
    assertThat(messages(render(noUid, null)))
        .singleElement()
        .asString()
        .contains("sets no runAsUser");
    // OpenShift gives every container of the pod the same UID.
    assertThat(render(noUid, "openshift: true\n").isValid()).isTrue();

    String root = GatewayStreams.stream(GatewayStreams.V1_TOML, "{runAsUser: 0}");
    assertThat(messages(render(root, null))).singleElement().asString().contains("runs as root");
  }

  @Test
  void openShiftAddsTheTopologysSccAndGrantsItToTheSandboxAccount() throws Exception {
    List<JsonNode> shared =
        objects(render(GatewayStreams.v1(), "openshift: true\n").orElseThrow().stream());
    JsonNode scc = find(shared, "SecurityContextConstraints", "openshell-berth-sandbox-sidecar");
    assertThat(scc.path("allowPrivilegedContainer").asBoolean()).isFalse();
    assertThat(find(shared, "Role", "openshell-berth-sandbox-sidecar").path("rules").toString())
        .contains("\"verbs\":[\"use\"]")
        .contains("\"resourceNames\":[\"openshell-berth-sandbox-sidecar\"]");
    assertThat(
            find(shared, "RoleBinding", "openshell-berth-sandbox-sidecar")
                .path("subjects")
                .toString())
        .contains("\"name\":\"default\"")
        .contains("\"namespace\":\"agents\"");

    PostRenderer.Rendered managed =
        render(GatewayStreams.v1(), "openshift: true\nworkspace_mode: managed\n").orElseThrow();
    assertThat(objects(managed.stream()).stream().map(Documents::describe))
        .contains("ClusterRole/openshell-berth-sandbox-sidecar")
        .doesNotContain("RoleBinding/openshell-berth-sandbox-sidecar");
    assertThat(managed.notices()).anyMatch(n -> n.contains("in each workspace namespace"));
  }

  @Test
  void theHealthListenerMustBeReachableAndFree() {
    assertThat(messages(render(GatewayStreams.v1(), "health_address: 127.0.0.1:8091\n")))
        .singleElement()
        .asString()
        .contains("the kubelet probes the pod IP");
    assertThat(messages(render(GatewayStreams.v1(), "health_address: 0.0.0.0:8081\n")))
        .singleElement()
        .asString()
        .contains("port 8081 is already container openshell-gateway's port");
  }

  @Test
  void aBrokenStreamIsOneSentenceWithItsPlace() {
    assertThat(messages(render("kind: A\n  bad: [\n", null)))
        .singleElement()
        .asString()
        .startsWith("the rendered stream is not valid YAML:");
  }
}
