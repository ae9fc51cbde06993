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

  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /** The {@code field: sentence} form used by the CLI and in gRPC status messages. */
  @Override
  public String toString() {
    return field.isEmpty() ? message : field + ": " + message;
  }
}
