package dev.berth.naming;

import dev.berth.result.Result;
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
   * Checks a qualified name ({@code [prefix/]name}).
   *
   * @return the name, or a phrase such as "its prefix before '/' must be a DNS-1123 subdomain"
   */
  public static Result<String> qualifiedName(String key) {
    if (key.isEmpty()) {
      return Result.invalid("it is empty");
    }
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty() || !Dns1123.isSubdomain(prefix)) {
        return Result.invalid("its prefix before '/' must be a DNS-1123 subdomain");
      }
    }
    if (name.isEmpty() || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      return Result.invalid(
          "its name must be 1-63 letters, digits, '-', '_' or '.', starting and ending with a"
              + " letter or digit");
    }
    return Result.valid(key);
  }

  /** A label value: empty, or up to 63 letters, digits, '-', '_', '.' with alphanumeric ends. */
  public static boolean isLabelValue(String value) {
    return value.isEmpty() || (value.length() <= MAX_NAME && NAME.matcher(value).matches());
  }
}
