package dev.berth.security;

import java.util.ArrayList;
import java.util.List;

/**
 * A range of user or group ids that OpenShift assigned to a namespace.
 *
 * @param first the first id
 * @param size how many ids, at least 1
 */
public record IdRange(long first, long size) {

  public IdRange {
    if (first < 0 || size < 1) {
      throw new IllegalArgumentException("invalid id range " + first + "/" + size);
    }
  }

  public long last() {
    return first + size - 1;
  }

  public boolean contains(long id) {
    return id >= first && id <= last();
  }

  @Override
  public String toString() {
    return first + "-" + last();
  }

  /**
   * Parses an annotation value: {@code "<first>/<size>"} or {@code "<first>-<last>"}, several
   * separated by commas (supplemental groups may list more than one). Unreadable parts are skipped:
   * the report then treats the range as unknown rather than guessing.
   */
  public static List<IdRange> parseAll(String value) {
    List<IdRange> ranges = new ArrayList<>();
    if (value == null) {
      return ranges;
    }
    for (String part : value.split(",", -1)) {
      String p = part.strip();
      try {
        int slash = p.indexOf('/');
        int dash = p.indexOf('-');
        if (slash > 0) {
          ranges.add(
              new IdRange(
                  Long.parseLong(p.substring(0, slash)), Long.parseLong(p.substring(slash + 1))));
        } else if (dash > 0) {
          long first = Long.parseLong(p.substring(0, dash));
          ranges.add(new IdRange(first, Long.parseLong(p.substring(dash + 1)) - first + 1));
        }
      } catch (IllegalArgumentException e) {
        // Not a range; skipped on purpose (see above).
      }
    }
    return List.copyOf(ranges);
  }
}
