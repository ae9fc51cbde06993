package dev.berth.validate;

import dev.berth.request.GpuRequest;
import dev.berth.request.ResourceRequests;
import dev.berth.request.SandboxRequest;
import dev.berth.request.SandboxSpec;
import dev.berth.request.SandboxTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A valid baseline request that tests change one thing at a time. Paths into driver_config use
 * JSON-pointer syntax ({@code /volumes/0/name}); values are JSON text.
 */
final class Mutable {

  static final JsonMapper JSON = JsonMapper.builder().build();

  static final String BASE_DRIVER_CONFIG =
      """
      {"pod": {"node_selector": {"pool": "sandboxes"},
               "tolerations": [{"key": "sandboxes", "operator": "Equal", "value": "true", "effect": "NoSchedule"}],
               "runtime_class_name": "gvisor",
               "priority_class_name": "standard",
               "security_context": {"fs_group": 2000, "seccomp_profile": {"type": "RuntimeDefault"},
                                    "sysctls": [{"name": "net.ipv4.ping_group_range", "value": "0 1"}]}},
       "containers": {"agent": {
          "resources": {"requests": {"ephemeral-storage": "1Gi"}, "limits": {"ephemeral-storage": "2Gi"}},
          "volume_mounts": [
            {"name": "data", "mount_path": "/sandbox/models", "sub_path": "models"},
            {"name": "data", "mount_path": "/sandbox/cache", "sub_path": "cache", "read_only": true},
            {"name": "datasets", "mount_path": "/datasets"},
            {"name": "ca", "mount_path": "/etc/pki/corp"},
            {"name": "token", "mount_path": "/var/run/secrets/api"},
            {"name": "scratch", "mount_path": "/scratch"}],
          "security_context": {"allow_privilege_escalation": false,
                               "seccomp_profile": {"type": "RuntimeDefault"},
                               "capabilities": {"drop": ["NET_RAW"]}}}},
       "volumes": [
         {"name": "data", "persistent_volume_claim": {"claim_name": "team-data", "read_only": false}},
         {"name": "datasets", "image": {"reference": "ghcr.io/example/datasets:v3", "pull_policy": "IfNotPresent"}},
         {"name": "ca", "config_map": {"name": "corp-ca", "items": [{"key": "ca.crt", "path": "ca.crt", "mode": 292}]}},
         {"name": "token", "secret": {"secret_name": "api-token", "default_mode": 256}},
         {"name": "scratch", "empty_dir": {"medium": "Memory", "size_limit": "1Gi"}}],
       "workspace": {"storage_size": "10Gi"}}
      """;

  String id = "sb-1";
  String name = "demo";
  String workspace = "team-a";
  String image = "ghcr.io/example/agent:1.0";
  String agentSocket = "";
  String logLevel = "info";
  Map<String, String> env = new LinkedHashMap<>(Map.of("A", "1"));
  Map<String, String> templateEnv = new LinkedHashMap<>();
  Map<String, String> labels = new LinkedHashMap<>(Map.of("team", "a"));
  ResourceRequests resources = new ResourceRequests("500m", "2", "", "4Gi");
  Optional<GpuRequest> gpu = Optional.empty();
  List<String> command = List.of("python", "main.py");
  ObjectNode driverConfig = (ObjectNode) JSON.readTree(BASE_DRIVER_CONFIG);
  ObjectNode platformConfig = JSON.createObjectNode();

  Mutable gpus(long count) {
    gpu = Optional.of(new GpuRequest(OptionalLong.of(count)));
    return this;
  }

  /** Sets the value at a JSON pointer in driver_config, creating objects on the way. */
  Mutable set(String pointer, String json) {
    put(driverConfig, pointer, JSON.readTree(json));
    return this;
  }

  Mutable remove(String pointer) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = driverConfig.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1);
    if (parent instanceof ObjectNode o) {
      o.remove(last);
    } else if (parent instanceof ArrayNode a) {
      a.remove(Integer.parseInt(last));
    }
    return this;
  }

  Mutable platform(String pointer, String json) {
    put(platformConfig, pointer, JSON.readTree(json));
    return this;
  }

  private static void put(ObjectNode root, String pointer, JsonNode value) {
    String[] parts = pointer.substring(1).split("/");
    JsonNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = node.isArray() ? node.get(Integer.parseInt(parts[i])) : node.get(parts[i]);
      if (next == null) {
        next = ((ObjectNode) node).putObject(parts[i]);
      }
      node = next;
    }
    String last = parts[parts.length - 1];
    if (node instanceof ArrayNode a) {
      int index = Integer.parseInt(last);
      if (index == a.size()) {
        a.add(value);
      } else {
        a.set(index, value);
      }
    } else {
      ((ObjectNode) node).set(last, value);
    }
  }

  SandboxRequest request() {
    return new SandboxRequest(
        id,
        name,
        "",
        workspace,
        new SandboxSpec(
            logLevel,
            env,
            new SandboxTemplate(
                image,
                agentSocket,
                labels,
                templateEnv,
                resources,
                platformConfig,
                driverConfig,
                Optional.empty()),
            gpu,
            command,
            false,
            false));
  }
}
