package dev.berth.settings;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The result of parsing one setting's text: a value or a problem phrase.
 *
 * <p>Parsers never throw for bad input, so the loader can collect every problem in one pass.
 *
 * @param <T> the parsed type
 */
public sealed interface Parsed<T> permits Parsed.Value, Parsed.Problem {

  static <T> Parsed<T> value(T value) {
    return new Value<>(value);
  }

  /**
   * A problem whose sentence quotes the bad value: {@code --flag (ENV) is 'x'; <phrase>.}
   *
   * @param phrase the fix, such as "use 'combined' or 'sidecar'"
   */
  static <T> Parsed<T> problem(String phrase) {
    return new Problem<>(phrase, true);
  }

  /**
   * A problem whose sentence must not repeat the value, because it may hold a secret: {@code --flag
   * (ENV) <phrase>.}
   *
   * @param phrase the whole predicate, such as "contains credentials; ..."
   */
  static <T> Parsed<T> problemHidingValue(String phrase) {
    return new Problem<>(phrase, false);
  }

  default boolean isValue() {
    return this instanceof Value;
  }

  /** The value, or empty for a problem. */
  default Optional<T> toOptional() {
    return this instanceof Value<T> v ? Optional.of(v.value()) : Optional.empty();
  }

  default <U> Parsed<U> map(Function<? super T, ? extends U> f) {
    return flatMap(v -> value(f.apply(v)));
  }

  default <U> Parsed<U> flatMap(Function<? super T, Parsed<U>> f) {
    if (this instanceof Value<T> v) {
      return f.apply(v.value());
    }
    Problem<T> p = (Problem<T>) this;
    return new Problem<>(p.phrase(), p.quotesValue());
  }

  /** A usable value. */
  record Value<T>(T value) implements Parsed<T> {
    public Value {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Why the text is unusable.
   *
   * @param phrase the fix, or the whole predicate when {@code quotesValue} is false
   * @param quotesValue whether the sentence may repeat the bad value
   */
  record Problem<T>(String phrase, boolean quotesValue) implements Parsed<T> {}
}
