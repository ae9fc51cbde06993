package dev.berth.kubernetes;

import java.util.Objects;

/**
 * A failure of a driver operation, classified once here so the gRPC layer maps each kind to one
 * status code in one place. Messages are sentences safe to show the gateway: no tokens, no TLS
 * material, no environment values.
 */
public final class DriverException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong, independent of transport. */
  public enum Kind {
    /** The sandbox (or workspace) does not exist. */
    NOT_FOUND,
    /** A sandbox with this name already exists. */
    ALREADY_EXISTS,
    /** The object changed underneath; retries were exhausted. Never reported as "exists". */
    CONFLICT,
    /** The cluster is not in a state that allows this (missing claim, foreign namespace). */
    FAILED_PRECONDITION,
    /** The caller may not do this (for example a workspace outside what the driver manages). */
    PERMISSION_DENIED,
    /** The API server could not be reached or is overloaded; retrying later may work. */
    UNAVAILABLE,
    /** The operation did not finish within its deadline. */
    DEADLINE_EXCEEDED,
    /** Anything else: a bug or an unexpected answer. */
    INTERNAL
  }

  private final Kind kind;

  public DriverException(Kind kind, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public DriverException(Kind kind, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}
