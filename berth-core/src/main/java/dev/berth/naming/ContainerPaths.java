package dev.berth.naming;

import dev.berth.result.Result;

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
  public static Result<String> normalizeAbsolute(String raw) {
    if (raw.isEmpty()) {
      return Result.invalid("must not be empty");
    }
    if (!raw.strip().equals(raw)) {
      return Result.invalid("must not start or end with whitespace");
    }
    if (hasControl(raw)) {
      return Result.invalid("must not contain control characters");
    }
    if (!raw.startsWith("/")) {
      return Result.invalid("must be an absolute path starting with '/'");
    }
    if (raw.equals("/")) {
      return Result.invalid("must not be the container root '/'");
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
        return Result.invalid("must be normalized, without empty, '.' or '..' segments");
      }
      start = end + 1;
    }
    return Result.valid(path);
  }

  /**
   * The {@code subPath} when it is a relative path that stays inside the volume, else why it is
   * unusable.
   */
  public static Result<String> subPath(String subPath) {
    if (subPath.isEmpty()) {
      return Result.invalid("must not be empty; leave sub_path out to mount the whole volume");
    }
    if (!subPath.strip().equals(subPath)) {
      return Result.invalid("must not start or end with whitespace");
    }
    if (hasControl(subPath)) {
      return Result.invalid("must not contain NUL or other control characters");
    }
    if (subPath.startsWith("/")) {
      return Result.invalid("must be relative to the volume root, without a leading '/'");
    }
    for (String segment : subPath.split("/", -1)) {
      if (segment.equals("..")) {
        return Result.invalid("must not contain '..', which would leave the volume");
      }
    }
    return Result.valid(subPath);
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
}
