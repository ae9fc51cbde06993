package dev.berth.config;

import dev.berth.result.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code platform_config}. Keys are the gateway's (snake_case); tolerations are Kubernetes
 * objects (camelCase) because the gateway forwards them as the user wrote them for Kubernetes.
 */
public final class PlatformConfigParser {

  public static final String PATH = "spec.template.platform_config";

  private PlatformConfigParser() {}

  public static PlatformConfig parse(JsonNode node, List<Violation> sink) {
    if (node.isNull() || node.isMissingNode() || (node.isObject() && node.isEmpty())) {
      return PlatformConfig.EMPTY;
    }
    return JsonCursor.object(node, PATH, sink)
        .map(
            c -> {
              Map<String, String> annotations = c.stringMap("annotations");
              Optional<String> runtimeClass =
                  c.string("runtime_class_name").filter(s -> !s.isEmpty());
              Map<String, String> nodeSelector = c.stringMap("node_selector");
              List<DriverConfig.Toleration> tolerations = new ArrayList<>();
              for (JsonCursor.Element e : c.array("tolerations")) {
                JsonCursor.object(e.node(), e.path(), sink)
                    .ifPresent(
                        t -> {
                          tolerations.add(
                              new DriverConfig.Toleration(
                                  t.path(),
                                  t.string("key"),
                                  t.string("operator"),
                                  t.string("value"),
                                  t.string("effect"),
                                  t.integer("tolerationSeconds")));
                          t.finish();
                        });
              }
              Optional<Boolean> hostUsers = c.bool("host_users");
              Map<String, String> rawRequests = Map.of();
              Map<String, String> rawLimits = Map.of();
              Optional<JsonCursor> raw = c.object("resources_raw");
              if (raw.isPresent()) {
                rawRequests = raw.get().stringMap("requests");
                rawLimits = raw.get().stringMap("limits");
              }
              // No finish(): the gateway may add keys before the driver knows them.
              return new PlatformConfig(
                  annotations,
                  runtimeClass,
                  nodeSelector,
                  tolerations,
                  hostUsers,
                  rawRequests,
                  rawLimits);
            })
        .orElse(PlatformConfig.EMPTY);
  }
}
