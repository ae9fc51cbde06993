package dev.berth.naming;

import dev.berth.result.Result;
import java.util.Set;

/**
 * Kubernetes' rules for the names of container resources ({@code validateContainerResourceName})
 * and what follows from a name: whether the amount must be whole and whether the request may differ
 * from the limit ({@code IsOvercommitAllowed}).
 */
public final class ResourceNames {

  private static final Set<String> STANDARD = Set.of("cpu", "memory", "ephemeral-storage");
  private static final String HUGEPAGES = "hugepages-";
  private static final String NATIVE_DOMAIN = "kubernetes.io/";
  private static final String QUOTA_PREFIX = "requests.";

  private ResourceNames() {}

  /** The name, or a phrase saying why a container cannot ask for it. */
  public static Result<String> check(String name) {
    Result<String> qualified = LabelRules.qualifiedName(name);
    if (!qualified.isValid()) {
      return qualified;
    }
    if (name.indexOf('/') < 0) {
      if (STANDARD.contains(name) || isHugePages(name)) {
        return Result.valid(name);
      }
      return Result.invalid(
          "a name without a domain must be a standard container resource: cpu, memory,"
              + " ephemeral-storage or hugepages-<size>, all lowercase");
    }
    if (!isNative(name) && !isExtended(name)) {
      return Result.invalid(
          "an extended resource name must not start with 'requests.' and must stay a qualified"
              + " name with it");
    }
    return Result.valid(name);
  }

  /** Whether the name is one Kubernetes counts in whole units only (extended resources). */
  public static boolean isExtended(String name) {
    return !isNative(name)
        && !name.startsWith(QUOTA_PREFIX)
        && LabelRules.qualifiedName(QUOTA_PREFIX + name).isValid();
  }

  /** Whether a request may be below the limit: native resources other than huge pages. */
  public static boolean overcommitAllowed(String name) {
    return isNative(name) && !name.startsWith(HUGEPAGES);
  }

  private static boolean isNative(String name) {
    return name.indexOf('/') < 0 || name.contains(NATIVE_DOMAIN);
  }

  /** A {@code hugepages-<size>} resource. */
  public static boolean isHugePages(String name) {
    return name.startsWith(HUGEPAGES)
        && Quantities.value(name.substring(HUGEPAGES.length()))
            .filter(v -> v.signum() > 0)
            .isPresent();
  }
}
