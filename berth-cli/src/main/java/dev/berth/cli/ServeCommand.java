package dev.berth.cli;

import dev.berth.driver.DriverException;
import dev.berth.driver.SandboxBackend;
import dev.berth.grpc.ComputeDriverService;
import dev.berth.grpc.DriverServer;
import dev.berth.grpc.StartupException;
import dev.berth.result.Result;
import dev.berth.settings.DriverSettings;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth serve}: the driver process the OpenShell gateway talks to. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve the OpenShell ComputeDriver gRPC API for Kubernetes, on --bind-socket (a private Unix"
          + " socket, as the gateway's --compute-driver-socket expects) or else on --bind-address.",
      "Runs until SIGTERM or SIGINT, then drains calls and exits 0. Exit 2 for invalid settings,"
          + " 1 when the cluster or the socket is unusable."
    })
final class ServeCommand implements Callable<Integer>, SettingsAware {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description =
          "Kubeconfig file when not running in a cluster. Env: KUBECONFIG. Default: in-cluster"
              + " configuration, then ~/.kube/config.")
  String kubeconfig;

  private Map<String, String> environment = Map.of();
  private BackendFactory backends = BackendFactory.DEFAULT;

  @Override
  public void environment(Map<String, String> environment) {
    this.environment = environment;
  }

  void backends(BackendFactory backends) {
    this.backends = backends;
  }

  @Override
  public Integer call() throws InterruptedException {
    StartupTimeline startup = StartupTimeline.begin();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Result<DriverSettings> loaded = SettingsOptions.load(spec, environment);
    if (!loaded.isValid()) {
      return Reports.violations(
          out, err, OutputFormat.text, "driver settings", loaded.violations());
    }
    DriverSettings settings = loaded.orElseThrow();
    LoggingSetup.configure(settings.serving().logLevel(), settings.serving().logFormat());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Optional<String> kube =
        Optional.ofNullable(kubeconfig)
            .or(() -> Optional.ofNullable(environment.get("KUBECONFIG")))
            .filter(s -> !s.isBlank());
    startup.mark("settings and logging");

    // Signals are taken before anything starts, so a SIGTERM during startup still ends cleanly.
    // Health is answered from the start (readiness once the server serves), so the kubelet can tell
    // a slow start from a dead process.
    try (ShutdownSignal signal = ShutdownSignal.install();
        HttpEndpoints http = HttpEndpoints.start(settings.serving(), registry)) {
      // Connecting to the cluster (client, API probe, informer sync) is the longest phase and
      // mostly waits on class loading and the API server; it runs on its own thread while this
      // one binds the JVM metrics. Nothing listens until the backend is ready.
      CompletableFuture<Connected> connecting =
          connect(new BackendFactory.Context(settings, kube, registry));
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      startup.mark("JVM metrics");
      Connected connected = await(connecting);
      startup.mark(
          "waiting for the Kubernetes backend",
          "which took " + connected.millis() + " on its own thread");
      try (SandboxBackend backend = new MeteredBackend(connected.backend(), registry)) {
        return serve(settings, registry, backend, signal, http, startup, kube);
      }
    } catch (DriverException | StartupException | IOException e) {
      err.println("berth serve: " + e.getMessage());
      err.flush();
      return ExitCodes.FAILURE;
    }
  }

  private Integer serve(
      DriverSettings settings,
      PrometheusMeterRegistry registry,
      SandboxBackend backend,
      ShutdownSignal signal,
      HttpEndpoints http,
      StartupTimeline startup,
      Optional<String> kube)
      throws StartupException, InterruptedException {
    try (DriverServer server =
        DriverServer.builder(new ComputeDriverService(backend, settings, BerthVersion.version()))
            .listen(settings.serving())
            .meterRegistry(registry)
            .start()) {
      startup.mark("gRPC server");
      LOG.info(
          "berth {} serving the ComputeDriver API on {} (workspace mode {}, gateway {}){}; {}"
              + " processors, common pool parallelism {}; started in {} ms ({} ms)",
          BerthVersion.version(),
          server.target(),
          settings.cluster().workspaceMode().value(),
          settings.cluster().gatewayId(),
          HttpEndpoints.describe(settings.serving()),
          Runtime.getRuntime().availableProcessors(),
          ForkJoinPool.getCommonPoolParallelism(),
          startup.sinceJvmStartMillis(),
          startup.phases());
      http.ready(true);
      StartupChecks.start(kube, settings);
      String caught = signal.await();
      http.ready(false);
      LOG.info("{} received; draining calls and ending watch streams", caught);
    }
    LOG.info("stopped");
    return ExitCodes.OK;
  }

  /** A started backend and how long it took. */
  private record Connected(SandboxBackend backend, long millis) {}

  /** Starts the backend on a thread of its own. */
  private CompletableFuture<Connected> connect(BackendFactory.Context context) {
    CompletableFuture<Connected> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              long start = System.nanoTime();
              try {
                SandboxBackend backend = backends.create(context);
                result.complete(new Connected(backend, (System.nanoTime() - start) / 1_000_000));
              } catch (DriverException | RuntimeException | Error e) {
                result.completeExceptionally(e);
              }
            },
            "berth-connect");
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  /** The backend, or the failure that stopped it, as thrown on the connecting thread. */
  private static Connected await(CompletableFuture<Connected> connecting)
      throws DriverException, InterruptedException {
    try {
      return connecting.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof DriverException d) {
        throw d;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) cause;
    }
  }
}
