package dev.berth.grpc.e2e;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;

/**
 * A gateway of one contract generation as seen on the wire: it calls {@code /<service>/<Rpc>} with
 * the messages of its own generation's protos, exactly as upstream's gateway does, without Berth's
 * generated stubs. If Berth's field numbers or types disagreed with that generation's, these calls
 * would lose or misread fields.
 */
final class WireClient {

  private final Channel channel;
  private final String service;

  WireClient(Channel channel, String service) {
    this.channel = channel;
    this.service = service;
  }

  <Q extends Message, R extends Message> R call(String rpc, Q request, R responsePrototype) {
    return ClientCalls.blockingUnaryCall(
        channel,
        method(rpc, MethodDescriptor.MethodType.UNARY, request, responsePrototype),
        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
        request);
  }

  <Q extends Message, R extends Message> void watch(
      String rpc, Q request, R responsePrototype, StreamObserver<R> observer) {
    ClientCalls.asyncServerStreamingCall(
        channel.newCall(
            method(rpc, MethodDescriptor.MethodType.SERVER_STREAMING, request, responsePrototype),
            CallOptions.DEFAULT),
        request,
        observer);
  }

  @SuppressWarnings("unchecked")
  private <Q extends Message, R extends Message> MethodDescriptor<Q, R> method(
      String rpc, MethodDescriptor.MethodType type, Q request, R responsePrototype) {
    return MethodDescriptor.<Q, R>newBuilder()
        .setType(type)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(service, rpc))
        .setRequestMarshaller(ProtoUtils.marshaller((Q) request.getDefaultInstanceForType()))
        .setResponseMarshaller(ProtoUtils.marshaller(responsePrototype))
        .build();
  }
}
