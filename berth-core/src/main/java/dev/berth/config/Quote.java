package dev.berth.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Shows user values inside sentences: quoted, shortened, with control characters made visible. */
public final class Quote {

  private static final int MAX = 64;

  private Quote() {}

  /** {@code 'value'}, shortened to 64 characters with an ellipsis and escapes for controls. */
  public static String of(String value) {
    StringBuilder out = new StringBuilder(MAX + 8).append('\'');
    int i = 0;
    // The limit counts what is shown, so escaped control characters cannot make it longer.
    while (i < value.length() && out.length() <= MAX) {
      char c = value.charAt(i++);
      if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (i < value.length()) {
      out.append("…");
    }
    return out.append('\'').toString();
  }

  /**
   * Names as a comma-separated list of at most about {@code budget} characters, the rest counted:
   * {@code 'a', 'b' … (12 more)}. At least one name is shown, shortened as by {@link #of}.
   */
  public static String list(Collection<String> names, int budget) {
    List<String> quoted = new ArrayList<>();
    int length = 0;
    for (String name : names) {
      String next = of(name);
      if (!quoted.isEmpty() && length + next.length() + 2 > budget) {
        break;
      }
      quoted.add(next);
      length += next.length() + 2;
    }
    String listed = String.join(", ", quoted);
    int rest = names.size() - quoted.size();
    return rest > 0 ? listed + " … (" + rest + " more)" : listed;
  }
}
