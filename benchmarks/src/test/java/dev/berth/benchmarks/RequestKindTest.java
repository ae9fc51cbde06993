package dev.berth.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestKindTest {

  private static final String SANDBOXES =
      "/apis/agents.x-k8s.io/v1beta1/namespaces/openshell/sandboxes";

  @Test
  void namesNamespacedCustomResourceRequests() {
    assertEquals("create sandboxes", RequestKind.of("POST", SANDBOXES));
    assertEquals("list sandboxes", RequestKind.of("GET", SANDBOXES + "?labelSelector=a%3Db"));
    assertEquals(
        "watch sandboxes",
        RequestKind.of("GET", SANDBOXES + "?allowWatchBookmarks=true&watch=true"));
    assertEquals("get sandboxes", RequestKind.of("GET", SANDBOXES + "/sb-1"));
    assertEquals("patch sandboxes", RequestKind.of("PATCH", SANDBOXES + "/sb-1"));
    assertEquals("patch sandboxes/status", RequestKind.of("PATCH", SANDBOXES + "/sb-1/status"));
    assertEquals("delete sandboxes", RequestKind.of("DELETE", SANDBOXES + "/sb-1"));
  }

  @Test
  void namesCoreAndClusterScopedRequests() {
    assertEquals("get namespaces", RequestKind.of("GET", "/api/v1/namespaces/openshell"));
    assertEquals("list namespaces", RequestKind.of("GET", "/api/v1/namespaces"));
    assertEquals("list pods", RequestKind.of("GET", "/api/v1/namespaces/openshell/pods"));
    assertEquals("list nodes", RequestKind.of("GET", "/api/v1/nodes?limit=1"));
    assertEquals("get discovery", RequestKind.of("GET", "/apis/agents.x-k8s.io/v1beta1"));
    assertEquals("get /version", RequestKind.of("GET", "/version"));
  }
}
