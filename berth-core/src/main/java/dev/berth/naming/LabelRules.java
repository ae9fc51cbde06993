package dev.berth.naming;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes label key and value rules ({@code IsQualifiedName}, {@code IsValidLabelValue}), also
 * used for resource names such as {@code nvidia.com/gpu} and for annotation keys.
 */
public final class LabelRules {

  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final int MAX_NAME = 63;

  private LabelRules() {}

  /**
   * Checks a qualified name ({@code [prefix/]name}); returns the reason when it is not valid.
   *
   * @return empty when valid, else a phrase such as "its name part is longer than 63 characters"
   */
  public static Optional<String> qualifiedNameProblem(String key) {
    if (key.isEmpty()) {
      return Optional.of("it is empty");
    }
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty() || !Dns1123.isSubdomain(prefix)) {
        return Optional.of("its prefix before '/' must be a DNS-1123 subdomain");
      }
    }
    if (name.isEmpty() || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      return Optional.of(
          "its name must be 1-63 letters, digits, '-', '_' or '.', starting and ending with a"
              + " letter or digit");
    }
    return Optional.empty();
  }

  /** A label value: empty, or up to 63 letters, digits, '-', '_', '.' with alphanumeric ends. */
  public static boolean isLabelValue(String value) {
    return value.isEmpty() || (value.length() <= MAX_NAME && NAME.matcher(value).matches());
  }
}
