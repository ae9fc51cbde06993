package dev.berth.settings;

import dev.berth.naming.Dns1123;
import dev.berth.result.Result;
import java.util.Locale;
import java.util.Optional;

/**
 * Pure checks for IP literals, {@code host:port} pairs and proxy URLs.
 *
 * <p>Written by hand rather than with {@code java.net}, which resolves names, accepts forms such as
 * {@code 010.1.1.1} and zone ids that Kubernetes refuses, and is banned from the pure modules.
 */
public final class Addresses {

  private Addresses() {}

  /** Dotted-quad IPv4 without leading zeros, which some parsers read as octal. */
  public static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Addresses::isDigit)) {
        return false;
      }
      if (part.length() > 1 && part.charAt(0) == '0') {
        return false;
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  /** An IPv6 literal without brackets or zone id; a trailing embedded IPv4 is allowed. */
  public static boolean isIpv6(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return false;
    }
    String text = s;
    int lastColon = text.lastIndexOf(':');
    if (lastColon < 0) {
      return false;
    }
    String tail = text.substring(lastColon + 1);
    if (tail.indexOf('.') >= 0) {
      if (!isIpv4(tail)) {
        return false;
      }
      // The embedded IPv4 stands for the last two 16-bit groups.
      text = text.substring(0, lastColon + 1) + "0:0";
    }
    if (!text.chars().allMatch(c -> c == ':' || Character.digit(c, 16) >= 0)) {
      return false;
    }
    String[] halves = text.split("::", -1);
    if (halves.length > 2) {
      return false;
    }
    int groups = 0;
    for (String half : halves) {
      if (half.isEmpty()) {
        continue;
      }
      for (String group : half.split(":", -1)) {
        if (group.isEmpty() || group.length() > 4) {
          return false;
        }
        groups++;
      }
    }
    // "::" stands for at least one zero group.
    return halves.length == 2 ? groups <= 7 : groups == 8;
  }

  public static boolean isIp(String s) {
    return isIpv4(s) || isIpv6(s);
  }

  /**
   * A listen or connect address: {@code host:port} where host is an IPv4 literal, a bracketed IPv6
   * literal or a DNS name, and the port is 1-65535.
   */
  public static boolean isHostPort(String s) {
    int colon;
    String host;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
        return false;
      }
      host = s.substring(1, close);
      if (!isIpv6(host)) {
        return false;
      }
      colon = close + 1;
    } else {
      colon = s.lastIndexOf(':');
      if (colon <= 0) {
        return false;
      }
      host = s.substring(0, colon);
      if (!isHost(host)) {
        return false;
      }
    }
    return isPort(s.substring(colon + 1));
  }

  /** An IPv4 literal or a DNS name; IPv6 needs brackets and is handled by the caller. */
  static boolean isHost(String host) {
    if (host.chars().allMatch(c -> isDigit(c) || c == '.')) {
      // Numeric dotted text is an address attempt, not a name: 300.1.1.1 must not pass as DNS.
      return isIpv4(host);
    }
    return Dns1123.isSubdomain(host.toLowerCase(Locale.ROOT));
  }

  static boolean isPort(String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Addresses::isDigit)) {
      return false;
    }
    int value = Integer.parseInt(port);
    return value >= 1 && value <= 65535;
  }

  /**
   * Checks an upstream proxy URL against upstream's grammar: exactly {@code http://host:port}, an
   * explicit port other than 0, no credentials, no path, query or fragment (a lone trailing {@code
   * /} is tolerated, as upstream's URL parser cannot tell it from none).
   *
   * @return empty when valid, else a problem; credentials yield a problem that hides the value
   */
  public static Optional<Result<String>> proxyUrlProblem(String url) {
    if (url.indexOf('@') >= 0) {
      return Optional.of(
          Parsed.problemHidingValue(
              "contains credentials; remove them from the URL and put 'user:password' in the"
                  + " Secret named by --proxy-auth-secret-name and --proxy-auth-secret-key"));
    }
    String example = "use exactly http://host:port, such as 'http://proxy.example.com:3128'";
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      return Optional.of(Parsed.problem(example));
    }
    if (!url.substring(0, schemeEnd).equalsIgnoreCase("http")) {
      return Optional.of(
          Parsed.problem("only plain http:// forward proxies are supported; " + example));
    }
    String rest = url.substring(schemeEnd + 3);
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    if (!isHostPort(rest)) {
      return Optional.of(Parsed.problem(example));
    }
    return Optional.empty();
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
