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
  public static final String ANNOTATIONS = "annotations";
  public static final String RUNTIME_CLASS_NAME = "runtime_class_name";
  public static final String NODE_SELECTOR = "node_selector";
  public static final String TOLERATIONS = "tolerations";
  public static final String HOST_USERS = "host_users";
  public static final String RESOURCES_RAW = "resources_raw";
  public static final String REQUESTS = "requests";
  public static final String LIMITS = "limits";

  private PlatformConfigParser() {}

  public static PlatformConfig parse(JsonNode node, List<Violation> sink) {
    if (node.isNull() || node.isMissingNode() || (node.isObject() && node.isEmpty())) {
      return PlatformConfig.EMPTY;
    }
    return JsonCursor.object(node, PATH, sink)
        .map(
            c -> {
              Map<String, String> annotations = c.stringMap(ANNOTATIONS);
              Optional<String> runtimeClass =
                  c.string(RUNTIME_CLASS_NAME).filter(s -> !s.isEmpty());
              Map<String, String> nodeSelector = c.stringMap(NODE_SELECTOR);
              List<DriverConfig.Toleration> tolerations = new ArrayList<>();
              for (JsonCursor.Element e : c.array(TOLERATIONS)) {
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
              Optional<Boolean> hostUsers = c.bool(HOST_USERS);
              Map<String, String> rawRequests = Map.of();
              Map<String, String> rawLimits = Map.of();
              Optional<JsonCursor> raw = c.object(RESOURCES_RAW);
              if (raw.isPresent()) {
                rawRequests = raw.get().stringMap(REQUESTS);
                rawLimits = raw.get().stringMap(LIMITS);
                raw.get().finish();
              }
              // As strict as driver_config: a key the driver does not know would otherwise be
              // dropped without a word, and the sandbox would run without what it asked for.
              c.finish();
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
