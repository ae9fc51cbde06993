package dev.berth.grpc;

import static dev.berth.grpc.testing.Sandboxes.settings;
import static dev.berth.grpc.testing.Sandboxes.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.berth.driver.DriverException;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.GetSandboxRequest;
import dev.berth.grpc.testing.FakeBackend;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingInterceptorTest {

  private final FakeBackend backend = new FakeBackend();
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger rpcLogger = (Logger) LoggerFactory.getLogger("dev.berth.rpc");
  private Server server;
  private ManagedChannel channel;

  /** A request full of things that must never be logged. */
  private static final DriverSandbox SECRETIVE =
      yaml(
          """
          id: sb-1
          name: demo
          workspace: team-a
          spec:
            sandbox_token: tok-SECRET
            environment: {API_KEY: env-SECRET}
            template:
              image: ghcr.io/example/agent:1
              environment: {OTHER: tmpl-SECRET}
          """);

  @BeforeEach
  void start() throws Exception {
    lines.start();
    rpcLogger.addAppender(lines);
    rpcLogger.setLevel(Level.INFO);
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(
                ServerInterceptors.intercept(
                    new ComputeDriverService(backend, settings(), "t"), new LoggingInterceptor()))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  @AfterEach
  void stop() {
    rpcLogger.detachAppender(lines);
    channel.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void oneLinePerCallWithMethodIdCodeAndDurationAndTheIdInTheMdc() {
    var stub = ComputeDriverGrpc.newBlockingStub(channel);
    stub.createSandbox(CreateSandboxRequest.newBuilder().setSandbox(SECRETIVE).build());
    catchThrowable(
        () -> stub.getSandbox(GetSandboxRequest.newBuilder().setSandboxId("nope").build()));

    assertThat(lines.list).hasSize(2);
    ILoggingEvent create = lines.list.get(0);
    assertThat(create.getFormattedMessage())
        .matches("rpc=CreateSandbox sandbox_id=sb-1 code=OK duration_ms=\\d+");
    assertThat(create.getMDCPropertyMap())
        .containsEntry("sandbox.id", "sb-1")
        .containsEntry("sandbox.name", "demo");
    assertThat(lines.list.get(1).getFormattedMessage())
        .startsWith("rpc=GetSandbox sandbox_id=nope code=NOT_FOUND")
        .endsWith("error=\"sandbox not found\"");
  }

  @Test
  void tokensAndEnvironmentValuesNeverReachTheLog() {
    var stub = ComputeDriverGrpc.newBlockingStub(channel);
    stub.createSandbox(CreateSandboxRequest.newBuilder().setSandbox(SECRETIVE).build());
    // A rejected request: the violations may quote values, and the log must not.
    DriverSandbox bad =
        SECRETIVE.toBuilder()
            .setSpec(SECRETIVE.getSpec().toBuilder().putEnvironment("bad name", "env-SECRET"))
            .setName("Bad_Name")
            .build();
    catchThrowable(
        () -> stub.createSandbox(CreateSandboxRequest.newBuilder().setSandbox(bad).build()));
    backend.failNext(
        "create", new DriverException(DriverException.Kind.INTERNAL, "API server said no"));
    catchThrowable(
        () -> stub.createSandbox(CreateSandboxRequest.newBuilder().setSandbox(SECRETIVE).build()));

    assertThat(lines.list).hasSize(3);
    assertThat(lines.list.get(1).getFormattedMessage()).contains("code=INVALID_ARGUMENT");
    assertThat(lines.list.get(2).getLevel()).isEqualTo(Level.WARN);
    assertThat(lines.list.get(2).getThrowableProxy().getMessage()).isEqualTo("API server said no");
    for (ILoggingEvent line : lines.list) {
      assertThat(line.getFormattedMessage() + line.getMDCPropertyMap()).doesNotContain("SECRET");
    }
  }

  @Test
  void anUnavailableClusterIsOneWarningLineWithoutAStackTrace() {
    var stub = ComputeDriverGrpc.newBlockingStub(channel);
    backend.failNext(
        "create",
        new DriverException(
            DriverException.Kind.UNAVAILABLE,
            "could not create Sandbox: Kubernetes API unreachable",
            new IOException("connection refused")));
    catchThrowable(
        () -> stub.createSandbox(CreateSandboxRequest.newBuilder().setSandbox(SECRETIVE).build()));

    ILoggingEvent line = lines.list.get(0);
    assertThat(line.getLevel()).isEqualTo(Level.WARN);
    assertThat(line.getThrowableProxy()).isNull();
    assertThat(line.getFormattedMessage())
        .contains("code=UNAVAILABLE")
        .contains("error=\"could not create Sandbox: Kubernetes API unreachable\"")
        .contains("cause=\"IOException: connection refused\"")
        .doesNotContain("\n");
  }

  @Test
  void clientSuppliedIdsStayOnOneLine() {
    var stub = ComputeDriverGrpc.newBlockingStub(channel);
    catchThrowable(
        () ->
            stub.getSandbox(
                GetSandboxRequest.newBuilder().setSandboxId("x\nrpc=Forged code=OK").build()));

    assertThat(lines.list.get(0).getFormattedMessage()).doesNotContain("\n").contains("x\\u000a");
  }
}
