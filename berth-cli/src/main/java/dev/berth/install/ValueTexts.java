package dev.berth.install;

import dev.berth.result.Result;
import dev.berth.settings.Parsed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A YAML or TOML value as the text a setting's parser reads, the same text its environment variable
 * would hold: scalars as written, lists joined with commas, maps as {@code key=value} pairs (nested
 * maps with dotted keys). A value that text cannot hold without changing meaning (an entry with a
 * comma in it) is refused rather than altered.
 */
final class ValueTexts {

  private ValueTexts() {}

  static Result<String> of(JsonNode value) {
    if (value.isNull() || value.isMissingNode()) {
      return Parsed.value("");
    }
    if (value.isArray()) {
      List<String> entries = new ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isValueNode() || item.isNull()) {
          return Parsed.problem("list entries must be plain values");
        }
        String text = scalar(item);
        if (text.contains(",")) {
          return Parsed.problem("entry '" + text + "' contains a comma, which no entry may hold");
        }
        entries.add(text);
      }
      return Parsed.value(String.join(",", entries));
    }
    if (value.isObject()) {
      List<String> pairs = new ArrayList<>();
      Optional<String> problem = pairs(value, "", pairs);
      return problem.isPresent()
          ? Parsed.problem(problem.get())
          : Parsed.value(String.join(",", pairs));
    }
    return Parsed.value(scalar(value));
  }

  /** Adds {@code key=value} pairs; returns why one cannot be written, if one cannot. */
  private static Optional<String> pairs(JsonNode map, String prefix, List<String> out) {
    for (var e : map.properties()) {
      String key = prefix + e.getKey();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        Optional<String> nested = pairs(v, key + ".", out);
        if (nested.isPresent()) {
          return nested;
        }
        continue;
      }
      if (!v.isValueNode() || v.isNull()) {
        return Optional.of("the value of '" + key + "' must be a plain value");
      }
      String text = scalar(v);
      if (key.contains(",") || key.contains("=") || text.contains(",")) {
        return Optional.of(
            "'" + key + "' or its value contains ',' or '=', which no entry may hold");
      }
      out.add(key + "=" + text);
    }
    return Optional.empty();
  }

  private static String scalar(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.bigIntegerValue().toString();
    }
    return v.asString().strip();
  }
}
