package dev.berth.install;

import dev.berth.kubernetes.ApiPermission;
import dev.berth.kubernetes.ApiPermissions;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The RBAC the install adds for the gateway's ServiceAccount (Berth runs in the gateway pod, as
 * that account): every permission {@link ApiPermissions} says the configured driver needs, minus
 * what the chart already grants. Sandbox-namespace permissions go into a Role there, the rest into
 * a ClusterRole; an empty one is left out.
 */
final class InstallRbac {

  /** Labels of every object the install adds, sorted so the output is the same on every run. */
  static final Map<String, String> LABELS =
      Collections.unmodifiableMap(
          new TreeMap<>(
              Map.of(
                  "app.kubernetes.io/name", "berth",
                  "app.kubernetes.io/component", "compute-driver")));

  /**
   * A permission and whether the chart already grants it.
   *
   * @param permission the declared permission
   * @param names the object names it is limited to, when it is
   * @param byChart true when the chart's own RBAC covers it
   */
  record Grant(ApiPermission permission, Optional<List<String>> names, boolean byChart) {}

  /**
   * The objects to add.
   *
   * @param objects Role, RoleBinding, ClusterRole, ClusterRoleBinding (those that are not empty)
   * @param grants every needed permission, and who grants it
   */
  record Rbac(List<HasMetadata> objects, List<Grant> grants) {}

  private InstallRbac() {}

  /**
   * @param name the objects' name, such as {@code openshell-berth}
   * @param account the gateway's ServiceAccount
   * @param accountNamespace its namespace (the release's)
   */
  static Rbac build(
      DriverSettings settings,
      UpstreamGrants chart,
      String name,
      String account,
      String accountNamespace) {
    String sandboxNamespace = settings.cluster().sandboxNamespace();
    List<Grant> grants = new ArrayList<>();
    for (ApiPermission p : ApiPermissions.neededBy(settings)) {
      Optional<List<String>> names = p.resourceNames(settings);
      grants.add(new Grant(p, names, chart.cover(p, names, sandboxNamespace)));
    }
    List<PolicyRule> namespaced = rules(grants, ApiPermission.Scope.SANDBOX_NAMESPACE);
    List<PolicyRule> cluster = rules(grants, ApiPermission.Scope.CLUSTER);
    List<HasMetadata> objects = new ArrayList<>();
    var subject =
        new SubjectBuilder()
            .withKind("ServiceAccount")
            .withName(account)
            .withNamespace(accountNamespace)
            .build();
    if (!namespaced.isEmpty()) {
      objects.add(
          new RoleBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(sandboxNamespace)
              .withLabels(LABELS)
              .endMetadata()
              .withRules(namespaced)
              .build());
      objects.add(
          new RoleBindingBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(sandboxNamespace)
              .withLabels(LABELS)
              .endMetadata()
              .withNewRoleRef("rbac.authorization.k8s.io", "Role", name)
              .withSubjects(subject)
              .build());
    }
    if (!cluster.isEmpty()) {
      objects.add(
          new ClusterRoleBuilder()
              .withNewMetadata()
              .withName(name)
              .withLabels(LABELS)
              .endMetadata()
              .withRules(cluster)
              .build());
      objects.add(
          new ClusterRoleBindingBuilder()
              .withNewMetadata()
              .withName(name)
              .withLabels(LABELS)
              .endMetadata()
              .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", name)
              .withSubjects(subject)
              .build());
    }
    return new Rbac(objects, grants);
  }

  private record RuleKey(String group, String resource, Optional<List<String>> names) {}

  /** One rule per (group, resource, names), its verbs in declaration order. */
  private static List<PolicyRule> rules(List<Grant> grants, ApiPermission.Scope scope) {
    Map<RuleKey, List<String>> verbs = new LinkedHashMap<>();
    for (Grant g : grants) {
      ApiPermission p = g.permission();
      if (!g.byChart() && p.scope() == scope) {
        verbs
            .computeIfAbsent(
                new RuleKey(p.group(), p.resource(), g.names()), k -> new ArrayList<>())
            .add(p.verb());
      }
    }
    List<PolicyRule> rules = new ArrayList<>();
    verbs.forEach(
        (key, v) -> {
          PolicyRuleBuilder rule =
              new PolicyRuleBuilder()
                  .withApiGroups(key.group())
                  .withResources(key.resource())
                  .withVerbs(v);
          key.names().ifPresent(rule::withResourceNames);
          rules.add(rule.build());
        });
    return rules;
  }
}
