package dev.berth.naming;

import java.util.Optional;

/**
 * Rules for paths inside a container: mount targets and {@code subPath}s.
 *
 * <p>Paths are compared component by component, so {@code /etc/openshell-tools} is not under {@code
 * /etc/openshell}.
 */
public final class ContainerPaths {

  private ContainerPaths() {}

  /**
   * Normalizes an absolute mount target, or says why it cannot be one.
   *
   * <p>A single trailing slash is tolerated and removed; anything else that a different spelling of
   * the same directory could hide ({@code //}, {@code .}, {@code ..}) is refused so that
   * reserved-path checks cannot be bypassed.
   *
   * @return the normalized path, or a problem phrase such as "must be an absolute path"
   */
  public static PathCheck normalizeAbsolute(String raw) {
    if (raw.isEmpty()) {
      return PathCheck.problem("must not be empty");
    }
    if (!raw.strip().equals(raw)) {
      return PathCheck.problem("must not start or end with whitespace");
    }
    if (hasControl(raw)) {
      return PathCheck.problem("must not contain control characters");
    }
    if (!raw.startsWith("/")) {
      return PathCheck.problem("must be an absolute path starting with '/'");
    }
    if (raw.equals("/")) {
      return PathCheck.problem("must not be the container root '/'");
    }
    String path = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    // Scanned in place: every mount path of every request passes here.
    int start = 1;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      int length = end - start;
      if (length == 0
          || (length == 1 && path.charAt(start) == '.')
          || (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
        return PathCheck.problem("must be normalized, without empty, '.' or '..' segments");
      }
      start = end + 1;
    }
    return PathCheck.ok(path);
  }

  /**
   * Says why a {@code subPath} is unusable, or empty when it is a relative path that stays inside
   * the volume.
   */
  public static Optional<String> subPathProblem(String subPath) {
    if (subPath.isEmpty()) {
      return Optional.of("must not be empty; leave sub_path out to mount the whole volume");
    }
    if (!subPath.strip().equals(subPath)) {
      return Optional.of("must not start or end with whitespace");
    }
    if (hasControl(subPath)) {
      return Optional.of("must not contain NUL or other control characters");
    }
    if (subPath.startsWith("/")) {
      return Optional.of("must be relative to the volume root, without a leading '/'");
    }
    for (String segment : subPath.split("/", -1)) {
      if (segment.equals("..")) {
        return Optional.of("must not contain '..', which would leave the volume");
      }
    }
    return Optional.empty();
  }

  /** True when {@code path} equals {@code parent} or lies below it, comparing whole components. */
  public static boolean isOrUnder(String path, String parent) {
    if (parent.equals("/")) {
      return path.startsWith("/");
    }
    return path.startsWith(parent)
        && (path.length() == parent.length() || path.charAt(parent.length()) == '/');
  }

  /** True when either path is, or is under, the other. */
  public static boolean overlaps(String a, String b) {
    return isOrUnder(a, b) || isOrUnder(b, a);
  }

  /** The parent directory of a normalized absolute path ({@code /} for a top-level path). */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /** Number of path components, used to order mounts parent-first. */
  public static int depth(String path) {
    int slashes = 0;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '/') {
        slashes++;
      }
    }
    return slashes;
  }

  static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
        return true;
      }
    }
    return false;
  }

  /** The outcome of normalizing a path: the normalized form or a problem phrase. */
  public sealed interface PathCheck {
    static PathCheck ok(String path) {
      return new Normalized(path);
    }

    static PathCheck problem(String phrase) {
      return new Problem(phrase);
    }

    /** A usable path. */
    record Normalized(String path) implements PathCheck {}

    /** Why the path is unusable. */
    record Problem(String phrase) implements PathCheck {}
  }
}
