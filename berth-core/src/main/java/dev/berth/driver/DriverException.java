package dev.berth.driver;

import dev.berth.result.Violation;
import java.util.List;
import java.util.Objects;

/**
 * A failure of a driver operation, classified once here so the gRPC layer maps each kind to one
 * status code in one place. Messages are sentences safe to show the gateway: no tokens, no TLS
 * material, no environment values.
 *
 * <p>Two kinds carry structure a client can act on: {@link Kind#INVALID_ARGUMENT} carries every
 * {@link Violation} of the request, and {@link Kind#FAILED_PRECONDITION} may name the missing
 * things ({@link #subjectType()}, {@link #subjects()}).
 */
public final class DriverException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong, independent of transport. */
  public enum Kind {
    /** The request itself is wrong; {@link #violations()} says where and how to fix it. */
    INVALID_ARGUMENT,
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
    /** The caller did not prove who it is (a bad or expired credential). */
    UNAUTHENTICATED,
    /** The API server could not be reached or is overloaded; retrying later may work. */
    UNAVAILABLE,
    /** The operation did not finish within its deadline. */
    DEADLINE_EXCEEDED,
    /** Anything else: a bug or an unexpected answer. */
    INTERNAL
  }

  private final Kind kind;
  private final transient List<Violation> violations;
  private final String subjectType;
  private final transient List<String> subjects;

  public DriverException(Kind kind, String message) {
    this(kind, message, null, List.of(), "", List.of());
  }

  public DriverException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, List.of(), "", List.of());
  }

  private DriverException(
      Kind kind,
      String message,
      Throwable cause,
      List<Violation> violations,
      String subjectType,
      List<String> subjects) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.violations = List.copyOf(violations);
    this.subjectType = subjectType;
    this.subjects = List.copyOf(subjects);
  }

  /** Bad input: every violation found, at least one. */
  public static DriverException invalid(List<Violation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("invalid() needs at least one violation");
    }
    return new DriverException(
        Kind.INVALID_ARGUMENT,
        violations.size() + " problem(s) with the request",
        null,
        violations,
        "",
        List.of());
  }

  /**
   * The cluster lacks something the request needs.
   *
   * @param message sentence naming what is missing and where
   * @param subjectType kind of the missing things, e.g. "PersistentVolumeClaim"
   * @param subjects the missing things, e.g. "team-a/data"
   */
  public static DriverException precondition(
      String message, String subjectType, List<String> subjects) {
    return new DriverException(
        Kind.FAILED_PRECONDITION, message, null, List.of(), subjectType, subjects);
  }

  public Kind kind() {
    return kind;
  }

  /** The request's violations; empty unless the kind is {@link Kind#INVALID_ARGUMENT}. */
  public List<Violation> violations() {
    return violations;
  }

  /** Kind of the things {@link #subjects()} names; empty when there are none. */
  public String subjectType() {
    return subjectType;
  }

  /** The missing things of a precondition failure; usually empty. */
  public List<String> subjects() {
    return subjects;
  }
}
