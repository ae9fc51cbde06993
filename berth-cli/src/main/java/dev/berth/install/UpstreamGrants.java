package dev.berth.install;

import dev.berth.kubernetes.ApiPermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the chart in the stream already grants the gateway's ServiceAccount: the rules of every Role
 * and ClusterRole that a RoleBinding or ClusterRoleBinding of the stream binds to it. The install
 * adds only what these do not cover, so it never grants twice and never weakens what the chart
 * restricts.
 *
 * @param namespaced rules that apply in one namespace: (namespace, rule)
 * @param clusterWide rules that apply everywhere
 */
record UpstreamGrants(List<Scoped> namespaced, List<JsonNode> clusterWide) {

  /** A rule granted in one namespace. */
  record Scoped(String namespace, JsonNode rule) {}

  static UpstreamGrants of(
      List<ObjectNode> objects, String serviceAccount, String serviceAccountNamespace) {
    List<Scoped> namespaced = new ArrayList<>();
    List<JsonNode> clusterWide = new ArrayList<>();
    for (ObjectNode binding : objects) {
      String kind = Documents.kind(binding);
      if (!(kind.equals("RoleBinding") || kind.equals("ClusterRoleBinding"))
          || !binds(binding, serviceAccount, serviceAccountNamespace)) {
        continue;
      }
      JsonNode ref = binding.path("roleRef");
      String refKind = ref.path("kind").asString("");
      String bindingNamespace =
          Documents.namespace(binding).isEmpty()
              ? serviceAccountNamespace
              : Documents.namespace(binding);
      Optional<ObjectNode> role =
          objects.stream()
              .filter(o -> Documents.kind(o).equals(refKind))
              .filter(o -> Documents.name(o).equals(ref.path("name").asString("")))
              .filter(
                  o ->
                      refKind.equals("ClusterRole")
                          || (Documents.namespace(o).isEmpty()
                                  ? serviceAccountNamespace
                                  : Documents.namespace(o))
                              .equals(bindingNamespace))
              .findFirst();
      for (JsonNode rule : role.map(r -> Documents.list(r, "rules")).orElse(List.of())) {
        if (kind.equals("ClusterRoleBinding")) {
          clusterWide.add(rule);
        } else {
          namespaced.add(new Scoped(bindingNamespace, rule));
        }
      }
    }
    return new UpstreamGrants(namespaced, clusterWide);
  }

  private static boolean binds(JsonNode binding, String account, String accountNamespace) {
    String bindingNamespace = Documents.namespace(binding);
    for (JsonNode s : Documents.list(binding, "subjects")) {
      String ns = s.path("namespace").asString(bindingNamespace);
      if (s.path("kind").asString("").equals("ServiceAccount")
          && s.path("name").asString("").equals(account)
          && (ns.isEmpty() ? accountNamespace : ns).equals(accountNamespace)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the chart's rules already allow {@code permission} (restricted to {@code names} when
   * given) where it applies: in {@code sandboxNamespace}, or everywhere for a cluster permission.
   */
  boolean cover(ApiPermission permission, Optional<List<String>> names, String sandboxNamespace) {
    if (clusterWide.stream().anyMatch(r -> allows(r, permission, names))) {
      return true;
    }
    return permission.scope() == ApiPermission.Scope.SANDBOX_NAMESPACE
        && namespaced.stream()
            .filter(s -> s.namespace().equals(sandboxNamespace))
            .anyMatch(s -> allows(s.rule(), permission, names));
  }

  private static boolean allows(JsonNode rule, ApiPermission p, Optional<List<String>> names) {
    if (!matches(rule, "apiGroups", p.group())
        || !matches(rule, "resources", p.resource())
        || !matches(rule, "verbs", p.verb())) {
      return false;
    }
    List<String> ruleNames = strings(rule, "resourceNames");
    // A rule limited to names covers only a permission limited to names it lists.
    return ruleNames.isEmpty() || names.map(ruleNames::containsAll).orElse(false);
  }

  private static boolean matches(JsonNode rule, String field, String value) {
    List<String> values = strings(rule, field);
    return values.contains(value) || values.contains("*");
  }

  private static List<String> strings(JsonNode rule, String field) {
    return Documents.list(rule, field).stream().map(n -> n.asString("")).toList();
  }
}
