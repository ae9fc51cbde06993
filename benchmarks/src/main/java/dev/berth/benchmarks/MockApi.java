package dev.berth.benchmarks;

import dev.berth.settings.ClusterSettings;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * A throw-away Kubernetes API for {@code berth serve} run as a process: fabric8's CRUD mock with
 * the agent-sandbox CRD and the sandbox namespace, on loopback, and a kubeconfig file pointing at
 * it. The start-up benchmark, the AppCDS/AOT training run and the runtime's integration test all
 * start {@code berth serve} against one of these.
 *
 * <p>With {@code https} the mock serves TLS with a self-signed certificate (the kubeconfig skips
 * verification), so a runtime missing the modules TLS needs fails against it.
 */
public final class MockApi implements AutoCloseable {

  /** The namespace sandboxes live in; serve is pointed at it with {@link #NAMESPACE_SETTING}. */
  public static final String NAMESPACE = "openshell";

  /** The environment variable that names the sandbox namespace to {@code berth serve}. */
  public static final String NAMESPACE_SETTING = ClusterSettings.SANDBOX_NAMESPACE.env();

  private final KubernetesMockServer server;
  private final NamespacedKubernetesClient admin;

  private MockApi(KubernetesMockServer server, NamespacedKubernetesClient admin) {
    this.server = server;
    this.admin = admin;
  }

  /**
   * Runs a mock API until stdin closes: {@code java -cp benchmarks.jar dev.berth.benchmarks.MockApi
   * KUBECONFIG [--https]} writes the kubeconfig, prints its path and serves until then.
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("--https"))) {
      System.err.println("usage: MockApi KUBECONFIG [--https]");
      System.exit(2);
    }
    CreateBenchmarkSetup.configureLogging(null);
    try (MockApi api = start(args.length == 2)) {
      System.out.println(api.writeKubeconfig(Path.of(args[0])));
      System.out.flush();
      System.in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /** Starts the mock on a free loopback port with the Sandbox API and the namespace installed. */
  public static MockApi start(boolean https) {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    return start(https, responses, new KubernetesMixedDispatcher(responses));
  }

  /** Starts the mock with the given CRUD dispatcher (one that counts or seeds, for instance). */
  static MockApi start(boolean https, Dispatcher dispatcher) {
    return start(https, new HashMap<>(), dispatcher);
  }

  private static MockApi start(
      boolean https, Map<ServerRequest, Queue<ServerResponse>> responses, Dispatcher dispatcher) {
    MockServerLogging.quiet();
    KubernetesMockServer server =
        new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, https);
    server.init(InetAddress.getLoopbackAddress(), 0);
    NamespacedKubernetesClient admin = server.createClient();
    try {
      CreateBenchmarkSetup.registerSandboxApi(server, admin);
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .createOr(NonDeletingOperation::update);
    } catch (RuntimeException e) {
      admin.close();
      server.destroy();
      throw e;
    }
    return new MockApi(server, admin);
  }

  /** A client with fabric8's defaults, as an operator would use it. */
  public NamespacedKubernetesClient admin() {
    return admin;
  }

  /** The API server's URL. */
  public String url() {
    return admin.getMasterUrl().toString();
  }

  /** Writes a kubeconfig whose current context points at this API server, and returns its path. */
  public Path writeKubeconfig(Path file) throws IOException {
    Config config =
        new ConfigBuilder()
            .withApiVersion("v1")
            .withKind("Config")
            .addNewCluster()
            .withName("mock")
            .withNewCluster()
            .withServer(url())
            .withInsecureSkipTlsVerify(url().startsWith("https:"))
            .endCluster()
            .endCluster()
            .addNewUser()
            .withName("mock")
            .withNewUser()
            .withToken("mock-token")
            .endUser()
            .endUser()
            .addNewContext()
            .withName("mock")
            .withNewContext()
            .withCluster("mock")
            .withUser("mock")
            .withNamespace(NAMESPACE)
            .endContext()
            .endContext()
            .withCurrentContext("mock")
            .build();
    Files.createDirectories(file.toAbsolutePath().getParent());
    // JSON is YAML; the serializer writes it, no text is built by hand.
    Files.writeString(file, new KubernetesSerialization().asJson(config));
    return file;
  }

  @Override
  public void close() {
    admin.close();
    server.destroy();
  }
}
