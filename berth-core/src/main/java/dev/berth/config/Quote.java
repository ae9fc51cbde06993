package dev.berth.config;

/** Shows user values inside sentences: quoted, shortened, with control characters made visible. */
public final class Quote {

  private static final int MAX = 64;

  private Quote() {}

  /** {@code 'value'}, shortened to 64 characters with an ellipsis and escapes for controls. */
  public static String of(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX) + 8).append('\'');
    int shown = 0;
    for (int i = 0; i < value.length() && shown < MAX; i++, shown++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (value.length() > MAX) {
      out.append("…");
    }
    return out.append('\'').toString();
  }
}
