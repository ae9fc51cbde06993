package dev.berth.install;

import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway workload in a rendered stream: the one StatefulSet or Deployment whose pod has a
 * container named {@code openshell-gateway}, and what the install reads from it.
 *
 * @param workload the StatefulSet or Deployment
 * @param pod its {@code spec.template.spec}
 * @param gateway the gateway container
 */
record GatewayWorkload(ObjectNode workload, ObjectNode pod, ObjectNode gateway) {

  static final String GATEWAY_CONTAINER = "openshell-gateway";

  /**
   * A file the gateway reads, in a ConfigMap of the stream.
   *
   * @param configMap the ConfigMap
   * @param key the data key holding the file
   */
  record ConfigFile(ObjectNode configMap, String key) {
    String describe() {
      return "ConfigMap " + Documents.name(configMap) + " key " + key;
    }
  }

  static Result<GatewayWorkload> find(List<ObjectNode> objects) {
    List<GatewayWorkload> found = new ArrayList<>();
    for (ObjectNode o : objects) {
      String kind = Documents.kind(o);
      if (!kind.equals("StatefulSet") && !kind.equals("Deployment")) {
        continue;
      }
      JsonNode pod = o.path("spec").path("template").path("spec");
      for (JsonNode c : Documents.list(pod, "containers")) {
        if (c.path("name").asString("").equals(GATEWAY_CONTAINER) && pod instanceof ObjectNode p) {
          found.add(new GatewayWorkload(o, p, (ObjectNode) c));
        }
      }
    }
    if (found.size() == 1) {
      return Result.valid(found.get(0));
    }
    String sentence =
        found.isEmpty()
            ? "found no StatefulSet or Deployment with a container named '"
                + GATEWAY_CONTAINER
                + "' among the "
                + objects.size()
                + " objects of the stream ("
                + kinds(objects)
                + "); post-render the OpenShell chart's release"
            : "found "
                + found.size()
                + " workloads with a container named '"
                + GATEWAY_CONTAINER
                + "' ("
                + String.join(
                    ", ", found.stream().map(w -> Documents.describe(w.workload())).toList())
                + "); render one gateway per release";
    return Result.invalid(List.of(new Violation("stream", sentence)));
  }

  private static String kinds(List<ObjectNode> objects) {
    List<String> kinds =
        objects.stream()
            .map(Documents::kind)
            .filter(k -> !k.isEmpty())
            .distinct()
            .sorted()
            .toList();
    return kinds.isEmpty() ? "no kinds" : "kinds " + String.join(", ", kinds);
  }

  String describe() {
    return Documents.describe(workload);
  }

  /** The ServiceAccount the pod runs as; Kubernetes' default when the pod names none. */
  String serviceAccount() {
    String name = pod.path("serviceAccountName").asString("");
    return name.isEmpty() ? "default" : name;
  }

  /** The gateway's UID, from its container or else the pod; empty when neither sets one. */
  Optional<Long> uid() {
    return id("runAsUser");
  }

  /** The gateway's GID, from its container or else the pod. */
  Optional<Long> gid() {
    return id("runAsGroup");
  }

  private Optional<Long> id(String field) {
    JsonNode own = gateway.path("securityContext").path(field);
    JsonNode pods = pod.path("securityContext").path(field);
    JsonNode v = own.isIntegralNumber() ? own : pods;
    return v.isIntegralNumber() ? Optional.of(v.longValue()) : Optional.empty();
  }

  /** The literal value of an environment variable of the gateway container. */
  Optional<String> env(String name) {
    for (JsonNode e : Documents.list(gateway, "env")) {
      if (e.path("name").asString("").equals(name) && e.has("value")) {
        return Optional.of(e.path("value").asString(""));
      }
    }
    return Optional.empty();
  }

  /**
   * The value after {@code flag} in the gateway's arguments ({@code --flag v} or {@code --flag=v}).
   */
  Optional<String> argument(String flag) {
    List<String> args = new ArrayList<>();
    Documents.list(gateway, "command").forEach(a -> args.add(a.asString("")));
    Documents.list(gateway, "args").forEach(a -> args.add(a.asString("")));
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals(flag) && i + 1 < args.size()) {
        return Optional.of(args.get(i + 1));
      }
      if (args.get(i).startsWith(flag + "=")) {
        return Optional.of(args.get(i).substring(flag.length() + 1));
      }
    }
    return Optional.empty();
  }

  /**
   * The ConfigMap entry the gateway reads as {@code --config}: the mount that holds the path, its
   * ConfigMap volume, and the key (through {@code subPath} or {@code items} when they are used).
   */
  Result<ConfigFile> configFile(List<ObjectNode> objects) {
    Optional<String> path = argument("--config");
    if (path.isEmpty()) {
      return problem(
          "the "
              + GATEWAY_CONTAINER
              + " container of "
              + describe()
              + " is not started with --config, so the gateway's config schema is unknown");
    }
    String configPath = path.get();
    Optional<JsonNode> holder =
        Documents.list(gateway, "volumeMounts").stream()
            .filter(m -> holds(m, configPath))
            .max(Comparator.comparingInt(m -> m.path("mountPath").asString("").length()));
    if (holder.isEmpty()) {
      return problem(
          "no volume of " + describe() + " is mounted where --config " + configPath + " lies");
    }
    JsonNode best = holder.get();
    String volumeName = best.path("name").asString("");
    String key =
        best.has("subPath")
            ? best.path("subPath").asString("")
            : path.get().substring(strip(best.path("mountPath").asString("")).length() + 1);
    for (JsonNode v : Documents.list(pod, "volumes")) {
      if (!v.path("name").asString("").equals(volumeName)) {
        continue;
      }
      JsonNode cm = v.path("configMap");
      if (cm.isMissingNode()) {
        return problem(
            "--config "
                + path.get()
                + " is on volume '"
                + volumeName
                + "', which is not a ConfigMap");
      }
      for (JsonNode item : Documents.list(cm, "items")) {
        if (item.path("path").asString("").equals(key)) {
          key = item.path("key").asString("");
        }
      }
      String name = cm.path("name").asString("");
      for (ObjectNode o : objects) {
        if (Documents.kind(o).equals("ConfigMap") && Documents.name(o).equals(name)) {
          if (!o.path("data").path(key).isString()) {
            return problem(
                "ConfigMap " + name + " has no key '" + key + "' for --config " + path.get());
          }
          return Result.valid(new ConfigFile(o, key));
        }
      }
      return problem(
          "the gateway reads --config "
              + path.get()
              + " from ConfigMap "
              + name
              + ", which is not in the stream");
    }
    return problem("volume '" + volumeName + "' mounted by the gateway is not in " + describe());
  }

  /** Whether {@code mount} makes {@code file} visible: at it (subPath) or below it. */
  private static boolean holds(JsonNode mount, String file) {
    String at = mount.path("mountPath").asString("");
    return mount.has("subPath") ? at.equals(file) : file.startsWith(strip(at) + "/");
  }

  private static String strip(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static <T> Result<T> problem(String sentence) {
    return Result.invalid(List.of(new Violation("stream", sentence)));
  }
}
