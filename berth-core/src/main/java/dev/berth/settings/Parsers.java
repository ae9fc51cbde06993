package dev.berth.settings;

import dev.berth.naming.ContainerPaths;
import dev.berth.naming.Dns1123;
import dev.berth.naming.LabelRules;
import dev.berth.result.Result;
import dev.berth.settings.Setting.Parser;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Building blocks for setting parsers. Every phrase follows "{@code --flag (ENV) is 'value'; }" and
 * says how to fix the value, so the loader can form a full sentence.
 */
final class Parsers {

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1,18}");
  private static final Pattern SECRET_KEY = Pattern.compile("[A-Za-z0-9._-]+");

  private Parsers() {}

  /** Free text; only control characters are refused, as they never belong in a setting. */
  static Parser<String> text() {
    return s -> {
      if (s.isEmpty()) {
        return Parsed.problem("give a value");
      }
      if (s.codePoints().anyMatch(Character::isISOControl)) {
        return Parsed.problem("remove the control characters");
      }
      return Parsed.value(s);
    };
  }

  /**
   * A setting Berth accepts by name only to say why it does not apply: unset is fine, any value is
   * refused with {@code why}, so an operator who switches drivers learns it at start-up instead of
   * believing it took effect.
   */
  static Parser<Optional<String>> refused(String why) {
    return s -> s.isEmpty() ? Parsed.value(Optional.empty()) : Parsed.problem(why);
  }

  /** Empty text means unset; anything else must satisfy {@code parser}. */
  static <T> Parser<Optional<T>> optional(Parser<T> parser) {
    return s -> s.isEmpty() ? Parsed.value(Optional.empty()) : parser.parse(s).map(Optional::of);
  }

  /** One of a fixed set of exact spellings, listed in the order given. */
  static <T> Parser<T> choice(List<T> values, Function<T, String> spelling) {
    Map<String, T> choices = new LinkedHashMap<>();
    values.forEach(v -> choices.put(spelling.apply(v), v));
    String phrase = "use " + quoted(List.copyOf(choices.keySet()));
    return s -> {
      T value = choices.get(s);
      return value == null ? Parsed.problem(phrase) : Parsed.value(value);
    };
  }

  /** {@code 'a' or 'b'}, {@code 'a', 'b' or 'c'}. */
  static String quoted(List<String> values) {
    List<String> q = values.stream().map(v -> "'" + v + "'").toList();
    if (q.size() == 1) {
      return q.get(0);
    }
    return String.join(", ", q.subList(0, q.size() - 1)) + " or " + q.get(q.size() - 1);
  }

  static Parser<Boolean> bool() {
    return s ->
        switch (s.toLowerCase(Locale.ROOT)) {
          case "true", "1" -> Parsed.value(true);
          case "false", "0" -> Parsed.value(false);
          default -> Parsed.problem("use 'true' or 'false'");
        };
  }

  static Parser<Long> wholeNumber(long min, long max) {
    String phrase = "use a whole number from " + min + " to " + max;
    return s ->
        parseLong(s)
            .filter(v -> v >= min && v <= max)
            .<Result<Long>>map(Parsed::value)
            .orElseGet(() -> Parsed.problem(phrase));
  }

  static Parser<Long> anyWholeNumber(String phrase) {
    return s ->
        parseLong(s).<Result<Long>>map(Parsed::value).orElseGet(() -> Parsed.problem(phrase));
  }

  private static Optional<Long> parseLong(String s) {
    if (!WHOLE_NUMBER.matcher(s).matches()) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(s.startsWith("+") ? s.substring(1) : s));
  }

  static Parser<String> dnsLabel() {
    return check(Dns1123::isLabel, "it must be a DNS-1123 label, so " + Dns1123.LABEL_RULE);
  }

  static Parser<String> dnsSubdomain() {
    return check(
        Dns1123::isSubdomain, "it must be a DNS-1123 subdomain, so " + Dns1123.SUBDOMAIN_RULE);
  }

  /** Usable as a Kubernetes label value, and not empty. */
  static Parser<String> labelValue() {
    return check(
        s -> !s.isEmpty() && LabelRules.isLabelValue(s),
        "it must be usable as a Kubernetes label value, so use at most 63 letters, digits, '-',"
            + " '_' or '.', starting and ending with a letter or digit");
  }

  static Parser<String> hostPort(String example) {
    return check(
        Addresses::isHostPort,
        "use host:port with a port from 1 to 65535 and IPv6 addresses in brackets, such as "
            + example);
  }

  static Parser<String> ip() {
    return check(
        Addresses::isIp,
        "use an IPv4 address such as '192.168.65.254' or an IPv6 address such as 'fd00::1',"
            + " without brackets");
  }

  /** An absolute, normalized path to a file the driver reads. */
  static Parser<String> absolutePath() {
    return s -> {
      if (s.length() > 1 && s.endsWith("/")) {
        return Parsed.problem("it must name a file, so remove the trailing '/'");
      }
      Result<String> path = ContainerPaths.normalizeAbsolute(s);
      return path.isValid() ? path : Parsed.problem("it " + path.problem().orElseThrow());
    };
  }

  /** An absolute, normalized path to a socket file; a trailing '/' would name a directory. */
  static Parser<String> socketPath() {
    return s -> {
      if (s.length() > 1 && s.endsWith("/")) {
        return Parsed.problem("it must name a socket file, so remove the trailing '/'");
      }
      Result<String> path = ContainerPaths.normalizeAbsolute(s);
      return path.isValid() ? path : Parsed.problem("it " + path.problem().orElseThrow());
    };
  }

  /** A Kubernetes resource quantity greater than zero, as fabric8 (and so the API) reads it. */
  static Parser<String> positiveQuantity() {
    String phrase = "use a Kubernetes quantity greater than zero, such as '2Gi' or '500Mi'";
    return s -> {
      BigDecimal bytes;
      try {
        bytes = Quantity.getAmountInBytes(new Quantity(s));
      } catch (IllegalArgumentException | ArithmeticException e) {
        return Parsed.problem(phrase);
      }
      return bytes.signum() > 0 ? Parsed.value(s) : Parsed.problem(phrase);
    };
  }

  static Parser<String> image() {
    return check(
        ImageReference::isValid,
        "use an image reference Kubernetes can pull, such as 'registry.example.com/team/image:tag',"
            + " with a lowercase repository path");
  }

  /** An http(s) URL the supervisor dials; credentials in it would leak into pod specs. */
  static Parser<String> endpointUrl() {
    String phrase =
        "use an http:// or https:// URL such as 'https://openshell.openshell.svc:8080', or leave"
            + " it empty";
    return s -> {
      int schemeEnd = s.indexOf("://");
      if (schemeEnd < 0) {
        return Parsed.problem(phrase);
      }
      String scheme = s.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      String rest = s.substring(schemeEnd + 3);
      int authorityEnd = rest.indexOf('/');
      String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
      if (authority.indexOf('@') >= 0) {
        return Parsed.problemHidingValue(
            "contains credentials; the endpoint is copied into every sandbox pod, so remove them");
      }
      boolean ok =
          (scheme.equals("http") || scheme.equals("https"))
              && !authority.isEmpty()
              && (Addresses.isHost(authority)
                  || Addresses.isHostPort(authority)
                  || (authority.startsWith("[")
                      && authority.endsWith("]")
                      && Addresses.isIpv6(authority.substring(1, authority.length() - 1))))
              && s.codePoints()
                  .noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
      return ok ? Parsed.value(s) : Parsed.problem(phrase);
    };
  }

  static Parser<PullPolicy> pullPolicy() {
    String phrase = "use " + PullPolicy.CHOICES + ", or leave it empty for the Kubernetes default";
    return s ->
        PullPolicy.parse(s)
            .<Result<PullPolicy>>map(Parsed::value)
            .orElseGet(() -> Parsed.problem(phrase));
  }

  static Parser<AppArmorChoice> appArmorProfile() {
    String phrase =
        "use 'RuntimeDefault', 'Unconfined' or 'Localhost/<profile-name>', or leave it empty to"
            + " leave the profile to the cluster";
    return s ->
        AppArmorChoice.parse(s)
            .<Result<AppArmorChoice>>map(Parsed::value)
            .orElseGet(() -> Parsed.problem(phrase));
  }

  /** A Secret data key as Kubernetes accepts it. */
  static Parser<String> secretKey() {
    return check(
        s ->
            s.length() <= 253
                && SECRET_KEY.matcher(s).matches()
                && !s.equals(".")
                && !s.equals(".."),
        "use at most 253 letters, digits, '.', '-' or '_', and not '.' or '..'");
  }

  /**
   * A comma-separated list whose entries each pass {@code valid}; empty entries and repeats are
   * refused because they are always typing mistakes.
   *
   * @param rule what an entry must be, such as "a DNS-1123 subdomain, so use ..."
   */
  static Parser<List<String>> commaList(Predicate<String> valid, String rule) {
    return s -> {
      List<String> entries = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      for (String raw : s.split(",", -1)) {
        String entry = raw.strip();
        if (entry.isEmpty()) {
          return Parsed.problem("it has an empty entry, so remove the extra comma");
        }
        if (!valid.test(entry)) {
          return Parsed.problem(
              "entry '" + Setting.printable(entry) + "' is not valid; each entry must be " + rule);
        }
        if (!seen.add(entry)) {
          return Parsed.problem(
              "it lists '" + Setting.printable(entry) + "' twice, so list each entry once");
        }
        entries.add(entry);
      }
      return Parsed.value(List.copyOf(entries));
    };
  }

  /** {@code key=value,key2=value2} with Kubernetes label keys and values, sorted by key. */
  static Parser<Map<String, String>> labelSelector() {
    String form =
        "use key=value pairs separated by commas, such as 'app.kubernetes.io/name=openshell'";
    return s -> {
      Map<String, String> selector = new TreeMap<>();
      for (String raw : s.split(",", -1)) {
        String entry = raw.strip();
        int eq = entry.indexOf('=');
        if (eq < 0) {
          return Parsed.problem(
              "entry '" + Setting.printable(entry) + "' is not key=value; " + form);
        }
        String key = entry.substring(0, eq).strip();
        String value = entry.substring(eq + 1).strip();
        Optional<String> keyProblem = LabelRules.qualifiedName(key).problem();
        if (keyProblem.isPresent()) {
          return Parsed.problem(
              "key '" + Setting.printable(key) + "' is not a label key: " + keyProblem.get());
        }
        if (!LabelRules.isLabelValue(value)) {
          return Parsed.problem(
              "value '"
                  + Setting.printable(value)
                  + "' is not a label value; use at most 63 letters, digits, '-', '_' or '.',"
                  + " starting and ending with a letter or digit");
        }
        if (selector.put(key, value) != null) {
          return Parsed.problem(
              "it sets key '" + Setting.printable(key) + "' twice, so give each key once");
        }
      }
      return Parsed.value(Collections.unmodifiableMap(selector));
    };
  }

  private static Parser<String> check(Predicate<String> valid, String phrase) {
    return s -> valid.test(s) ? Parsed.value(s) : Parsed.problem(phrase);
  }

  /** Like {@link #choice} but case-insensitive, for values upstream reads case-insensitively. */
  static <T> Parser<T> choiceIgnoringCase(List<T> values, Function<T, String> spelling) {
    Parser<T> exact = choice(values, spelling);
    return s -> exact.parse(s.toLowerCase(Locale.ROOT));
  }

  /** The {@code type} text of an enumerated setting: {@code enum: a|b|c}. */
  static <T> String enumType(List<T> values, Function<T, String> spelling) {
    return "enum: " + values.stream().map(spelling).collect(Collectors.joining("|"));
  }
}
