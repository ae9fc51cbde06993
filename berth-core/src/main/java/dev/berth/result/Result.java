package dev.berth.result;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The result of checking input: either a value or every violation found.
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

  /** Valid when {@code violations} is empty, else invalid; the value is built only when valid. */
  static <T> Result<T> of(List<Violation> violations, Supplier<T> value) {
    return violations.isEmpty() ? valid(value.get()) : invalid(violations);
  }

  boolean isValid();

  /** The violations, empty when valid. */
  List<Violation> violations();

  /** The value; throws {@link IllegalStateException} listing the violations when invalid. */
  T orElseThrow();

  <U> Result<U> map(Function<? super T, ? extends U> f);

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
  }
}
