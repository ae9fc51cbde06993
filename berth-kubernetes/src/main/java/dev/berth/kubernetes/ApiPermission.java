package dev.berth.kubernetes;

import dev.berth.settings.DriverSettings;
import dev.berth.settings.WorkspaceMode;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One kind of request the Kubernetes layer sends to the API server, in the terms RBAC authorizes:
 * API group, resource (with its subresource), verb and where it applies.
 *
 * @param group the API group, empty for the core group
 * @param resource the resource, such as {@code sandboxes} or {@code pods}
 * @param verb the RBAC verb: get, list, watch, create, update, patch, delete; or bind, which no
 *     request carries but the API server checks when the driver creates a binding
 * @param scope where the request goes
 * @param modes the workspace modes that make this request
 * @param needed which settings make it at all (a Secret copy only when Secrets are configured)
 * @param names the object names the request may touch, when the settings fix them; empty means any
 *     name (RBAC cannot restrict create, list or watch by name)
 * @param why one phrase for the documentation: which code makes the request
 * @param condition one phrase for the documentation: which settings make it needed, and which names
 *     it is limited to; empty when every driver of the mode needs it
 */
public record ApiPermission(
    String group,
    String resource,
    String verb,
    Scope scope,
    Set<WorkspaceMode> modes,
    Predicate<DriverSettings> needed,
    Optional<Function<DriverSettings, List<String>>> names,
    String why,
    String condition) {

  /** Where a request applies, which decides between a Role and a ClusterRole. */
  public enum Scope {
    /**
     * Inside the sandbox namespace ({@code --sandbox-namespace}, the gateway's own namespace in
     * managed mode): a Role there is enough. For the {@code namespaces} resource this is the
     * namespace object itself, which the API server authorizes as a request in that namespace.
     */
    SANDBOX_NAMESPACE("sandbox namespace"),
    /** Across namespaces or on a cluster-scoped resource: a ClusterRole. */
    CLUSTER("cluster");

    private final String text;

    Scope(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  public ApiPermission {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(scope, "scope");
    modes = Set.copyOf(modes);
    Objects.requireNonNull(needed, "needed");
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(why, "why");
    Objects.requireNonNull(condition, "condition");
  }

  static ApiPermission of(
      String group,
      String resource,
      String verb,
      Scope scope,
      Set<WorkspaceMode> modes,
      String why) {
    return new ApiPermission(
        group, resource, verb, scope, modes, s -> true, Optional.empty(), why, "");
  }

  /** The same permission, made only when {@code test} holds for the settings. */
  ApiPermission when(String description, Predicate<DriverSettings> test) {
    return new ApiPermission(
        group, resource, verb, scope, modes, test, names, why, join(condition, description));
  }

  /** The same permission, restricted to the object names the settings give. */
  ApiPermission named(String description, Function<DriverSettings, List<String>> objectNames) {
    return new ApiPermission(
        group,
        resource,
        verb,
        scope,
        modes,
        needed,
        Optional.of(objectNames),
        why,
        join(condition, description));
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + "; " + b;
  }

  static Set<WorkspaceMode> every() {
    return EnumSet.allOf(WorkspaceMode.class);
  }

  /**
   * Whether a driver with these settings makes this request. A name-restricted permission whose
   * settings give no names is never needed: an empty {@code resourceNames} would grant every name.
   */
  public boolean neededBy(DriverSettings settings) {
    return modes.contains(settings.cluster().workspaceMode())
        && needed.test(settings)
        && resourceNames(settings).map(n -> !n.isEmpty()).orElse(true);
  }

  /** The names this permission is restricted to under these settings; empty means any name. */
  public Optional<List<String>> resourceNames(DriverSettings settings) {
    return names.map(f -> f.apply(settings).stream().distinct().sorted().toList());
  }

  /** {@code group/resource verb}, as a table or a message names it. */
  public String describe() {
    return (group.isEmpty() ? "" : group + "/") + resource + " " + verb + " (" + scope.text() + ")";
  }
}
