package dev.berth.settings;

import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.util.List;

/**
 * How setting parsers answer: with a {@link Result} whose one violation is a phrase about the text.
 * The parser does not know which setting it serves, so the violation's field says only whether the
 * sentence the loader builds may repeat the text ({@link #VALUE}) or must not, because it may hold
 * a secret ({@link #SECRET_VALUE}). Parsers never throw for bad input, so the loader can collect
 * every problem in one pass.
 */
public final class Parsed {

  /** The problem concerns the text, which the sentence quotes: {@code --flag (ENV) is 'x'; ...}. */
  public static final String VALUE = "value";

  /** The problem concerns text that may hold a secret: {@code --flag (ENV) <phrase>.} */
  public static final String SECRET_VALUE = "secret value";

  private Parsed() {}

  public static <T> Result<T> value(T value) {
    return Result.valid(value);
  }

  /**
   * A problem whose sentence quotes the bad value.
   *
   * @param phrase the fix, such as "use 'combined' or 'sidecar'"
   */
  public static <T> Result<T> problem(String phrase) {
    return Result.invalid(List.of(new Violation(VALUE, phrase)));
  }

  /**
   * A problem whose sentence must not repeat the value.
   *
   * @param phrase the whole predicate, such as "contains credentials; ..."
   */
  public static <T> Result<T> problemHidingValue(String phrase) {
    return Result.invalid(List.of(new Violation(SECRET_VALUE, phrase)));
  }
}
