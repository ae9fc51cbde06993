package dev.berth.naming;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 2Gi}, {@code 1e3}), parsed exactly as the
 * API server's grammar allows so that anything accepted here is accepted there.
 */
public final class Quantities {

  private static final Pattern GRAMMAR =
      Pattern.compile(
          "([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))((?:[KMGTPE]i)|[numkMGTPE]|[eE][+-]?\\d+)?");

  private static final Map<String, BigDecimal> SUFFIX =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")),
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  /** The grammar in words, ready to follow "use ". */
  public static final String FORMAT =
      "a number with an optional suffix such as 500m, 2, 512Mi or 4Gi";

  private Quantities() {}

  /** The value of a quantity in base units, or empty when it does not parse. */
  public static Optional<BigDecimal> value(String quantity) {
    if (quantity.length() > 64) {
      return Optional.empty();
    }
    Matcher m = GRAMMAR.matcher(quantity);
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2) == null ? "" : m.group(2);
    if (suffix.startsWith("e") || suffix.startsWith("E")) {
      int exponent;
      try {
        exponent = Integer.parseInt(suffix.substring(1));
      } catch (NumberFormatException tooLong) {
        return Optional.empty();
      }
      if (Math.abs(exponent) > 100) {
        return Optional.empty();
      }
      return Optional.of(number.scaleByPowerOfTen(exponent));
    }
    return Optional.of(number.multiply(SUFFIX.get(suffix)));
  }

  public static boolean isValid(String quantity) {
    return value(quantity).isPresent();
  }
}
