package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.AuthInfoBuilder;
import io.fabric8.kubernetes.api.model.ClusterBuilder;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.ContextBuilder;
import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedClusterBuilder;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the packaged {@code berth.jar doctor} as a process against a mock API server, through a
 * kubeconfig file as users do: the text and JSON output and the exit codes.
 */
class DoctorCommandIT {

  private static final Path JAR = Path.of("target", "berth.jar");
  private static final String NAMESPACE = "agents";

  @TempDir Path tmp;

  private KubernetesMockServer server;
  private KubernetesClient admin;
  private Path kubeconfig;

  private record Run(int exit, String out, String err) {}

  @SuppressWarnings("deprecation")
  @BeforeEach
  void cluster() throws IOException {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    admin = server.createClient();
    server.setVersionInfo(
        new VersionInfo.Builder().withMajor("1").withMinor("35").withGitVersion("v1.35.0").build());
    server
        .expect()
        .get()
        .withPath("/apis/security.openshift.io")
        .andReturn(404, Map.of("kind", "Status", "code", 404))
        .always();
    kubeconfig = kubeconfig("http://localhost:" + server.getPort());
  }

  /** A kubeconfig whose current context "mock" points at {@code url}, written as users have it. */
  private Path kubeconfig(String url) throws IOException {
    Path file = tmp.resolve("kubeconfig-" + url.replaceAll("\\W", "_"));
    Files.writeString(
        file,
        Serialization.asYaml(
            new ConfigBuilder()
                .withApiVersion("v1")
                .withKind("Config")
                .withCurrentContext("mock")
                .withClusters(
                    new NamedClusterBuilder()
                        .withName("mock")
                        .withCluster(new ClusterBuilder().withServer(url).build())
                        .build())
                .withUsers(
                    new NamedAuthInfoBuilder()
                        .withName("admin")
                        .withUser(new AuthInfoBuilder().withToken("t").build())
                        .build())
                .withContexts(
                    new NamedContextBuilder()
                        .withName("mock")
                        .withContext(
                            new ContextBuilder().withCluster("mock").withUser("admin").build())
                        .build())
                .build()));
    return file;
  }

  @AfterEach
  void stop() {
    admin.close();
    server.destroy();
  }

  private Run berth(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.add("doctor");
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--sandbox-namespace=" + NAMESPACE);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("OPENSHELL_") || k.equals("KUBECONFIG"));
    Process p = builder.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, err);
  }

  /** SelfSubjectAccessReviews allow everything but the {@code "resource verb"} pairs given. */
  private void selfReviews(Set<String> denied) {
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
        .andReply(
            201,
            request -> {
              SelfSubjectAccessReview review =
                  Serialization.unmarshal(request.getUtf8Body(), SelfSubjectAccessReview.class);
              var a = review.getSpec().getResourceAttributes();
              SubjectAccessReviewStatus status = new SubjectAccessReviewStatus();
              status.setAllowed(!denied.contains(a.getResource() + " " + a.getVerb()));
              review.setStatus(status);
              return review;
            })
        .always();
  }

  private void healthyCluster() {
    CustomResourceDefinition crd =
        admin
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .resource(
                new CustomResourceDefinitionBuilder()
                    .withNewMetadata()
                    .withName("sandboxes.agents.x-k8s.io")
                    .endMetadata()
                    .withNewSpec()
                    .withGroup("agents.x-k8s.io")
                    .withScope("Namespaced")
                    .withNewNames()
                    .withKind("Sandbox")
                    .withPlural("sandboxes")
                    .endNames()
                    .addNewVersion()
                    .withName("v1beta1")
                    .withServed(true)
                    .withStorage(true)
                    .endVersion()
                    .endSpec()
                    .build())
            .create();
    crd.setStatus(
        new CustomResourceDefinitionStatusBuilder()
            .addNewCondition()
            .withType("Established")
            .withStatus("True")
            .endCondition()
            .build());
    admin.apiextensions().v1().customResourceDefinitions().resource(crd).updateStatus();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    admin
        .storage()
        .v1()
        .storageClasses()
        .resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName("standard")
                .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                .endMetadata()
                .withProvisioner("csi.example.com")
                .build())
        .create();
  }

  @Test
  void aHealthyClusterExitsZeroWithALinePerCheck() throws Exception {
    healthyCluster();
    selfReviews(Set.of());

    Run r = berth();

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).doesNotContain("✘");
    assertThat(r.out().lines().filter(l -> l.startsWith("✔ ")).count()).isGreaterThanOrEqualTo(10);
    assertThat(r.out()).contains("✔ api-server: context mock", "Kubernetes v1.35.0");
    assertThat(r.out().strip().lines().reduce((a, b) -> b))
        .hasValue("14 ok, 1 warning, 0 failures");
  }

  @Test
  void aBrokenClusterExitsOneAndPrintsTheRoleThatGrantsWhatIsMissing() throws Exception {
    selfReviews(Set.of("sandboxes create", "pods get"));

    Run r = berth();
    // The README's Troubleshooting section shows this run; keep a copy to paste from.
    Files.writeString(Path.of("target", "doctor-failing-run.txt"), r.out());

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "✘ agent-sandbox: the CustomResourceDefinition sandboxes.agents.x-k8s.io is missing.",
            "✘ permissions: 2 of",
            "kind: \"Role\"",
            "✘ sandbox-namespace: namespace agents does not exist.",
            "✘ workspace-storage:");
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void jsonOutputCarriesEveryCheckAndTheExitCodeStillSays() throws Exception {
    selfReviews(Set.of());

    Run r = berth("--output", "json");

    assertThat(r.exit()).isEqualTo(1);
    JsonNode root = JsonMapper.builder().build().readTree(r.out());
    assertThat(root.get("ok").asBoolean()).isFalse();
    assertThat(root.get("checks")).hasSize(15);
    JsonNode first = root.get("checks").get(0);
    assertThat(first.get("check").asString()).isEqualTo("api-server");
    assertThat(first.get("status").asString()).isEqualTo("ok");
    assertThat(root.get("checks").get(1).get("fix").asString()).contains("install agent-sandbox");
  }

  @Test
  void invalidSettingsExitTwo() throws Exception {
    Run r = berth("--workspace-mode=operator");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).contains("operator mode");
  }

  @Test
  void anUnreachableServerExitsOneWithoutAStackTrace() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    kubeconfig = kubeconfig("http://127.0.0.1:" + port);

    Run r = berth("--timeout-seconds", "1");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .startsWith("✘ api-server: context mock")
        .contains("0 ok, 0 warnings, 1 failure");
    assertThat(r.out() + r.err()).doesNotContain("Exception", "\tat ");
  }
}
