package dev.berth.grpc;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.Status;

/**
 * The {@code google.rpc.Status} of a rich error, kept apart from {@link StatusMapping}, which
 * speaks {@code io.grpc.Status}: the two types share a simple name.
 */
final class RpcStatus {

  private RpcStatus() {}

  static Status of(Code code, String message, Any details) {
    return Status.newBuilder()
        .setCode(code.getNumber())
        .setMessage(message)
        .addDetails(details)
        .build();
  }
}
