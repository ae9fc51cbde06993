package dev.berth.grpc.e2e;

import dev.berth.kubernetes.ApiPermission;
import dev.berth.kubernetes.ApiPermissions;
import dev.berth.settings.DriverSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks recorded driver requests against {@link ApiPermissions}: a request is covered when a
 * permission the settings need has its group, resource and verb, a scope that reaches it (a
 * cluster-wide permission reaches the sandbox namespace too) and, for a name-restricted permission,
 * the request's object name.
 */
final class ApiCoverage {

  private static final String BIND = "bind";

  private ApiCoverage() {}

  /** The declared permission that allows {@code request}, if any. */
  static Optional<ApiPermission> permitting(ApiRequest request, DriverSettings settings) {
    String sandboxNamespace = settings.cluster().sandboxNamespace();
    ApiPermission.Scope scope = request.scope(sandboxNamespace);
    return ApiPermissions.neededBy(settings).stream()
        .filter(p -> p.group().equals(request.group()))
        .filter(p -> p.resource().equals(request.resource()))
        .filter(p -> p.verb().equals(request.verb()))
        .filter(p -> p.scope() == ApiPermission.Scope.CLUSTER || p.scope() == scope)
        .filter(
            p ->
                p.resourceNames(settings)
                    .map(names -> request.name().filter(names::contains).isPresent())
                    .orElse(true))
        .findFirst();
  }

  /**
   * One line per distinct request the declaration does not allow, naming what to add; empty when
   * every request is declared.
   */
  static List<String> undeclared(List<ApiRequest> requests, DriverSettings settings) {
    Set<String> problems = new LinkedHashSet<>();
    String namespace = settings.cluster().sandboxNamespace();
    for (ApiRequest r : requests) {
      if (permitting(r, settings).isEmpty()) {
        problems.add(
            r.triple()
                + " ("
                + r.scope(namespace).text()
                + r.name().map(n -> ", name " + n).orElse("")
                + ") in "
                + settings.cluster().workspaceMode().value()
                + " mode is not declared in ApiPermissions; first seen as "
                + r.line());
      }
    }
    return List.copyOf(problems);
  }

  /**
   * Whether {@code request} is a use of exactly {@code permission} (same scope, not a wider one).
   */
  static boolean exercises(ApiRequest request, ApiPermission permission, DriverSettings settings) {
    if (permission.verb().equals(BIND)) {
      // No request carries the bind verb: the API server checks it when a binding is created.
      return request.resource().equals("rolebindings") && request.verb().equals("create");
    }
    return permission.group().equals(request.group())
        && permission.resource().equals(request.resource())
        && permission.verb().equals(request.verb())
        && permission.scope() == request.scope(settings.cluster().sandboxNamespace());
  }
}
