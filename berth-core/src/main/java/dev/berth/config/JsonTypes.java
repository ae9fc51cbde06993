package dev.berth.config;

import dev.berth.result.Violation;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Type checks for JSON values that report a sentence instead of coercing silently. */
public final class JsonTypes {

  private JsonTypes() {}

  /** A phrase for what a value is, such as "a number (3)" or "a list". */
  public static String describe(JsonNode value) {
    if (value.isString()) {
      return "the text " + Quote.of(value.asString());
    }
    if (value.isBoolean()) {
      return "the boolean " + value.asBoolean();
    }
    if (value.isNumber()) {
      return "the number " + Quote.of(value.asString());
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isObject()) {
      return "an object";
    }
    if (value.isNull()) {
      return "null";
    }
    return "a value of type " + value.getNodeType();
  }

  public static Optional<String> string(JsonNode value, String path, List<Violation> sink) {
    if (value.isString()) {
      return Optional.of(value.asString());
    }
    sink.add(new Violation(path, "must be text, but is " + describe(value) + "."));
    return Optional.empty();
  }

  public static Optional<Boolean> bool(JsonNode value, String path, List<Violation> sink) {
    if (value.isBoolean()) {
      return Optional.of(value.asBoolean());
    }
    sink.add(new Violation(path, "must be true or false, but is " + describe(value) + "."));
    return Optional.empty();
  }

  /**
   * Whole numbers within the signed 64-bit range. Protobuf's Struct carries every number as a
   * double, so {@code 1000.0} is accepted as 1000 while {@code 1.5} is refused.
   */
  public static Optional<Long> integer(JsonNode value, String path, List<Violation> sink) {
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return Optional.of(value.asLong());
    }
    if (value.isFloatingPointNumber()) {
      double d = value.asDouble();
      if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
        return Optional.of((long) d);
      }
    }
    sink.add(new Violation(path, "must be a whole number, but is " + describe(value) + "."));
    return Optional.empty();
  }
}
