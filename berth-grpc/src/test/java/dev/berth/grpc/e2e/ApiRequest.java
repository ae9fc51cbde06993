package dev.berth.grpc.e2e;

import dev.berth.kubernetes.ApiPermission;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One request the driver sent to the API server, in the attributes RBAC authorizes it by, computed
 * from the method and URL the way the API server's request-info resolver does: the verb from the
 * method ({@code GET} without a name is {@code list}, or {@code watch} with {@code watch=true}),
 * the namespace from {@code /namespaces/<ns>/} (for the {@code namespaces} resource, the named
 * namespace itself), the resource with its subresource, and the name (for list and watch, a {@code
 * metadata.name} field selector).
 *
 * @param line the method and URL, for messages
 * @param group the API group, empty for core
 * @param resource the resource, with {@code /subresource} when there is one
 * @param verb the RBAC verb
 * @param namespace the namespace the request is authorized in; empty for cluster scope
 * @param name the object name RBAC's resourceNames sees; empty when none
 */
record ApiRequest(
    String line,
    String group,
    String resource,
    String verb,
    Optional<String> namespace,
    Optional<String> name) {

  /** Subresources of a namespace object itself, which stay on the namespaces resource. */
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  /**
   * Classifies a request; empty for a request that is not about a resource (such as {@code
   * /version}), which RBAC authorizes differently and the driver never needs.
   */
  static Optional<ApiRequest> of(String method, String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    Map<String, String> query = query(q < 0 ? "" : pathAndQuery.substring(q + 1));
    List<String> parts = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
    String group;
    List<String> rest;
    if (parts.size() >= 3 && parts.get(0).equals("api")) {
      group = "";
      rest = parts.subList(2, parts.size());
    } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      rest = parts.subList(3, parts.size());
    } else {
      return Optional.empty();
    }
    Optional<String> namespace = Optional.empty();
    if (rest.get(0).equals("namespaces") && rest.size() > 1) {
      namespace = Optional.of(rest.get(1));
      if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
        rest = rest.subList(2, rest.size());
      }
    }
    String resource = rest.get(0) + (rest.size() > 2 ? "/" + rest.get(2) : "");
    Optional<String> name = rest.size() > 1 ? Optional.of(rest.get(1)) : Optional.empty();
    String verb =
        switch (method) {
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> name.isEmpty() ? "deletecollection" : "delete";
          default -> name.isPresent() ? "get" : watch(query) ? "watch" : "list";
        };
    if (name.isEmpty() && (verb.equals("list") || verb.equals("watch"))) {
      name = fieldSelectorName(query.getOrDefault("fieldSelector", ""));
    }
    return Optional.of(
        new ApiRequest(method + " " + pathAndQuery, group, resource, verb, namespace, name));
  }

  /** Where a Role or ClusterRole would have to grant this request. */
  ApiPermission.Scope scope(String sandboxNamespace) {
    return namespace.filter(sandboxNamespace::equals).isPresent()
        ? ApiPermission.Scope.SANDBOX_NAMESPACE
        : ApiPermission.Scope.CLUSTER;
  }

  /** {@code group/resource verb}, as the declaration describes it. */
  String triple() {
    return (group.isEmpty() ? "" : group + "/") + resource + " " + verb;
  }

  private static boolean watch(Map<String, String> query) {
    String w = query.getOrDefault("watch", "");
    return w.equals("true") || w.equals("1");
  }

  private static Optional<String> fieldSelectorName(String selector) {
    for (String term : selector.split(",")) {
      String[] kv = term.split("==?", 2);
      if (kv.length == 2 && kv[0].equals("metadata.name")) {
        return Optional.of(kv[1]);
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> query(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(decode(key), decode(value));
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
