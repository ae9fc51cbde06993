package dev.berth.benchmarks.fuzz;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks a stored Sandbox as the API server would check its pod template: structure (required
 * fields, references, uniqueness) and the value rules of {@link PodRules}. Every problem is a line
 * naming the path.
 */
final class SandboxChecker {

  /** etcd's default request limit. */
  static final int ETCD_LIMIT = 1536 * 1024;

  private final List<String> problems = new ArrayList<>();

  private SandboxChecker() {}

  static List<String> check(JsonNode sandbox, int jsonBytes) {
    SandboxChecker c = new SandboxChecker();
    if (jsonBytes > ETCD_LIMIT) {
      c.problem("", "object of " + jsonBytes + " bytes exceeds etcd's limit");
    }
    c.metadata("metadata", sandbox.path("metadata"), true);
    JsonNode template = sandbox.path("spec").path("podTemplate");
    if (!template.isObject()) {
      c.problem("spec.podTemplate", "missing");
      return c.problems;
    }
    c.metadata("spec.podTemplate.metadata", template.path("metadata"), false);
    // agent-sandbox turns each claim template into a pod volume of the same name.
    Set<String> claims = new HashSet<>();
    for (JsonNode claim : sandbox.path("spec").path("volumeClaimTemplates")) {
      claims.add(claim.path("metadata").path("name").asString(""));
    }
    c.pod("spec.podTemplate.spec", template.path("spec"), claims);
    return c.problems;
  }

  private void problem(String path, String what) {
    problems.add(path + ": " + what);
  }

  private void metadata(String path, JsonNode meta, boolean named) {
    if (named) {
      String name = meta.path("name").asString("");
      if (!PodRules.dnsSubdomain(name)) {
        problem(path + ".name", "not a DNS subdomain: " + name);
      }
      if (!PodRules.dnsLabel(meta.path("namespace").asString(""))) {
        problem(path + ".namespace", "not a DNS label");
      }
    }
    for (Map.Entry<String, JsonNode> e : meta.path("labels").properties()) {
      if (!PodRules.qualifiedName(e.getKey())) {
        problem(path + ".labels", "key not a qualified name: " + e.getKey());
      }
      if (!PodRules.labelValue(e.getValue().asString(""))) {
        problem(path + ".labels", "value not a label value for " + e.getKey());
      }
    }
    long annotationBytes = 0;
    for (Map.Entry<String, JsonNode> e : meta.path("annotations").properties()) {
      if (!PodRules.annotationKey(e.getKey())) {
        problem(path + ".annotations", "key not a qualified name: " + e.getKey());
      }
      annotationBytes += PodRules.utf8(e.getKey()) + PodRules.utf8(e.getValue().asString(""));
    }
    if (annotationBytes > 256 * 1024) {
      problem(path + ".annotations", "over 256 KiB");
    }
  }

  private void pod(String path, JsonNode spec, Set<String> claims) {
    Set<String> volumes = new HashSet<>(claims);
    JsonNode vs = spec.path("volumes");
    for (int i = 0; i < vs.size(); i++) {
      volume(path + ".volumes[" + i + "]", vs.get(i), volumes);
    }
    JsonNode containers = spec.path("containers");
    if (containers.isEmpty()) {
      problem(path + ".containers", "no containers");
    }
    Set<String> names = new HashSet<>();
    container(path + ".containers", containers, volumes, names);
    container(path + ".initContainers", spec.path("initContainers"), volumes, names);
    for (Map.Entry<String, JsonNode> e : spec.path("nodeSelector").properties()) {
      if (!PodRules.qualifiedName(e.getKey()) || !PodRules.labelValue(e.getValue().asString(""))) {
        problem(path + ".nodeSelector", "bad entry " + e.getKey());
      }
    }
    JsonNode tolerations = spec.path("tolerations");
    for (int i = 0; i < tolerations.size(); i++) {
      toleration(path + ".tolerations[" + i + "]", tolerations.get(i));
    }
    for (String field : List.of("runtimeClassName", "priorityClassName")) {
      if (spec.has(field) && !PodRules.dnsSubdomain(spec.path(field).asString(""))) {
        problem(path + "." + field, "not a DNS subdomain");
      }
    }
    JsonNode sysctls = spec.path("securityContext").path("sysctls");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < sysctls.size(); i++) {
      String name = sysctls.get(i).path("name").asString("");
      if (!PodRules.sysctlName(name)) {
        problem(path + ".securityContext.sysctls[" + i + "]", "bad name");
      }
      if (!seen.add(name)) {
        problem(path + ".securityContext.sysctls[" + i + "]", "duplicate " + name);
      }
    }
  }

  private void volume(String path, JsonNode v, Set<String> volumes) {
    String name = v.path("name").asString("");
    if (!PodRules.dnsLabel(name)) {
      problem(path + ".name", "not a DNS label: " + name);
    }
    if (!volumes.add(name)) {
      problem(path + ".name", "duplicate volume " + name);
    }
    for (String source : List.of("configMap", "secret")) {
      JsonNode s = v.path(source);
      if (s.isMissingNode()) {
        continue;
      }
      mode(path + "." + source + ".defaultMode", s.path("defaultMode"));
      JsonNode items = s.path("items");
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        String itemPath = path + "." + source + ".items[" + i + "]";
        if (!PodRules.configKey(item.path("key").asString(""))) {
          problem(itemPath + ".key", "bad key");
        }
        String target = item.path("path").asString("");
        if (target.isEmpty() || !PodRules.localNonReservedPath(target)) {
          problem(itemPath + ".path", "bad path " + target);
        }
        mode(itemPath + ".mode", item.path("mode"));
      }
    }
  }

  private void mode(String path, JsonNode mode) {
    if (!mode.isMissingNode() && !mode.isNull() && (mode.asInt() < 0 || mode.asInt() > 0777)) {
      problem(path, "mode out of range");
    }
  }

  private void container(String path, JsonNode list, Set<String> volumes, Set<String> names) {
    for (int i = 0; i < list.size(); i++) {
      JsonNode c = list.get(i);
      String at = path + "[" + i + "]";
      String name = c.path("name").asString("");
      if (!PodRules.dnsLabel(name) || !names.add(name)) {
        problem(at + ".name", "bad or duplicate container name " + name);
      }
      if (c.path("image").asString("").isBlank()) {
        problem(at + ".image", "missing");
      }
      Set<String> envNames = new HashSet<>();
      JsonNode env = c.path("env");
      for (int j = 0; j < env.size(); j++) {
        String envName = env.get(j).path("name").asString("");
        if (!PodRules.envName(envName)) {
          problem(at + ".env[" + j + "]", "bad variable name");
        }
        envNames.add(envName);
      }
      Set<String> mountPaths = new HashSet<>();
      JsonNode mounts = c.path("volumeMounts");
      for (int j = 0; j < mounts.size(); j++) {
        JsonNode m = mounts.get(j);
        String mountAt = at + ".volumeMounts[" + j + "]";
        if (!volumes.contains(m.path("name").asString(""))) {
          problem(mountAt, "mounts an undeclared volume");
        }
        String mountPath = m.path("mountPath").asString("");
        if (mountPath.isEmpty() || !mountPaths.add(mountPath)) {
          problem(mountAt, "empty or repeated mountPath " + mountPath);
        }
        String subPath = m.path("subPath").asString("");
        if (!subPath.isEmpty() && !PodRules.localDescendingPath(subPath)) {
          problem(mountAt, "bad subPath");
        }
      }
      resources(at + ".resources", c.path("resources"));
    }
  }

  private void resources(String path, JsonNode resources) {
    Map<String, BigDecimal> limits = amounts(path + ".limits", resources.path("limits"));
    Map<String, BigDecimal> requests = amounts(path + ".requests", resources.path("requests"));
    requests.forEach(
        (name, request) -> {
          BigDecimal limit = limits.get(name);
          if (limit == null) {
            if (!PodRules.overcommitAllowed(name)) {
              problem(path, name + " request without a limit");
            }
          } else if (request.compareTo(limit) > 0) {
            problem(path, name + " request above limit");
          } else if (!PodRules.overcommitAllowed(name) && request.compareTo(limit) != 0) {
            problem(path, name + " request differs from limit");
          }
        });
    Set<String> named = new HashSet<>(limits.keySet());
    named.addAll(requests.keySet());
    if (named.stream().anyMatch(n -> n.startsWith("hugepages-"))
        && !named.contains("cpu")
        && !named.contains("memory")) {
      problem(path, "huge pages without cpu or memory");
    }
  }

  private Map<String, BigDecimal> amounts(String path, JsonNode map) {
    Map<String, BigDecimal> out = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      String name = e.getKey();
      if (!PodRules.containerResourceName(name)) {
        problem(path, "bad resource name " + name);
      }
      Optional<BigDecimal> value = PodRules.quantity(e.getValue().asString(""));
      if (value.isEmpty() || value.get().signum() < 0) {
        problem(path, "bad quantity for " + name);
        continue;
      }
      if (PodRules.extendedResource(name) && value.get().stripTrailingZeros().scale() > 0) {
        problem(path, name + " is not whole");
      }
      out.put(name, value.get());
    }
    return out;
  }

  private void toleration(String path, JsonNode t) {
    String operator = t.path("operator").asString("Equal");
    if (!operator.isEmpty() && !PodRules.TOLERATION_OPERATORS.contains(operator)) {
      problem(path, "bad operator");
    }
    String key = t.path("key").asString("");
    if (key.isEmpty() && !operator.equals("Exists")) {
      problem(path, "empty key needs Exists");
    }
    if (!key.isEmpty() && !PodRules.qualifiedName(key)) {
      problem(path, "bad key");
    }
    String value = t.path("value").asString("");
    if (operator.equals("Exists") && !value.isEmpty()) {
      problem(path, "value with Exists");
    }
    if (!PodRules.labelValue(value)) {
      problem(path, "bad value");
    }
    String effect = t.path("effect").asString("");
    if (!effect.isEmpty() && !PodRules.TAINT_EFFECTS.contains(effect)) {
      problem(path, "bad effect");
    }
    if (t.has("tolerationSeconds") && !effect.equals("NoExecute")) {
      problem(path, "tolerationSeconds without NoExecute");
    }
  }
}
