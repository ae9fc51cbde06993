package dev.berth.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.berth.naming.ManagedNames;
import dev.berth.plan.SandboxApiVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/** Mock cluster, logging and file helpers for {@link CreateSandboxBenchmark}. */
final class CreateBenchmarkSetup {

  private CreateBenchmarkSetup() {}

  /**
   * What the Sandbox API probe and fabric8's discovery need: the agent-sandbox CRD with both
   * versions served, and the mock told the resource is namespaced and where it lives. (A CRUD mock
   * answers a list of an unknown resource with an empty list, so the probe would pass without this;
   * registering it makes the mock a cluster with agent-sandbox installed rather than an accident.)
   */
  static void registerSandboxApi(KubernetesMockServer server, KubernetesClient admin) {
    List<CustomResourceDefinitionVersion> versions = new ArrayList<>();
    for (SandboxApiVersion v : SandboxApiVersion.values()) {
      versions.add(
          new CustomResourceDefinitionVersionBuilder()
              .withName(v.version())
              .withServed(true)
              .withStorage(v == SandboxApiVersion.values()[0])
              .withNewSchema()
              .withNewOpenAPIV3Schema()
              .withType("object")
              .withXKubernetesPreserveUnknownFields(true)
              .endOpenAPIV3Schema()
              .endSchema()
              .withNewSubresources()
              .withNewStatus()
              .endStatus()
              .endSubresources()
              .build());
      server.expectCustomResource(
          new CustomResourceDefinitionContext.Builder()
              .withGroup(SandboxApiVersion.GROUP)
              .withVersion(v.version())
              .withKind(SandboxApiVersion.KIND)
              .withPlural(SandboxApiVersion.PLURAL)
              .withScope("Namespaced")
              .build());
    }
    CustomResourceDefinition crd =
        new CustomResourceDefinitionBuilder()
            .withNewMetadata()
            .withName(SandboxApiVersion.PLURAL + "." + SandboxApiVersion.GROUP)
            .endMetadata()
            .withNewSpec()
            .withGroup(SandboxApiVersion.GROUP)
            .withScope("Namespaced")
            .withNewNames()
            .withKind(SandboxApiVersion.KIND)
            .withPlural(SandboxApiVersion.PLURAL)
            .withSingular("sandbox")
            .withListKind(SandboxApiVersion.KIND + "List")
            .endNames()
            .withVersions(versions)
            .endSpec()
            .build();
    // createOr: a slow mock can time a first POST out after storing it, and the retry must not fail
    admin
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(crd)
        .createOr(NonDeletingOperation::update);
  }

  /**
   * The CRUD dispatcher, timing how long the mock itself spends on each Sandbox create (from the
   * request read to the response built, watch notifications included), told apart by the sandbox id
   * the body carries. Recording starts when {@link #measuring} is set.
   */
  static final class TimingDispatcher extends KubernetesCrudDispatcher {
    static final String BERTH_MARK =
        "\"" + ManagedNames.LABEL_SANDBOX_ID + "\":\"" + CreateSandboxBenchmark.BERTH_PREFIX;
    static final String FLOOR_MARK =
        "\"" + ManagedNames.LABEL_SANDBOX_ID + "\":\"" + CreateSandboxBenchmark.FLOOR_PREFIX;
    final List<Long> berth = Collections.synchronizedList(new ArrayList<>());
    final List<Long> raw = Collections.synchronizedList(new ArrayList<>());
    volatile boolean measuring;
    volatile String httpVersion = "?";

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      boolean create =
          measuring
              && "POST".equals(request.getMethod())
              && request.getPath().endsWith("/" + SandboxApiVersion.PLURAL);
      // getBytes() leaves the body unread for the dispatcher; getUtf8Body() would consume it.
      String body = create ? new String(request.getBody().getBytes(), StandardCharsets.UTF_8) : "";
      boolean fromBerth = body.contains(BERTH_MARK);
      boolean fromFloor = body.contains(FLOOR_MARK);
      long t0 = System.nanoTime();
      MockResponse response = super.dispatch(request);
      long t1 = System.nanoTime();
      if (create && !fromFloor) {
        httpVersion = request.getHttpVersion();
        (fromBerth ? berth : raw).add(t1 - t0);
      }
      return response;
    }

    static long[] toArray(List<Long> values) {
      synchronized (values) {
        return values.stream().mapToLong(Long::longValue).toArray();
      }
    }
  }

  /**
   * The first three fields of /proc/loadavg, or "unknown"; other work on the machine skews runs.
   */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.join(" ", Arrays.copyOf(fields, 3));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * Logging as {@code berth serve} sets it up at the default level: the driver's loggers at INFO
   * (one line per call), libraries at WARN. The driver's lines go to {@code driverLog} instead of
   * stderr so the table stays readable; null turns them off.
   */
  static void configureLogging(Path driverLog) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("stderr");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder(context));
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    Logger berth = context.getLogger("dev.berth");
    if (driverLog == null) {
      berth.setLevel(Level.WARN);
      return;
    }
    FileAppender<ILoggingEvent> file = new FileAppender<>();
    file.setContext(context);
    file.setName("driver-log");
    file.setFile(driverLog.toString());
    file.setEncoder(encoder(context));
    file.start();
    berth.setLevel(Level.INFO);
    berth.setAdditive(false);
    berth.addAppender(file);
  }

  static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context) {
    PatternLayout layout = new PatternLayout();
    // berth serve's text pattern (LoggingSetup.TEXT_PATTERN in berth-cli)
    layout.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{24} - %msg%n%ex");
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    return encoder;
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(CreateBenchmarkSetup::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a leftover temp file is not worth failing a finished run for
    }
  }
}
