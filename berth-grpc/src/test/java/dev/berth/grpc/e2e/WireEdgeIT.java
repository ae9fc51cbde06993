package dev.berth.grpc.e2e;

import static dev.berth.grpc.testing.Sandboxes.minimal;
import static dev.berth.grpc.testing.Sandboxes.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.berth.grpc.StatusMapping;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.ValidateSandboxCreateRequest;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.result.Violation;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The wire edge over a real socket: whatever bytes a client sends, a request that cannot be a
 * sandbox is INVALID_ARGUMENT with a BadRequest (naming the field where there is one) and one log
 * line, never UNKNOWN or INTERNAL.
 */
class WireEdgeIT {

  private static final Logger RPC_LOG = (Logger) LoggerFactory.getLogger("dev.berth.rpc");

  @TempDir Path tmp;

  @AutoClose ClusterDriver fixture;

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void start() throws Exception {
    fixture =
        ClusterDriver.start(
            MockCluster.start(SandboxApiVersion.V1BETA1, "agents"),
            cluster ->
                SocketDriver.start(
                    cluster,
                    settings("OPENSHELL_SANDBOX_NAMESPACE", "agents"),
                    tmp.resolve("d.sock")));
    log.start();
    RPC_LOG.addAppender(log);
  }

  @AfterEach
  void stopLogging() {
    RPC_LOG.detachAppender(log);
  }

  private static DriverSandbox withDriverConfig(Struct config) {
    DriverSandbox base = minimal("sb-1", "edge");
    return base.toBuilder()
        .setSpec(
            base.getSpec().toBuilder()
                .setTemplate(base.getSpec().getTemplate().toBuilder().setDriverConfig(config)))
        .build();
  }

  private static DriverSandbox withPlatformConfig(Struct config) {
    DriverSandbox base = minimal("sb-1", "edge");
    return base.toBuilder()
        .setSpec(
            base.getSpec().toBuilder()
                .setTemplate(base.getSpec().getTemplate().toBuilder().setPlatformConfig(config)))
        .build();
  }

  private static byte[] validate(DriverSandbox sandbox) {
    return ValidateSandboxCreateRequest.newBuilder().setSandbox(sandbox).build().toByteArray();
  }

  /** {@code {"a": {"a": ... {"a": 1}}}} with {@code levels} objects. */
  private static Struct nested(int levels) {
    Struct inner =
        Struct.newBuilder().putFields("a", Value.newBuilder().setNumberValue(1).build()).build();
    for (int i = 1; i < levels; i++) {
      inner =
          Struct.newBuilder()
              .putFields("a", Value.newBuilder().setStructValue(inner).build())
              .build();
    }
    return inner;
  }

  private Status answer(byte[] request) {
    try {
      ClientCalls.blockingUnaryCall(
          fixture.driver().channel(),
          RAW_VALIDATE,
          CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
          request);
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }

  private StatusRuntimeException refused(byte[] request) {
    try {
      ClientCalls.blockingUnaryCall(
          fixture.driver().channel(),
          RAW_VALIDATE,
          CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
          request);
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("the driver accepted the request");
  }

  private void assertInvalid(StatusRuntimeException e, String field) {
    assertThat(e.getStatus().getCode())
        .as(e.getStatus().toString())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    List<Violation> violations = StatusMapping.violations(e);
    assertThat(violations).isNotEmpty();
    assertThat(violations.get(0).field()).isEqualTo(field);
  }

  private void assertOneLogLine() {
    // The line is written once the answer is sent, so it may land just after the client has it.
    await().atMost(Duration.ofSeconds(5)).until(() -> !log.list.isEmpty());
    assertThat(log.list).hasSize(1);
    assertThat(log.list.get(0).getFormattedMessage())
        .contains("rpc=ValidateSandboxCreate")
        .contains("code=INVALID_ARGUMENT");
  }

  @Test
  void nonFiniteNumbersAreNamedByPath() {
    Struct config =
        Struct.newBuilder()
            .putFields(
                "pod",
                Value.newBuilder()
                    .setStructValue(
                        Struct.newBuilder()
                            .putFields("x", Value.newBuilder().setNumberValue(Double.NaN).build()))
                    .build())
            .build();
    assertInvalid(refused(validate(withDriverConfig(config))), "driver_config.kubernetes.pod.x");
    assertOneLogLine();

    log.list.clear();
    Struct platform =
        Struct.newBuilder()
            .putFields("n", Value.newBuilder().setNumberValue(Double.POSITIVE_INFINITY).build())
            .build();
    assertInvalid(
        refused(validate(withPlatformConfig(platform))), "spec.template.platform_config.n");
    assertOneLogLine();
  }

  @Test
  void nestingPastTheLimitIsNamedByPath() {
    StatusRuntimeException e = refused(validate(withDriverConfig(nested(33))));
    assertInvalid(e, "driver_config.kubernetes" + ".a".repeat(32));
    assertOneLogLine();
  }

  @Test
  void nestingPastTheParserIsAMalformedMessage() {
    assertInvalid(refused(validate(withDriverConfig(nested(200)))), "");
    assertThat(
            StatusMapping.violations(refused(validate(withDriverConfig(nested(200)))))
                .get(0)
                .message())
        .contains("openshell.compute.v1.ValidateSandboxCreateRequest");
  }

  @Test
  void invalidUtf8InAStringField() {
    byte[] bytes = validate(minimal("sb-zzzz", "edge"));
    int at = indexOf(bytes, "zzzz".getBytes(StandardCharsets.UTF_8));
    bytes[at] = (byte) 0xc3;
    bytes[at + 1] = (byte) 0x28;
    bytes[at + 2] = (byte) 0xff;
    assertInvalid(refused(bytes), "");
    assertOneLogLine();
  }

  @Test
  void truncatedMessages() {
    byte[] whole = validate(minimal("sb-1", "edge"));
    // Cutting inside a field is malformed; a cut between fields leaves a shorter valid message.
    StatusRuntimeException e = refused(Arrays.copyOf(whole, whole.length - 1));
    assertInvalid(e, "");
    assertThat(StatusMapping.violations(e).get(0).message()).contains("truncated");
    for (int cut = 1; cut < whole.length; cut++) {
      Status answer = answer(Arrays.copyOf(whole, cut));
      assertThat(answer.getCode())
          .as("cut at " + cut)
          .isIn(Status.Code.OK, Status.Code.INVALID_ARGUMENT);
    }
  }

  @Test
  void randomBytesAreNeverTheDriversError() {
    Random random = new Random(11);
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[1 + random.nextInt(256)];
      random.nextBytes(bytes);
      Status answer = answer(bytes);
      // Random bytes can happen to be a message (of unknown fields); never the driver's error.
      assertThat(answer.getCode())
          .as("case " + i)
          .isIn(Status.Code.OK, Status.Code.INVALID_ARGUMENT);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> log.list.size() >= 200);
    assertThat(log.list).hasSize(200);
    // The driver still serves well-formed calls.
    ComputeDriverGrpc.newBlockingStub(fixture.driver().channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .validateSandboxCreate(
            ValidateSandboxCreateRequest.newBuilder().setSandbox(minimal("sb-1", "edge")).build());
  }

  @Test
  void hundredsOfHugeViolationsStillReachADefaultClient() {
    DriverSandbox base = minimal("sb-1", "edge");
    DriverSandbox.Builder sandbox = base.toBuilder();
    for (int i = 0; i < 200; i++) {
      sandbox.getSpecBuilder().getTemplateBuilder().putLabels(i + "Ä".repeat(4_000), "v");
    }
    StatusRuntimeException e = refused(validate(sandbox.build()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    List<Violation> violations = StatusMapping.violations(e);
    assertThat(violations.size()).isGreaterThan(1);
    assertThat(violations.get(0).field()).startsWith("spec.template.labels");
    assertThat(violations.get(violations.size() - 1).message()).contains("more violations");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private static final MethodDescriptor<byte[], byte[]> RAW_VALIDATE =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(ComputeDriverGrpc.getValidateSandboxCreateMethod().getFullMethodName())
          .setRequestMarshaller(BYTES)
          .setResponseMarshaller(BYTES)
          .build();
}
