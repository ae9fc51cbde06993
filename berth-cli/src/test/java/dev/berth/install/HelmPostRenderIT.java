package dev.berth.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.cli.BerthVersion;
import dev.berth.kubernetes.ApiPermission;
import dev.berth.kubernetes.ApiPermissions;
import dev.berth.security.SandboxScc;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.Topology;
import dev.berth.settings.WorkspaceMode;
import dev.berth.testing.GoldenFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * {@code helm template --post-renderer berth} with the real helm binary and the plugin from {@code
 * deploy/helm-plugin/berth}, over a chart shaped like upstream's. Every output document is parsed
 * by fabric8 into its typed class and checked; {@code golden/helm/<scenario>.yaml} holds the whole
 * output.
 */
class HelmPostRenderIT {

  private static final Path CHART = Path.of("src", "test", "resources", "charts", "openshell");
  private static final KubernetesSerialization KUBE = new KubernetesSerialization();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path home;
  private static Helm helm;

  @BeforeAll
  static void installPlugin() throws Exception {
    helm =
        Helm.install(
            home, Path.of("..", "deploy", "helm-plugin", "berth"), Path.of("target", "berth.jar"));
  }

  /**
   * @param name the golden file's name
   * @param set chart values ({@code --set})
   * @param values the post-renderer's values file, if any
   */
  record Scenario(String name, List<String> set, Optional<String> values) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Scenario> scenarios() {
    return Stream.of(
        new Scenario("shared-combined-defaults", List.of(), Optional.empty()),
        new Scenario(
            "shared-sidecar-openshift",
            List.of("topology=sidecar"),
            Optional.of(
                """
                openshift: true
                default_image: ghcr.io/example/sandbox:1
                berth:
                  resources: {requests: {cpu: 200m, memory: 256Mi}, limits: {memory: 768Mi}}
                """)),
        new Scenario(
            "managed-combined",
            List.of("workspaceMode=managed"),
            Optional.of("image_pull_secrets: [regcred]\n")),
        new Scenario(
            "managed-sidecar-openshift",
            List.of("workspaceMode=managed", "topology=sidecar"),
            Optional.of("openshift: true\n")),
        new Scenario(
            "schema2-shared",
            List.of("config.version=2"),
            Optional.of("log_level: debug\nsidecar.proxy_uid: 1500\n")),
        new Scenario(
            "schema2-ryno-managed",
            List.of("config.version=2", "config.root=ryno", "workspaceMode=managed"),
            Optional.of("gateway_driver_name: berth-k8s\nopenshift: true\n")));
  }

  /** {@code helm template openshell <chart> --namespace openshell --set ...}, then {@code more}. */
  private static String[] template(List<String> set, String... more) {
    List<String> args = new ArrayList<>(List.of("template", "openshell", CHART.toString()));
    args.addAll(List.of("--namespace", "openshell"));
    set.forEach(v -> args.addAll(List.of("--set", v)));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static String[] template(Scenario s, boolean postRender) throws Exception {
    List<String> args = new ArrayList<>();
    if (postRender) {
      args.addAll(List.of("--post-renderer", "berth"));
      if (s.values().isPresent()) {
        Path file = Files.writeString(home.resolve(s.name() + ".yaml"), s.values().get());
        args.add("--post-renderer-args=--values=" + file);
      }
    }
    return template(s.set(), args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void theChartGainsBerthAndNothingElseChanges(Scenario s) throws Exception {
    Helm.Run plain = helm.run(template(s, false));
    Helm.Run run = helm.run(template(s, true));
    assertThat(plain.exit()).as(plain.err()).isZero();
    assertThat(run.exit()).as(run.err()).isZero();
    GoldenFiles.assertMatches(
        "helm/" + s.name() + ".yaml", run.out().replace(BerthVersion.version(), "VERSION"));
    // What Berth used reaches the person running helm, although helm keeps plugins' stderr.
    assertThat(run.err()).contains("berth helm-post-render: every other setting");

    List<JsonNode> before = YamlStream.read(plain.out(), "helm template");
    List<JsonNode> after = YamlStream.read(run.out(), "post-rendered");
    List<HasMetadata> objects = new ArrayList<>();
    for (JsonNode doc : after) {
      objects.add(KUBE.unmarshal(JSON.writeValueAsString(doc)));
    }
    boolean schema2 = s.set().contains("config.version=2");
    // Helm orders the documents by kind after post-rendering, so they are matched by identity.
    Map<String, JsonNode> byIdentity = new HashMap<>();
    after.forEach(d -> byIdentity.put(identity(d), d));
    assertThat(byIdentity).hasSameSizeAs(after);
    for (JsonNode doc : before) {
      String kind = Documents.kind(doc);
      if (!kind.equals("StatefulSet") && !(schema2 && kind.equals("ConfigMap"))) {
        assertThat(byIdentity.get(identity(doc))).as(identity(doc)).isEqualTo(doc);
      }
    }

    StatefulSet workload = only(objects, StatefulSet.class, "openshell");
    PodSpec pod = workload.getSpec().getTemplate().getSpec();
    Container gateway = container(pod, "openshell-gateway");
    Container berth = container(pod, "berth");
    checkBerthContainer(gateway, berth);
    assertThat(pod.getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getName()).isEqualTo(BerthContainer.SOCKET_VOLUME);
              assertThat(v.getEmptyDir()).isNotNull();
            });
    Map<String, String> gatewayEnv = env(gateway);
    ConfigMap config = only(objects, ConfigMap.class, "openshell-config");
    if (schema2) {
      JsonNode toml = TomlMapper.builder().build().readTree(config.getData().get("gateway.toml"));
      String root = s.set().contains("config.root=ryno") ? "ryno" : "openshell";
      String driver = s.name().contains("ryno") ? "berth-k8s" : "berth";
      assertThat(toml.path(root).path("gateway").path("compute_driver").asString())
          .isEqualTo(driver);
      assertThat(toml.path(root).path("drivers").path(driver).path("socket_path").asString())
          .isEqualTo(BerthContainer.SOCKET);
      assertThat(gatewayEnv).doesNotContainKey("OPENSHELL_DRIVERS");
    } else {
      assertThat(gatewayEnv)
          .containsEntry("OPENSHELL_DRIVERS", "kubernetes")
          .containsEntry("OPENSHELL_COMPUTE_DRIVER_SOCKET", BerthContainer.SOCKET);
    }

    DriverSettings settings = DriverSettings.fromMap(env(berth)).orElseThrow();
    checkRbac(objects, after, settings);
    boolean openshift = s.values().orElse("").contains("openshift: true");
    checkScc(objects, settings, openshift, schema2);
  }

  private static void checkBerthContainer(Container gateway, Container berth) {
    assertThat(berth.getArgs()).containsExactly("serve", "--bind-socket", BerthContainer.SOCKET);
    var sc = berth.getSecurityContext();
    assertThat(sc.getRunAsUser()).isEqualTo(gateway.getSecurityContext().getRunAsUser());
    assertThat(sc.getRunAsUser()).isEqualTo(1000L);
    assertThat(sc.getRunAsNonRoot()).isTrue();
    assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
    assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(berth.getResources().getLimits()).containsKey("memory");
    assertThat(berth.getResources().getRequests()).containsKeys("cpu", "memory");
    // Probes go to the pod IP, where the health listener binds; no exec probe starts a JVM.
    for (Probe p :
        List.of(berth.getStartupProbe(), berth.getLivenessProbe(), berth.getReadinessProbe())) {
      assertThat(p.getExec()).isNull();
      assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo(BerthContainer.HEALTH_PORT_NAME);
    }
    assertThat(berth.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(berth.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    int port = berth.getPorts().get(0).getContainerPort();
    assertThat(env(berth)).containsEntry("OPENSHELL_HEALTH_ADDRESS", "0.0.0.0:" + port);
    assertThat(env(berth)).containsKey(BerthContainer.JVM_OPTIONS_ENV);
    // The socket directory is the same mount in both containers.
    VolumeMount socket =
        berth.getVolumeMounts().stream()
            .filter(m -> m.getName().equals(BerthContainer.SOCKET_VOLUME))
            .findFirst()
            .orElseThrow();
    assertThat(gateway.getVolumeMounts()).contains(socket);
    assertThat(BerthContainer.SOCKET).startsWith(socket.getMountPath() + "/");
  }

  /**
   * After the install, the gateway's account holds every permission the configured driver needs,
   * and what the install added is nothing the chart already granted.
   */
  private static void checkRbac(
      List<HasMetadata> objects, List<JsonNode> after, DriverSettings settings) {
    List<ObjectNode> all = Documents.objects(after);
    UpstreamGrants installed = UpstreamGrants.of(all, "openshell", "openshell");
    List<ObjectNode> chartOnly =
        all.stream().filter(o -> !Documents.name(o).startsWith("openshell-berth")).toList();
    UpstreamGrants chart = UpstreamGrants.of(chartOnly, "openshell", "openshell");
    String namespace = settings.cluster().sandboxNamespace();
    for (ApiPermission p : ApiPermissions.neededBy(settings)) {
      assertThat(installed.cover(p, p.resourceNames(settings), namespace))
          .as("granted after install: %s", p.describe())
          .isTrue();
    }
    List<ApiPermission> added = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (!o.getMetadata().getName().equals("openshell-berth")) {
        continue;
      }
      var rules =
          o instanceof Role role
              ? role.getRules()
              : o instanceof ClusterRole cr ? cr.getRules() : List.<PolicyRule>of();
      for (var rule : rules) {
        for (String verb : rule.getVerbs()) {
          ApiPermissions.neededBy(settings).stream()
              .filter(p -> p.resource().equals(rule.getResources().get(0)) && p.verb().equals(verb))
              .filter(p -> p.group().equals(rule.getApiGroups().get(0)))
              .forEach(added::add);
        }
      }
    }
    for (ApiPermission p : added) {
      assertThat(chart.cover(p, p.resourceNames(settings), namespace))
          .as("added although the chart grants it: %s", p.describe())
          .isFalse();
    }
  }

  private static void checkScc(
      List<HasMetadata> objects, DriverSettings settings, boolean on, boolean schema2) {
    List<GenericKubernetesResource> sccs =
        objects.stream()
            .filter(
                o ->
                    o instanceof GenericKubernetesResource g
                        && g.getKind().equals("SecurityContextConstraints"))
            .map(GenericKubernetesResource.class::cast)
            .toList();
    if (!on) {
      assertThat(sccs).isEmpty();
      return;
    }
    // A schema 2 gateway is G2 or G3, whose sandboxes run the two-pod shape.
    Topology topology = schema2 ? Topology.ISOLATION_BACKEND : settings.supervisor().topology();
    String name = "openshell-" + SandboxScc.name(topology);
    GenericKubernetesResource scc = sccs.get(0);
    assertThat(sccs).hasSize(1);
    assertThat(scc.getMetadata().getName()).isEqualTo(name).doesNotContain("privileged");
    // The SCC is the one the core derives and proves admits every golden scenario.
    GenericKubernetesResource derived = SandboxScc.forTopology(topology).toResource("x");
    Map<String, Object> expected = new HashMap<>(derived.getAdditionalProperties());
    JsonNode shipped = JSON.valueToTree(scc.getAdditionalProperties());
    JsonNode derivedTree = JSON.valueToTree(expected);
    assertThat(shipped).isEqualTo(derivedTree);
    assertThat(scc.getAdditionalProperties().get("allowPrivilegedContainer")).isEqualTo(false);
    boolean managed = settings.cluster().workspaceMode().value().equals("managed");
    var grant =
        objects.stream()
            .filter(o -> o.getMetadata().getName().equals(name))
            .filter(o -> o instanceof Role || o instanceof ClusterRole)
            .findFirst()
            .orElseThrow();
    var rules = grant instanceof Role r ? r.getRules() : ((ClusterRole) grant).getRules();
    assertThat(rules)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getVerbs()).containsExactly("use");
              assertThat(r.getResourceNames()).containsExactly(name);
              assertThat(r.getApiGroups()).containsExactly("security.openshift.io");
            });
    if (!managed) {
      RoleBinding binding = only(objects, RoleBinding.class, name);
      assertThat(binding.getSubjects())
          .singleElement()
          .satisfies(
              sub -> {
                assertThat(sub.getName()).isEqualTo(settings.cluster().serviceAccountName());
                assertThat(sub.getNamespace()).isEqualTo(settings.cluster().sandboxNamespace());
              });
    }
  }

  private static final Path INSTALL_DOC = Path.of("..", "docs", "install.md");
  private static final String REGENERATE =
      "PATH=$PWD/.tools/helm:$PATH ./mvnw -pl berth-cli -am verify -Dtest=none"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=HelmPostRenderIT"
          + " -Dgolden.update=true";

  /** docs/install.md, whose RBAC table compares with what the chart in each mode grants. */
  @Test
  void theInstallReferenceIsCurrent() throws Exception {
    Map<WorkspaceMode, UpstreamGrants> upstream = new EnumMap<>(WorkspaceMode.class);
    for (WorkspaceMode mode : WorkspaceMode.values()) {
      Helm.Run plain =
          helm.run(
              template(
                  List.of("workspaceMode=" + mode.value(), "sandboxImagePullSecrets={regcred}")));
      assertThat(plain.exit()).as(plain.err()).isZero();
      upstream.put(
          mode,
          UpstreamGrants.of(
              Documents.objects(YamlStream.read(plain.out(), "chart")), "openshell", "openshell"));
    }
    String page = InstallDocs.markdown(upstream, REGENERATE);
    if (GoldenFiles.updating()) {
      Files.writeString(INSTALL_DOC, page, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(INSTALL_DOC, StandardCharsets.UTF_8))
        .as("%s is stale; regenerate with %s", INSTALL_DOC.toAbsolutePath().normalize(), REGENERATE)
        .isEqualTo(page);
    assertThat(page)
        .contains("| `persistentvolumeclaims get` | sandbox namespace | always |")
        .contains("**no: the install adds it**");
  }

  @Test
  void aRefusedValuesFileReachesThePersonRunningHelmAndNothingIsApplied() throws Exception {
    Path values =
        Files.writeString(
            home.resolve("bad.yaml"),
            "topolgy: sidecar\nsidecar: {proxy_uid: 5}\n",
            StandardCharsets.UTF_8);

    Helm.Run run =
        helm.run(
            template(
                List.of(), "--post-renderer", "berth", "--post-renderer-args=--values=" + values));

    assertThat(run.exit()).isNotZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains("plugin \"berth\" exited with error")
        .contains("unknown key 'topolgy'; did you mean 'topology'?")
        .contains("values file key 'sidecar.proxy_uid': --sidecar-proxy-uid")
        .contains("2 problems; nothing was written");
  }

  @Test
  void withoutBerthThePluginSaysWhereItLooked() throws Exception {
    Helm.Run run =
        helm.run(
            Map.of("PATH", "/usr/bin:/bin", "BERTH_BIN", ""),
            template(List.of(), "--post-renderer", "berth"));

    assertThat(run.exit()).isNotZero();
    assertThat(run.err())
        .contains("cannot find the berth command; put it on PATH or set BERTH_BIN");
  }

  private static <T extends HasMetadata> T only(
      List<HasMetadata> objects, Class<T> type, String name) {
    List<T> found =
        objects.stream()
            .filter(type::isInstance)
            .map(type::cast)
            .filter(o -> o.getMetadata().getName().equals(name))
            .toList();
    assertThat(found).as("%s %s", type.getSimpleName(), name).hasSize(1);
    return found.get(0);
  }

  private static String identity(JsonNode doc) {
    return Documents.kind(doc) + "/" + Documents.namespace(doc) + "/" + Documents.name(doc);
  }

  private static Container container(PodSpec pod, String name) {
    return pod.getContainers().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name));
  }

  private static Map<String, String> env(Container c) {
    Map<String, String> env = new HashMap<>();
    for (EnvVar e : c.getEnv()) {
      env.put(e.getName(), e.getValue());
    }
    return env;
  }
}
