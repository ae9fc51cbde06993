package dev.berth.benchmarks.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.google.rpc.PreconditionFailure;
import dev.berth.benchmarks.MockApi;
import dev.berth.grpc.ComputeDriverService;
import dev.berth.grpc.DriverConnection;
import dev.berth.grpc.DriverServer;
import dev.berth.grpc.StatusMapping;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.GetCapabilitiesRequest;
import dev.berth.kubernetes.BackendOptions;
import dev.berth.kubernetes.KubernetesClients;
import dev.berth.kubernetes.KubernetesSandboxBackend;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends generated requests to the driver (the real backend against fabric8's CRUD mock, the real
 * server on a Unix socket) and checks every answer: OK, or INVALID_ARGUMENT / FAILED_PRECONDITION
 * with at least one violation; each accepted Sandbox, as stored, passes {@link SandboxChecker}; the
 * server keeps answering; no log line holds a secret value.
 */
public final class FuzzRun {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final KubernetesSerialization K8S = new KubernetesSerialization();

  /**
   * @param failures one line per failed case, each naming the case
   * @param logLines lines the driver logged
   */
  public record Outcome(
      long seed,
      int cases,
      int accepted,
      int invalid,
      int precondition,
      List<String> failures,
      long logLines,
      Duration duration) {}

  private FuzzRun() {}

  public static Outcome run(long seed, int cases, PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("berth-fuzz");
    try {
      return run(seed, cases, out, dir);
    } finally {
      deleteTree(dir);
    }
  }

  private static Outcome run(long seed, int cases, PrintStream out, Path dir) throws Exception {
    SecretWatch watch = SecretWatch.install();
    Path socket = dir.resolve("driver.sock");
    DriverSettings settings =
        DriverSettings.fromMap(
                Map.of(
                    MockApi.NAMESPACE_SETTING,
                    MockApi.NAMESPACE,
                    "OPENSHELL_COMPUTE_DRIVER_SOCKET",
                    socket.toString()))
            .orElseThrow();
    long start = System.nanoTime();
    int accepted = 0;
    int invalid = 0;
    int precondition = 0;
    List<String> failures = new ArrayList<>();
    try (MockApi api = MockApi.start(false);
        KubernetesClient client = KubernetesClients.create(api.admin().getConfiguration());
        KubernetesSandboxBackend backend =
            KubernetesSandboxBackend.start(client, settings, BackendOptions.defaults());
        DriverServer server =
            DriverServer.builder(new ComputeDriverService(backend, settings, "fuzz"))
                .listen(settings.serving())
                .start();
        DriverConnection connection = DriverConnection.unixSocket(socket)) {
      if (out != null) {
        out.printf("driver on %s, mock API at %s%n", server.target(), api.url());
      }
      FuzzRequests requests = new FuzzRequests(seed);
      for (int i = 0; i < cases; i++) {
        DriverSandbox sandbox = requests.next(i);
        ComputeDriverGrpc.ComputeDriverBlockingStub stub =
            ComputeDriverGrpc.newBlockingStub(connection.channel())
                .withDeadlineAfter(30, TimeUnit.SECONDS);
        Status status;
        StatusRuntimeException error = null;
        try {
          stub.createSandbox(CreateSandboxRequest.newBuilder().setSandbox(sandbox).build());
          status = Status.OK;
        } catch (StatusRuntimeException e) {
          status = e.getStatus();
          error = e;
        }
        String where = "case " + i + " (seed " + seed + ")";
        switch (status.getCode()) {
          case OK -> {
            accepted++;
            checkStored(api, sandbox, where, failures);
          }
          case INVALID_ARGUMENT -> {
            invalid++;
            if (StatusMapping.violations(error).isEmpty()) {
              failures.add(where + ": INVALID_ARGUMENT without a violation");
            }
          }
          case FAILED_PRECONDITION -> {
            precondition++;
            if (!hasPreconditionViolation(error)) {
              failures.add(where + ": FAILED_PRECONDITION without a violation");
            }
          }
          default -> failures.add(where + ": answered " + status);
        }
        if (i % 200 == 199) {
          alive(connection, where, failures);
          if (out != null) {
            out.printf("%d cases, %d failures%n", i + 1, failures.size());
          }
        }
      }
      alive(connection, "the end", failures);
    } finally {
      watch.uninstall();
    }
    failures.addAll(watch.leaks());
    return new Outcome(
        seed,
        cases,
        accepted,
        invalid,
        precondition,
        List.copyOf(failures),
        watch.lines(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private static void checkStored(
      MockApi api, DriverSandbox sandbox, String where, List<String> failures) {
    String name = sandbox.getWorkspace() + "--" + sandbox.getName();
    var resources =
        api.admin()
            .genericKubernetesResources(
                SandboxApiVersion.V1BETA1.apiVersion(), SandboxApiVersion.KIND)
            .inNamespace(MockApi.NAMESPACE)
            .withName(name);
    GenericKubernetesResource stored = resources.get();
    if (stored == null) {
      failures.add(where + ": accepted, but no Sandbox " + name + " was stored");
      return;
    }
    String json = K8S.asJson(stored);
    for (String problem :
        SandboxChecker.check(JSON.readTree(json), json.getBytes(StandardCharsets.UTF_8).length)) {
      failures.add(where + ": the API server would refuse the Sandbox: " + problem);
    }
    resources.delete();
  }

  private static boolean hasPreconditionViolation(StatusRuntimeException e) {
    var status = StatusProto.fromThrowable(e);
    if (status == null) {
      return false;
    }
    for (var any : status.getDetailsList()) {
      if (any.is(PreconditionFailure.class)) {
        try {
          return any.unpack(PreconditionFailure.class).getViolationsCount() > 0;
        } catch (IOException unreadable) {
          return false;
        }
      }
    }
    return false;
  }

  private static void alive(DriverConnection connection, String where, List<String> failures) {
    try {
      ComputeDriverGrpc.newBlockingStub(connection.channel())
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .getCapabilities(GetCapabilitiesRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      failures.add("after " + where + ": the driver no longer answers: " + e.getStatus());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Every log line, checked for the generator's secret marker as it is written. */
  static final class SecretWatch extends AppenderBase<ILoggingEvent> {
    private final AtomicLong lines = new AtomicLong();
    private final List<String> leaks = new ArrayList<>();
    private Level previous;

    static SecretWatch install() {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      SecretWatch watch = new SecretWatch();
      watch.setContext(context);
      watch.setName("fuzz-secret-watch");
      watch.start();
      Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
      Logger berth = context.getLogger("dev.berth");
      watch.previous = berth.getLevel();
      // Every line the driver writes at its default level, the per-call lines included, is
      // checked; the driver's lines go nowhere else, so a long run does not flood the console.
      berth.setLevel(Level.INFO);
      berth.setAdditive(false);
      berth.addAppender(watch);
      root.addAppender(watch);
      return watch;
    }

    void uninstall() {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
      Logger berth = context.getLogger("dev.berth");
      berth.detachAppender(this);
      berth.setAdditive(true);
      berth.setLevel(previous);
      stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
      lines.incrementAndGet();
      StringBuilder text = new StringBuilder(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        text.append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
      event.getMDCPropertyMap().values().forEach(text::append);
      if (text.indexOf(FuzzRequests.SECRET) >= 0) {
        synchronized (leaks) {
          leaks.add("a log line holds a secret value: " + event.getLoggerName());
        }
      }
    }

    long lines() {
      return lines.get();
    }

    List<String> leaks() {
      synchronized (leaks) {
        return List.copyOf(leaks);
      }
    }
  }
}
