package dev.berth.benchmarks;

import dev.berth.grpc.ComputeDriverService;
import dev.berth.grpc.DriverConnection;
import dev.berth.grpc.DriverServer;
import dev.berth.grpc.MetricsInterceptor;
import dev.berth.grpc.convert.ProtoRequests;
import dev.berth.grpc.convert.RequestFiles;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.kubernetes.BackendOptions;
import dev.berth.kubernetes.KubernetesClients;
import dev.berth.kubernetes.KubernetesSandboxBackend;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.SandboxRenderer;
import dev.berth.render.agentsandbox.AgentSandbox;
import dev.berth.result.Result;
import dev.berth.settings.DriverSettings;
import dev.berth.validate.SandboxValidator;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * CreateSandbox end to end against the bare API call it wraps.
 *
 * <p>One process holds a fabric8 {@link KubernetesMockServer} in CRUD mode, the real Berth {@link
 * DriverServer} on a real Unix socket with a real {@link KubernetesSandboxBackend} against that
 * mock, a {@link PassThroughDriver} on a second socket, and gRPC clients. After a warm-up each
 * iteration runs, one call at a time and in rotating order, (a) a {@code CreateSandbox} over
 * Berth's socket, (b) a raw fabric8 {@code create()} of the same rendered Sandbox and (c) a {@code
 * CreateSandbox} over the pass-through driver's socket, whose handler only makes that raw create.
 * It reports per-operation latency percentiles, the mean, the throughput of one sequential caller,
 * Berth's call split around its Kubernetes create, and the ratios Berth/raw (goal: at most 1.15),
 * pass-through/raw (what gRPC over a socket costs any driver here) and Berth/pass-through.
 *
 * <p>Run it from the shaded jar (JMH stays the jar's main class):
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.berth.benchmarks.CreateSandboxBenchmark \
 *     [--count 1000] [--warmup 200] [--berth-log file|off] [--raw-client separate|driver]
 * </pre>
 *
 * <p>Not a JMH benchmark: each operation is a network round trip of hundreds of microseconds that
 * changes the mock's state, so plain per-call timing with {@link System#nanoTime()} is adequate and
 * gives the latency distribution directly.
 */
public final class CreateSandboxBenchmark {

  /** The Berth/raw ratio of means and of medians this benchmark aims for. */
  public static final double GOAL = 1.15;

  static final String NAMESPACE = "openshell";
  static final String WORKSPACE = "team-a";

  /** Sandbox id prefixes; the mock tells the sides' requests apart by them. */
  static final String BERTH_PREFIX = "berth-";

  static final String FLOOR_PREFIX = "floor-";

  /**
   * Every order of the three operations (0 Berth, 1 raw, 2 pass-through). Iterations cycle through
   * all six, so each operation follows each other one equally often and whatever a call leaves
   * behind (a log write, an informer event) is spread over the other two.
   */
  private static final int[][] ORDERS = {
    {0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}
  };

  /**
   * A typical sandbox: environment, labels, resources and one scratch volume, nothing that makes
   * Create ask the cluster more than it always does (no claims, no GPU).
   */
  static final String REQUEST =
      """
      id: %s
      name: %s
      workspace: team-a
      spec:
        log_level: info
        environment: {OPENSHELL_LOG_LEVEL: info, HTTP_TIMEOUT: "30"}
        template:
          image: ghcr.io/example/agent:1.4.2
          labels: {team: a, purpose: bench}
          environment: {EDITOR: vim, LANG: C.UTF-8}
          resources: {cpu_request: 500m, cpu_limit: "2", memory_request: 1Gi, memory_limit: 4Gi}
          driver_config:
            volumes:
              - name: scratch
                empty_dir: {size_limit: 1Gi}
            containers:
              agent:
                volume_mounts:
                  - {name: scratch, mount_path: /sandbox/scratch}
      """;

  private CreateSandboxBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("CreateSandboxBenchmark: " + e.getMessage());
      System.err.println(
          "usage: --count N --warmup N [--berth-log file|off] [--raw-client separate|driver]");
      System.exit(2);
      return;
    }
    run(options, System.out);
  }

  /** Runs the benchmark, prints the table to {@code out} and returns the numbers. */
  public static CreateResult run(Options options, PrintStream out) throws Exception {
    MockServerLogging.quiet();
    Path dir = Files.createTempDirectory("berth-bench");
    try {
      return run(options, out, dir);
    } finally {
      CreateBenchmarkSetup.deleteTree(dir);
    }
  }

  private static CreateResult run(Options options, PrintStream out, Path dir) throws Exception {
    CreateBenchmarkSetup.configureLogging(options.berthLog() ? dir.resolve("berth.log") : null);
    Path socket = dir.resolve("run/driver.sock");
    Path floorSocket = dir.resolve("floor/driver.sock");
    DriverSettings settings =
        DriverSettings.fromMap(
                Map.of(
                    "OPENSHELL_SANDBOX_NAMESPACE",
                    NAMESPACE,
                    "OPENSHELL_COMPUTE_DRIVER_SOCKET",
                    socket.toString(),
                    "OPENSHELL_GRPC_ENDPOINT",
                    "https://openshell.openshell.svc:8080"))
            .orElseThrow();

    CreateBenchmarkSetup.TimingDispatcher dispatcher = new CreateBenchmarkSetup.TimingDispatcher();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (NamespacedKubernetesClient admin = server.createClient()) {
      Config config = admin.getConfiguration();
      CreateBenchmarkSetup.registerSandboxApi(server, admin);
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();

      // Two clients built the same way, as `berth serve` builds its one: the driver's and the
      // baseline's. Separate, so the driver's informer and event watches stay on the driver's side.
      try (KubernetesClient driverClient = KubernetesClients.create(config);
          KubernetesClient rawClient = KubernetesClients.create(config);
          KubernetesSandboxBackend backend =
              KubernetesSandboxBackend.start(driverClient, settings, BackendOptions.defaults())) {
        TimedBackend timed = new TimedBackend(backend);
        KubernetesClient baseline = options.sharedClient() ? driverClient : rawClient;
        Map<String, AgentSandbox> floorObjects = new ConcurrentHashMap<>();
        try (DriverServer driver =
                DriverServer.builder(new ComputeDriverService(timed, settings, "bench"))
                    .listen(settings.serving())
                    .meterRegistry(registry)
                    .start();
            DriverConnection connection = DriverConnection.unixSocket(socket);
            PassThroughDriver floor = PassThroughDriver.start(floorSocket, baseline, floorObjects);
            DriverConnection floorConnection = DriverConnection.unixSocket(floorSocket)) {
          out.printf("Berth on %s, pass-through floor on %s%n", driver.target(), floor.target());
          Sides sides =
              new Sides(backend, timed, baseline, connection, floorConnection, floorObjects);
          CreateResult result = measure(options, out, settings, sides, socket, dispatcher);
          Timer timer =
              registry.find(MetricsInterceptor.DURATION).tag("method", "CreateSandbox").timer();
          if (timer != null) {
            out.printf(
                Locale.ROOT,
                "server-side CreateSandbox (MetricsInterceptor, warm-up included): %d calls, mean"
                    + " %.1f µs%n",
                timer.count(),
                timer.mean(TimeUnit.MICROSECONDS));
          }
          return result;
        }
      }
    } finally {
      server.destroy();
      registry.close();
    }
  }

  /** What the measured loop drives: Berth, the raw baseline and the pass-through floor. */
  private record Sides(
      KubernetesSandboxBackend backend,
      TimedBackend timed,
      KubernetesClient rawClient,
      DriverConnection connection,
      DriverConnection floorConnection,
      Map<String, AgentSandbox> floorObjects) {}

  private static CreateResult measure(
      Options options,
      PrintStream out,
      DriverSettings settings,
      Sides sides,
      Path socket,
      CreateBenchmarkSetup.TimingDispatcher dispatcher)
      throws Exception {
    int total = options.warmup() + options.count();
    KubernetesSandboxBackend backend = sides.backend();
    KubernetesClient rawClient = sides.rawClient();
    DriverSandbox template = request("template", "template");
    SandboxApiVersion version = backend.apiVersion();
    ResourceDefinitionContext sandboxes = KubernetesClients.sandboxes(version);
    ClusterFacts facts = backend.prepare(WORKSPACE, NAMESPACE);

    // Every input exists before the clock starts: Berth gets the proto request, the baseline the
    // object Berth's own pipeline renders for an identical request under another name, and the
    // pass-through floor a request whose object it finds rendered in the same way.
    List<CreateSandboxRequest> berthRequests = new ArrayList<>(total);
    List<AgentSandbox> rawObjects = new ArrayList<>(total);
    List<CreateSandboxRequest> floorRequests = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      berthRequests.add(
          CreateSandboxRequest.newBuilder()
              .setSandbox(template.toBuilder().setId(berthId(i)).setName(berthName(i)))
              .build());
      DriverSandbox raw = template.toBuilder().setId(rawId(i)).setName(rawName(i)).build();
      rawObjects.add(render(raw, settings, facts));
      DriverSandbox floor = template.toBuilder().setId(floorId(i)).setName(floorName(i)).build();
      sides.floorObjects().put(floorId(i), render(floor, settings, facts));
      floorRequests.add(CreateSandboxRequest.newBuilder().setSandbox(floor).build());
    }

    ComputeDriverGrpc.ComputeDriverBlockingStub stub =
        ComputeDriverGrpc.newBlockingStub(sides.connection().channel());
    ComputeDriverGrpc.ComputeDriverBlockingStub floorStub =
        ComputeDriverGrpc.newBlockingStub(sides.floorConnection().channel());
    Samples samples = new Samples(options.count());
    long measuredStart = 0;
    for (int i = 0; i < total; i++) {
      if (i == options.warmup()) {
        measuredStart = System.nanoTime();
        dispatcher.measuring = true;
      }
      int k = i - options.warmup();
      for (int operation : ORDERS[i % ORDERS.length]) {
        switch (operation) {
          case 0 -> {
            long t0 = System.nanoTime();
            stub.withDeadlineAfter(30, TimeUnit.SECONDS).createSandbox(berthRequests.get(i));
            long t1 = System.nanoTime();
            TimedBackend.Span create = sides.timed().lastCreate();
            samples.berth(k, t0, create.start(), create.end(), t1);
          }
          case 1 -> {
            AgentSandbox object = rawObjects.get(i);
            long t0 = System.nanoTime();
            rawClient.resource(object).create();
            samples.raw(k, System.nanoTime() - t0);
          }
          default -> {
            long t0 = System.nanoTime();
            floorStub.withDeadlineAfter(30, TimeUnit.SECONDS).createSandbox(floorRequests.get(i));
            samples.floor(k, System.nanoTime() - t0);
          }
        }
      }
    }
    double measuredSeconds = (System.nanoTime() - measuredStart) / 1e9;
    dispatcher.measuring = false;

    boolean same = StoredObjects.same(rawClient, sandboxes, 0);
    int stored =
        rawClient
            .genericKubernetesResources(sandboxes)
            .inNamespace(NAMESPACE)
            .list()
            .getItems()
            .size();

    CreateDiagnostics.Timings d =
        CreateDiagnostics.run(
            options, stub, berthRequests, template, settings, facts, backend, rawClient, sandboxes);

    CreateResult result =
        new CreateResult(
            options,
            Stats.of("Berth CreateSandbox (gRPC over UDS)", samples.berth),
            Stats.of("raw fabric8 create()", samples.raw),
            Stats.of("pass-through CreateSandbox (gRPC over UDS)", samples.floor),
            Stats.of("  Berth in: gRPC, admission, render", samples.berthIn),
            Stats.of("  Berth backend.create", samples.berthCreate),
            Stats.of("  Berth out: gRPC response", samples.berthOut),
            Stats.of("GetCapabilities over UDS (no API call)", d.capabilities()),
            Stats.of("plan + render in-process", d.plan()),
            Stats.of("CreateSandbox handler in-process (no gRPC)", d.handler()),
            Stats.of("backend.create in-process (no gRPC)", d.backendCreate()),
            Stats.of("raw create beside it", d.rawBeside()),
            Stats.of(
                "  mock handling Berth's create",
                CreateBenchmarkSetup.TimingDispatcher.toArray(dispatcher.berth)),
            Stats.of(
                "  mock handling raw create",
                CreateBenchmarkSetup.TimingDispatcher.toArray(dispatcher.raw)),
            dispatcher.httpVersion,
            same,
            stored,
            measuredSeconds);
    CreateBenchmarkReport.print(result, out, socket);
    return result;
  }

  static DriverSandbox request(String id, String name) {
    return RequestFiles.parseMessage(REQUEST.formatted(id, name), true).orElseThrow();
  }

  static String berthId(int i) {
    return String.format(Locale.ROOT, BERTH_PREFIX + "%05d", i);
  }

  static String berthName(int i) {
    return String.format(Locale.ROOT, "bench-berth-%05d", i);
  }

  static String floorId(int i) {
    return String.format(Locale.ROOT, FLOOR_PREFIX + "%05d", i);
  }

  static String floorName(int i) {
    return String.format(Locale.ROOT, "bench-floor-%05d", i);
  }

  static String rawId(int i) {
    return String.format(Locale.ROOT, "raw-%05d", i);
  }

  static String rawName(int i) {
    return String.format(Locale.ROOT, "bench-raw-%05d", i);
  }

  /** Berth's own pipeline: the Sandbox object CreateSandbox would send for this request. */
  static AgentSandbox render(DriverSandbox sandbox, DriverSettings settings, ClusterFacts facts) {
    Result<SandboxPlan> plan =
        SandboxValidator.validate(ProtoRequests.toRequest(sandbox), settings, facts);
    if (!plan.isValid()) {
      throw new IllegalStateException("benchmark request is invalid: " + plan.violations());
    }
    return SandboxRenderer.render(plan.orElseThrow()).sandbox();
  }
}
