package dev.berth.kubernetes.doctor;

import dev.berth.kubernetes.ApiPermission;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Role (sandbox namespace) and ClusterRole that grant exactly the missing permissions, as YAML
 * rendered from model objects: one rule per group, resource and names, verbs in declaration order.
 */
final class MissingRbac {

  static final String NAME = "berth-missing-permissions";

  private MissingRbac() {}

  private record RuleKey(String group, String resource, Optional<List<String>> names) {}

  static String yaml(List<AccessReviews.Missing> missing, String sandboxNamespace) {
    List<HasMetadata> objects = new ArrayList<>();
    List<PolicyRule> namespaced = rules(missing, ApiPermission.Scope.SANDBOX_NAMESPACE);
    if (!namespaced.isEmpty()) {
      Role role = new Role();
      role.setMetadata(meta(Optional.of(sandboxNamespace)));
      role.setRules(namespaced);
      objects.add(role);
    }
    List<PolicyRule> cluster = rules(missing, ApiPermission.Scope.CLUSTER);
    if (!cluster.isEmpty()) {
      ClusterRole role = new ClusterRole();
      role.setMetadata(meta(Optional.empty()));
      role.setRules(cluster);
      objects.add(role);
    }
    KubernetesList list = new KubernetesList();
    list.setItems(objects);
    return Serialization.asYaml(list);
  }

  private static ObjectMeta meta(Optional<String> namespace) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(NAME);
    namespace.ifPresent(meta::setNamespace);
    return meta;
  }

  private static List<PolicyRule> rules(
      List<AccessReviews.Missing> missing, ApiPermission.Scope scope) {
    Map<RuleKey, List<String>> verbs = new LinkedHashMap<>();
    for (AccessReviews.Missing m : missing) {
      ApiPermission p = m.permission();
      if (p.scope() == scope) {
        verbs
            .computeIfAbsent(
                new RuleKey(p.group(), p.resource(), m.names()), k -> new ArrayList<>())
            .add(p.verb());
      }
    }
    List<PolicyRule> rules = new ArrayList<>();
    verbs.forEach(
        (key, v) -> {
          PolicyRule rule = new PolicyRule();
          rule.setApiGroups(List.of(key.group()));
          rule.setResources(List.of(key.resource()));
          rule.setVerbs(v);
          key.names().ifPresent(rule::setResourceNames);
          rules.add(rule);
        });
    return rules;
  }
}
