package dev.berth.result;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem with user input: where it is and a sentence that names the bad value and the fix.
 *
 * <p>The field is a path in the request as the user wrote it, such as {@code
 * driver_config.kubernetes.volumes[1].persistent_volume_claim.claim_name}, so both people and
 * machines (gRPC {@code BadRequest.FieldViolation}) can point at it.
 */
public record Violation(String field, String message) {

  /** Orders violations by field path, then message, so output is stable between runs. */
  public static final Comparator<Violation> ORDER =
      Comparator.comparing(Violation::field).thenComparing(Violation::message);

  /**
   * Longest message and field path a client is shown, in characters: enough for any sentence a rule
   * writes about a quoted value, short enough that one huge value or list cannot crowd every other
   * violation out of an answer.
   */
  public static final int MAX_SHOWN = 300;

  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /**
   * This violation with its message and field cut to {@value #MAX_SHOWN} characters, each cut
   * saying how much was left out: "… (N more)". A path keeps its end, which names the field.
   */
  public Violation brief() {
    if (message.length() <= MAX_SHOWN && field.length() <= MAX_SHOWN) {
      return this;
    }
    return new Violation(elideMiddle(field), elideEnd(message));
  }

  private static String elideEnd(String s) {
    if (s.length() <= MAX_SHOWN) {
      return s;
    }
    int keep = cut(s, MAX_SHOWN - 20);
    return s.substring(0, keep) + "… (" + (s.length() - keep) + " more)";
  }

  /** {@code at}, moved back so the cut never splits a surrogate pair. */
  private static int cut(String s, int at) {
    return at > 0 && Character.isHighSurrogate(s.charAt(at - 1)) ? at - 1 : at;
  }

  private static String elideMiddle(String s) {
    if (s.length() <= MAX_SHOWN) {
      return s;
    }
    int head = cut(s, MAX_SHOWN / 2 - 10);
    int tail = s.length() - cut(s, s.length() - (MAX_SHOWN / 2 - 10));
    int omitted = s.length() - head - tail;
    return s.substring(0, head) + "… (" + omitted + " more) …" + s.substring(s.length() - tail);
  }

  /** The {@code field: sentence} form used by the CLI and in gRPC status messages. */
  @Override
  public String toString() {
    return field.isEmpty() ? message : field + ": " + message;
  }
}
