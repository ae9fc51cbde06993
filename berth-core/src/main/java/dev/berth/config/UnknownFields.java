package dev.berth.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Sentences for fields the schema does not know, with a hint towards the likely intended one; the
 * install's values file uses the same hint for its keys.
 */
public final class UnknownFields {

  private UnknownFields() {}

  static String sentence(String field, Collection<String> known) {
    String base = "is not a known field";
    Optional<String> hint = suggestion(field, known);
    if (hint.isPresent()) {
      return base + "; did you mean " + Quote.of(hint.get()) + "?";
    }
    if (known.isEmpty()) {
      return base + "; remove it.";
    }
    return base + "; remove it or use one of " + String.join(", ", known) + ".";
  }

  /**
   * The known field the user most likely meant: the snake_case spelling of a camelCase field, or a
   * field within two edits.
   */
  public static Optional<String> suggestion(String field, Collection<String> known) {
    String snake = toSnake(field);
    if (known.contains(snake)) {
      return Optional.of(snake);
    }
    String best = null;
    int bestDistance = 3;
    for (String candidate : known) {
      int d = distance(snake, candidate, bestDistance);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  static String toSnake(String field) {
    StringBuilder out = new StringBuilder(field.length() + 4);
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c == '-' ? '_' : c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /** Levenshtein distance, giving up (returning {@code limit}) once it reaches the limit. */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) >= limit || a.length() > 64 || b.length() > 64) {
      return limit;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin >= limit) {
        return limit;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[b.length()], limit);
  }
}
