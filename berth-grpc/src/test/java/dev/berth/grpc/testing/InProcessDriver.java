package dev.berth.grpc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.grpc.ComputeDriverService;
import dev.berth.grpc.GenerationResolver;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.ComputeDriverGrpc.ComputeDriverBlockingStub;
import dev.berth.settings.DriverSettings;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** The service on an in-process server and channel, plus assertions on failed calls. */
public final class InProcessDriver implements AutoCloseable {

  private final Server server;
  private final ManagedChannel channel;

  private InProcessDriver(Server server, ManagedChannel channel) {
    this.server = server;
    this.channel = channel;
  }

  /** Serves the service over the fake with these settings; version "9.9.9". */
  public static InProcessDriver start(FakeBackend backend, DriverSettings settings) {
    String name = InProcessServerBuilder.generateName();
    try {
      InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
      new ComputeDriverService(backend, settings, "9.9.9")
          .definitions()
          .forEach(builder::addService);
      Server server = builder.build().start();
      return new InProcessDriver(
          server, InProcessChannelBuilder.forName(name).directExecutor().build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ComputeDriverBlockingStub stub() {
    return ComputeDriverGrpc.newBlockingStub(channel);
  }

  /**
   * Calls {@code method} as a G3 gateway does: the same messages under {@code
   * ryno.compute.v1.ComputeDriver}.
   */
  public <Q, R> R ryno(MethodDescriptor<Q, R> method, Q request) {
    MethodDescriptor<Q, R> renamed =
        method.toBuilder()
            .setFullMethodName(
                MethodDescriptor.generateFullMethodName(
                    GenerationResolver.RYNO_SERVICE, method.getBareMethodName()))
            .build();
    return ClientCalls.blockingUnaryCall(channel, renamed, CallOptions.DEFAULT, request);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  /** The failure of a call that must fail. */
  public static StatusRuntimeException failure(Supplier<?> call) {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::get);
    assertThat(e).as("the call should have failed").isNotNull();
    return e;
  }

  /** The call failed with exactly this code and message. */
  public static void assertStatus(StatusRuntimeException e, Status.Code code, String message) {
    assertThat(e.getStatus().getCode()).isEqualTo(code);
    assertThat(e.getStatus().getDescription()).isEqualTo(message);
  }
}
