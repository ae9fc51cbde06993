package dev.berth.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.PreconditionFailure;
import dev.berth.kubernetes.DriverException;
import dev.berth.validate.Violation;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place driver outcomes become gRPC statuses, and (for clients such as the CLI) the one
 * place violations are read back out of a status. Keeping both directions here means the details
 * the server writes and the details the client reads can never drift apart.
 */
public final class StatusMapping {

  private StatusMapping() {}

  /**
   * Bad input: {@code INVALID_ARGUMENT} whose message is every violation joined with "; " (readable
   * by clients that ignore details) and whose details hold one {@code BadRequest.FieldViolation}
   * per violation (for clients that point at fields).
   */
  public static StatusException invalid(List<Violation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("invalid() needs at least one violation");
    }
    BadRequest.Builder details = BadRequest.newBuilder();
    for (Violation v : violations) {
      details.addFieldViolations(
          BadRequest.FieldViolation.newBuilder().setField(v.field()).setDescription(v.message()));
    }
    String message = violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    return toException(Code.INVALID_ARGUMENT, message, Any.pack(details.build()));
  }

  /**
   * A missing required field, with upstream's exact message ({@code "sandbox_id is required"}) so
   * gateways matching on it keep working, plus the field violation for clients reading details.
   */
  public static StatusException required(String field) {
    BadRequest details =
        BadRequest.newBuilder()
            .addFieldViolations(
                BadRequest.FieldViolation.newBuilder()
                    .setField(field)
                    .setDescription("is required"))
            .build();
    return toException(Code.INVALID_ARGUMENT, field + " is required", Any.pack(details));
  }

  /**
   * The cluster is not in a state that allows the request: {@code FAILED_PRECONDITION} with a
   * {@code PreconditionFailure} entry per missing thing, so a client can list them.
   *
   * @param message sentence naming what is missing and where
   * @param type kind of the missing things, e.g. "PersistentVolumeClaim"
   * @param subjects the missing things, e.g. "team-a/data"
   */
  public static StatusException precondition(String message, String type, List<String> subjects) {
    PreconditionFailure.Builder details = PreconditionFailure.newBuilder();
    for (String subject : subjects) {
      details.addViolations(
          PreconditionFailure.Violation.newBuilder().setType(type).setSubject(subject));
    }
    return toException(Code.FAILED_PRECONDITION, message, Any.pack(details.build()));
  }

  /** A driver failure, by kind. The exception stays attached as the cause for the server log. */
  public static StatusException of(DriverException e) {
    return code(e.kind()).withDescription(e.getMessage()).withCause(e).asException();
  }

  /** The gRPC code of a driver failure kind; a version conflict is ABORTED, never "exists". */
  public static Status code(DriverException.Kind kind) {
    return switch (kind) {
      case NOT_FOUND -> Status.NOT_FOUND;
      case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
      case CONFLICT -> Status.ABORTED;
      case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
      case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
      case UNAVAILABLE -> Status.UNAVAILABLE;
      case DEADLINE_EXCEEDED -> Status.DEADLINE_EXCEEDED;
      case INTERNAL -> Status.INTERNAL;
    };
  }

  /** A bug or an unexpected answer: INTERNAL, with the cause kept for the server log only. */
  public static StatusException internal(RuntimeException e) {
    return Status.INTERNAL
        .withDescription("internal driver error; the driver log has the details")
        .withCause(e)
        .asException();
  }

  /**
   * The field violations carried by a status, in order; empty when it carries none. For clients:
   * the CLI prints these one per line.
   */
  public static List<Violation> violations(Throwable t) {
    com.google.rpc.Status status = StatusProto.fromThrowable(t);
    if (status == null) {
      return List.of();
    }
    List<Violation> result = new ArrayList<>();
    for (Any any : status.getDetailsList()) {
      badRequest(any)
          .ifPresent(
              br ->
                  br.getFieldViolationsList()
                      .forEach(
                          fv -> result.add(new Violation(fv.getField(), fv.getDescription()))));
    }
    return List.copyOf(result);
  }

  private static Optional<BadRequest> badRequest(Any any) {
    if (!any.is(BadRequest.class)) {
      return Optional.empty();
    }
    try {
      return Optional.of(any.unpack(BadRequest.class));
    } catch (InvalidProtocolBufferException e) {
      // A detail that claims to be BadRequest but is not readable carries nothing we can print.
      return Optional.empty();
    }
  }

  private static StatusException toException(Code code, String message, Any details) {
    return StatusProto.toStatusException(
        com.google.rpc.Status.newBuilder()
            .setCode(code.getNumber())
            .setMessage(message)
            .addDetails(details)
            .build());
  }
}
