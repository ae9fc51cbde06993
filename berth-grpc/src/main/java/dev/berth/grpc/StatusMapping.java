package dev.berth.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.PreconditionFailure;
import dev.berth.driver.DriverException;
import dev.berth.result.Violation;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place driver outcomes become gRPC statuses, and (for clients such as the CLI) the one
 * place violations are read back out of a status. Keeping both directions here means the details
 * the server writes and the details the client reads can never drift apart.
 */
public final class StatusMapping {

  private StatusMapping() {}

  /**
   * Bytes of trailers an answer may fill. grpc-java clients refuse trailers over 8 KiB by default
   * (tonic's cap is 16 KiB); the status code, header names and HPACK's per-entry overhead take the
   * rest.
   */
  static final int TRAILER_BUDGET = 7_600;

  /** Longest status message, in bytes as grpc-message carries it (percent-encoded). */
  static final int MESSAGE_LIMIT = 1_500;

  /**
   * Bad input: {@code INVALID_ARGUMENT} whose message is the violations joined with "; " (readable
   * by clients that ignore details) and whose details hold one {@code BadRequest.FieldViolation}
   * per violation (for clients that point at fields). Each violation is first cut to {@link
   * Violation#MAX_SHOWN} characters, so the first ones are always there in full; a list too long
   * for the trailers is cut, and the last entry says how many more there are. The whole status fits
   * {@link #TRAILER_BUDGET}.
   */
  public static StatusException invalid(List<Violation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("invalid() needs at least one violation");
    }
    List<Violation> brief = violations.stream().map(Violation::brief).toList();
    String message = message(brief);
    // grpc-status-details-bin is base64 of a google.rpc.Status that repeats the message.
    int detailsLimit = (TRAILER_BUDGET - encodedLength(message)) * 3 / 4 - utf8Length(message) - 64;
    BadRequest.Builder details = BadRequest.newBuilder();
    int listed = 0;
    int size = 0;
    for (Violation v : brief) {
      BadRequest.FieldViolation fv =
          BadRequest.FieldViolation.newBuilder()
              .setField(v.field())
              .setDescription(v.message())
              .build();
      size += CodedOutputStream.computeMessageSize(1, fv);
      // Room is kept for the entry that says how many were left out.
      if (size > detailsLimit - 80) {
        break;
      }
      details.addFieldViolations(fv);
      listed++;
    }
    if (listed < brief.size()) {
      details.addFieldViolations(
          BadRequest.FieldViolation.newBuilder()
              .setDescription(more(brief.size() - listed) + " not listed; fix these first."));
    }
    return toException(Code.INVALID_ARGUMENT, message, Any.pack(details.build()));
  }

  private static String message(List<Violation> violations) {
    StringBuilder message = new StringBuilder();
    int length = 0;
    int shown = 0;
    for (Violation v : violations) {
      String next = (shown == 0 ? "" : "; ") + v;
      int nextLength = encodedLength(next);
      // Room is kept for the tail that says how many were left out.
      if (length + nextLength > MESSAGE_LIMIT - 80) {
        break;
      }
      message.append(next);
      length += nextLength;
      shown++;
    }
    if (shown < violations.size()) {
      message
          .append(shown == 0 ? "" : "; ")
          .append(more(violations.size() - shown))
          .append(" (see the google.rpc.BadRequest details)");
    }
    return message.toString();
  }

  /** Length of {@code s} as grpc-message carries it: printable ASCII as is, the rest as %XX. */
  static int encodedLength(String s) {
    int n = 0;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      n += b >= 0x20 && b < 0x7f && b != '%' ? 1 : 3;
    }
    return n;
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Bytes that are not a valid request message: {@code INVALID_ARGUMENT} naming the message type,
   * with the parser's reason (which names no user value) as the one field violation.
   */
  static StatusException malformed(String type, String reason) {
    String sentence =
        "is not a valid "
            + type
            + " message ("
            + reason
            + "); send a message encoded from the contract's protos.";
    return invalid(List.of(new Violation("", sentence)));
  }

  private static String more(int n) {
    return "and " + n + " more violation" + (n == 1 ? "" : "s");
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

  /**
   * A driver failure, by kind: violations as {@link #invalid}, named missing things as {@link
   * #precondition}, everything else as its code with the sentence. The exception stays attached as
   * the cause for the server log.
   */
  public static StatusException of(DriverException e) {
    if (e.kind() == DriverException.Kind.INVALID_ARGUMENT && !e.violations().isEmpty()) {
      return invalid(e.violations());
    }
    if (e.kind() == DriverException.Kind.FAILED_PRECONDITION && !e.subjects().isEmpty()) {
      return precondition(e.getMessage(), e.subjectType(), e.subjects());
    }
    return code(e.kind()).withDescription(e.getMessage()).withCause(e).asException();
  }

  /** The gRPC code of a driver failure kind; a version conflict is ABORTED, never "exists". */
  public static Status code(DriverException.Kind kind) {
    return switch (kind) {
      case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
      case NOT_FOUND -> Status.NOT_FOUND;
      case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
      case CONFLICT -> Status.ABORTED;
      case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
      case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
      case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
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
    var status = StatusProto.fromThrowable(t);
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
    return StatusProto.toStatusException(RpcStatus.of(code, message, details));
  }
}
