package dev.berth.render.isolation;

import dev.berth.naming.IsolationNames;
import dev.berth.plan.SandboxPlan;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.TreeMap;

/** Metadata every object of the isolation backend shares. */
final class IsolationMeta {

  private IsolationMeta() {}

  /** Labels that say who made the object, for which sandbox, and what part of it it is. */
  static Map<String, String> common(IsolationNames names, SandboxPlan plan, String component) {
    return common(names, plan.identity().id(), component);
  }

  static Map<String, String> common(IsolationNames names, String sandboxId, String component) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(names.managedByLabel(), names.generation().namespace());
    labels.put(names.sandboxIdKey(), sandboxId);
    labels.put(names.componentLabel(), component);
    return labels;
  }

  /** The pair labels that the Service and the NetworkPolicies select by. */
  static Map<String, String> pair(IsolationNames names, String sandboxId, String role) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(names.pairLabel(), IsolationNames.pairValue(sandboxId));
    labels.put(names.roleLabel(), role);
    return labels;
  }

  static ObjectMeta meta(String name, String namespace, Map<String, String> labels) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(namespace);
    meta.setLabels(labels);
    return meta;
  }
}
