package dev.berth.result;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The result of checking input: either a value or every violation found. The one "value or
 * problems" type of the project: settings parsers, path and name checks, the request validator and
 * request files all answer with it.
 *
 * @param <T> the value produced when the input is valid
 */
public sealed interface Result<T> permits Result.Valid, Result.Invalid {

  static <T> Result<T> valid(T value) {
    return new Valid<>(value);
  }

  static <T> Result<T> invalid(List<Violation> violations) {
    return new Invalid<>(violations);
  }

  /**
   * A problem with one value that does not yet know where the value sits: its field is empty and
   * its message a phrase (such as "must be an absolute path starting with '/'") that the caller
   * places into a sentence naming the field ({@link #problem()}).
   */
  static <T> Result<T> invalid(String phrase) {
    return new Invalid<>(List.of(new Violation("", phrase)));
  }

  /** Valid when {@code violations} is empty, else invalid; the value is built only when valid. */
  static <T> Result<T> of(List<Violation> violations, Supplier<T> value) {
    return violations.isEmpty() ? valid(value.get()) : invalid(violations);
  }

  boolean isValid();

  /** The violations, empty when valid. */
  List<Violation> violations();

  /** The value; throws {@link IllegalStateException} listing the violations when invalid. */
  T orElseThrow();

  /** The value when valid. */
  default Optional<T> asOptional() {
    return this instanceof Valid<T> v ? Optional.of(v.value()) : Optional.empty();
  }

  /** The first violation's message when invalid: the phrase of a single-value check. */
  default Optional<String> problem() {
    return violations().stream().findFirst().map(Violation::message);
  }

  <U> Result<U> map(Function<? super T, ? extends U> f);

  <U> Result<U> flatMap(Function<? super T, Result<U>> f);

  /** A valid outcome. */
  record Valid<T>(T value) implements Result<T> {
    public Valid {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean isValid() {
      return true;
    }

    @Override
    public List<Violation> violations() {
      return List.of();
    }

    @Override
    public T orElseThrow() {
      return value;
    }

    @Override
    public <U> Result<U> map(Function<? super T, ? extends U> f) {
      return new Valid<>(f.apply(value));
    }

    @Override
    public <U> Result<U> flatMap(Function<? super T, Result<U>> f) {
      return f.apply(value);
    }
  }

  /** An invalid outcome with at least one violation, sorted by field. */
  record Invalid<T>(List<Violation> violations) implements Result<T> {
    public Invalid {
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("an invalid outcome needs at least one violation");
      }
      violations = violations.stream().sorted(Violation.ORDER).distinct().toList();
    }

    @Override
    public boolean isValid() {
      return false;
    }

    @Override
    public T orElseThrow() {
      throw new IllegalStateException("invalid input: " + violations);
    }

    @Override
    public <U> Result<U> map(Function<? super T, ? extends U> f) {
      return new Invalid<>(violations);
    }

    @Override
    public <U> Result<U> flatMap(Function<? super T, Result<U>> f) {
      return new Invalid<>(violations);
    }
  }
}
