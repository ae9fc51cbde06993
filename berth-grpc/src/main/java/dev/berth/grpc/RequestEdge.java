package dev.berth.grpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses request messages itself, at the very edge, so that bytes that are not a valid message
 * (truncated, random, invalid UTF-8 in a string, nested past the parse limit) are the client's
 * {@code INVALID_ARGUMENT} with a {@code BadRequest} and one log line. grpc-java would parse them
 * before any interceptor runs and answer {@code UNKNOWN} without a word in the log.
 *
 * <p>Each method is served with the bytes as its request; the listener parses them and hands the
 * message to the original handler chain (logging, metrics, the service), which sees the method
 * descriptor it was built for.
 */
final class RequestEdge {

  /**
   * Message nesting the parser follows. Above protobuf's default of 100 so that a Struct nested
   * just past {@code StructTrees.MAX_DEPTH} (three messages a level) parses and is refused with its
   * path; anything deeper than this is refused as a malformed message.
   */
  static final int PARSE_DEPTH = 200;

  private static final MethodDescriptor.Marshaller<InputStream> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InputStream value) {
          return value;
        }

        @Override
        public InputStream parse(InputStream stream) {
          return stream;
        }
      };

  private RequestEdge() {}

  /** The service with every method's request parsed here. */
  static ServerServiceDefinition guard(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor =
        ServiceDescriptor.newBuilder(original.getName())
            .setSchemaDescriptor(original.getSchemaDescriptor());
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      ServerMethodDefinition<?, ?> raw = raw(method);
      descriptor.addMethod(raw.getMethodDescriptor());
      methods.add(raw);
    }
    ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(builder::addMethod);
    return builder.build();
  }

  private static <Q, R> ServerMethodDefinition<InputStream, R> raw(
      ServerMethodDefinition<Q, R> method) {
    MethodDescriptor<Q, R> typed = method.getMethodDescriptor();
    if (!(typed.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<Q> proto)
        || !(proto.getMessagePrototype() instanceof MessageLite prototype)) {
      throw new IllegalArgumentException(typed.getFullMethodName() + " has no protobuf requests");
    }
    MethodDescriptor<InputStream, R> bytes =
        typed.toBuilder(BYTES, typed.getResponseMarshaller()).build();
    ServerCallHandler<InputStream, R> handler =
        (call, headers) -> {
          ServerCall<Q, R> view = new TypedCall<>(call, typed);
          ServerCall.Listener<Q> inner = method.getServerCallHandler().startCall(view, headers);
          return new ParsingListener<>(call, inner, prototype, typed);
        };
    return ServerMethodDefinition.create(bytes, handler);
  }

  /** Parses each message; a malformed one ends the call before the handler chain sees it. */
  private static final class ParsingListener<Q, R> extends ServerCall.Listener<InputStream> {
    private final ServerCall<InputStream, R> call;
    private final ServerCall.Listener<Q> inner;
    private final MessageLite prototype;
    private final MethodDescriptor<Q, R> typed;
    private final long start = System.nanoTime();
    private boolean refused;

    ParsingListener(
        ServerCall<InputStream, R> call,
        ServerCall.Listener<Q> inner,
        MessageLite prototype,
        MethodDescriptor<Q, R> typed) {
      this.call = call;
      this.inner = inner;
      this.prototype = prototype;
      this.typed = typed;
    }

    @Override
    public void onMessage(InputStream message) {
      if (refused) {
        return;
      }
      Q parsed;
      try {
        parsed = parse(message);
      } catch (InvalidProtocolBufferException e) {
        refuse(e.getMessage());
        return;
      } catch (IOException e) {
        // The stream is the transport's in-memory buffer; failing to read it is a malformed frame.
        refuse(e.getMessage());
        return;
      }
      inner.onMessage(parsed);
    }

    private Q parse(InputStream message) throws IOException {
      CodedInputStream in = CodedInputStream.newInstance(message);
      in.setRecursionLimit(PARSE_DEPTH);
      MessageLite value = prototype.getParserForType().parseFrom(in);
      // The marshaller's type is the prototype's; the cast is what grpc's own marshaller does.
      @SuppressWarnings("unchecked")
      Q typedValue = (Q) value;
      return typedValue;
    }

    private void refuse(String why) {
      refused = true;
      StatusException status = StatusMapping.malformed(typeName(), why);
      call.close(status.getStatus(), status.getTrailers());
      LoggingInterceptor.refusal(typed.getBareMethodName(), status.getStatus(), start);
    }

    private String typeName() {
      return prototype instanceof Message m
          ? m.getDescriptorForType().getFullName()
          : prototype.getClass().getSimpleName();
    }

    @Override
    public void onHalfClose() {
      if (!refused) {
        inner.onHalfClose();
      }
    }

    @Override
    public void onCancel() {
      inner.onCancel();
    }

    @Override
    public void onComplete() {
      inner.onComplete();
    }

    @Override
    public void onReady() {
      if (!refused) {
        inner.onReady();
      }
    }
  }

  /** The byte-level call as the typed handler chain expects to see it. */
  private static final class TypedCall<Q, R> extends ServerCall<Q, R> {
    private final ServerCall<InputStream, R> call;
    private final MethodDescriptor<Q, R> typed;

    TypedCall(ServerCall<InputStream, R> call, MethodDescriptor<Q, R> typed) {
      this.call = call;
      this.typed = typed;
    }

    @Override
    public void request(int numMessages) {
      call.request(numMessages);
    }

    @Override
    public void sendHeaders(Metadata headers) {
      call.sendHeaders(headers);
    }

    @Override
    public void sendMessage(R message) {
      call.sendMessage(message);
    }

    @Override
    public boolean isReady() {
      return call.isReady();
    }

    @Override
    public void close(Status status, Metadata trailers) {
      call.close(status, trailers);
    }

    @Override
    public boolean isCancelled() {
      return call.isCancelled();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
      call.setMessageCompression(enabled);
    }

    @Override
    public void setCompression(String compressor) {
      call.setCompression(compressor);
    }

    @Override
    public Attributes getAttributes() {
      return call.getAttributes();
    }

    @Override
    public String getAuthority() {
      return call.getAuthority();
    }

    @Override
    public SecurityLevel getSecurityLevel() {
      return call.getSecurityLevel();
    }

    @Override
    public MethodDescriptor<Q, R> getMethodDescriptor() {
      return typed;
    }
  }
}
