package dev.berth.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Names a Kubernetes API request by verb and resource, as the API server's audit log would ("list
 * sandboxes", "patch sandboxes/status", "watch events"), for counting what a driver asks.
 */
final class RequestKind {

  private RequestKind() {}

  /** The verb and resource of an HTTP request to the Kubernetes API ("GET", "/api/v1/..."). */
  static String of(String method, String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    int start;
    if (!segments.isEmpty() && segments.get(0).equals("api")) {
      start = 2;
    } else if (!segments.isEmpty() && segments.get(0).equals("apis")) {
      start = 3;
    } else {
      return method.toLowerCase(Locale.ROOT) + " " + path;
    }
    List<String> rest = segments.subList(Math.min(start, segments.size()), segments.size());
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      rest = rest.subList(2, rest.size());
    }
    if (rest.isEmpty()) {
      return method.toLowerCase(Locale.ROOT) + " discovery";
    }
    String resource = rest.size() >= 3 ? rest.get(0) + "/" + rest.get(2) : rest.get(0);
    boolean named = rest.size() >= 2;
    boolean watch = query.contains("watch=true") || query.contains("watch=1");
    String verb =
        switch (method.toUpperCase(Locale.ROOT)) {
          case "GET" -> watch ? "watch" : named ? "get" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> named ? "delete" : "deletecollection";
          default -> method.toLowerCase(Locale.ROOT);
        };
    return verb + " " + resource;
  }
}
