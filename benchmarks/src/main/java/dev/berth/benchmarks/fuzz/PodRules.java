package dev.berth.benchmarks.fuzz;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's value rules, written from Kubernetes' validation package and apimachinery's
 * validation helpers, apart from Berth's validator on purpose: the fuzzer checks what Berth accepts
 * against these, so a shared mistake would hide itself.
 */
final class PodRules {

  private PodRules() {}

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern QUALIFIED_NAME_PART =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
  private static final Pattern SYSCTL =
      Pattern.compile("([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?");
  private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Pattern QUANTITY =
      Pattern.compile("([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|n|u|[eE][+-]?[0-9]+)?");
  private static final Set<String> CONTAINER_STANDARD =
      Set.of("cpu", "memory", "ephemeral-storage");

  static boolean dnsLabel(String s) {
    return s.length() <= 63 && DNS_LABEL.matcher(s).matches();
  }

  static boolean dnsSubdomain(String s) {
    if (s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (String part : s.split("\\.", -1)) {
      if (!DNS_LABEL.matcher(part).matches()) {
        return false;
      }
    }
    return true;
  }

  static boolean qualifiedName(String s) {
    String[] parts = s.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      if (parts[0].isEmpty() || !dnsSubdomain(parts[0])) {
        return false;
      }
      name = parts[1];
    } else {
      return false;
    }
    return !name.isEmpty() && name.length() <= 63 && QUALIFIED_NAME_PART.matcher(name).matches();
  }

  static boolean labelValue(String s) {
    return s.length() <= 63 && LABEL_VALUE.matcher(s).matches();
  }

  static boolean envName(String s) {
    return ENV_NAME.matcher(s).matches();
  }

  static boolean sysctlName(String s) {
    return s.length() <= 253 && SYSCTL.matcher(s).matches();
  }

  static boolean configKey(String s) {
    return !s.isEmpty() && s.length() <= 253 && CONFIG_KEY.matcher(s).matches();
  }

  static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** A quantity's value, or empty when the API server would not parse it. */
  static Optional<BigDecimal> quantity(String s) {
    Matcher m = QUANTITY.matcher(s);
    if (!m.matches() || s.length() > 64) {
      return Optional.empty();
    }
    String number = m.group(1);
    if (number.chars().filter(c -> c == '.').count() > 1
        || number.replace("+", "").replace("-", "").equals(".")) {
      return Optional.empty();
    }
    BigDecimal value;
    try {
      value = new BigDecimal(number);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    String suffix = m.group(2) == null ? "" : m.group(2);
    int power;
    switch (suffix) {
      case "" -> power = 0;
      case "n" -> power = -9;
      case "u" -> power = -6;
      case "m" -> power = -3;
      case "k" -> power = 3;
      case "M" -> power = 6;
      case "G" -> power = 9;
      case "T" -> power = 12;
      case "P" -> power = 15;
      case "E" -> power = 18;
      default -> {
        if (suffix.endsWith("i")) {
          int shift = 10 * (1 + "KMGTPE".indexOf(suffix.charAt(0)));
          return Optional.of(value.multiply(BigDecimal.valueOf(2).pow(shift)));
        }
        try {
          power = Integer.parseInt(suffix.substring(1));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(value.scaleByPowerOfTen(power));
  }

  /** validateContainerResourceName. */
  static boolean containerResourceName(String name) {
    if (!qualifiedName(name)) {
      return false;
    }
    if (!name.contains("/")) {
      return CONTAINER_STANDARD.contains(name)
          || (name.startsWith("hugepages-")
              && quantity(name.substring("hugepages-".length()))
                  .filter(v -> v.signum() > 0)
                  .isPresent());
    }
    return nativeResource(name) || extendedResource(name);
  }

  static boolean nativeResource(String name) {
    return !name.contains("/") || name.contains("kubernetes.io/");
  }

  static boolean extendedResource(String name) {
    return !nativeResource(name)
        && !name.startsWith("requests.")
        && qualifiedName("requests." + name);
  }

  static boolean overcommitAllowed(String name) {
    return nativeResource(name) && !name.startsWith("hugepages-");
  }

  /** validateLocalDescendingPath: relative, no '..' element. */
  static boolean localDescendingPath(String path) {
    if (path.startsWith("/")) {
      return false;
    }
    for (String part : path.split("/", -1)) {
      if (part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** validateLocalNonReservedPath: also not starting with '..'. */
  static boolean localNonReservedPath(String path) {
    return localDescendingPath(path) && !path.startsWith("..");
  }

  static boolean annotationKey(String key) {
    return qualifiedName(key.toLowerCase(Locale.ROOT));
  }

  static final List<String> TOLERATION_OPERATORS = List.of("Exists", "Equal");
  static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
}
