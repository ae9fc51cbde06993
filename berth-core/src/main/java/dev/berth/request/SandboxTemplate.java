package dev.berth.request;

import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Mirrors {@code DriverSandboxTemplate}.
 *
 * @param image agent image; empty means the driver's default image
 * @param agentSocketPath path of the agent socket inside the pod; empty when unused
 * @param labels labels for the sandbox pod
 * @param environment environment for the agent; the spec's environment wins over it
 * @param resources typed CPU and memory requests and limits, as quantity strings
 * @param platformConfig platform-level settings the gateway derived (free JSON object)
 * @param driverConfig the {@code kubernetes} block of the user's driver configuration (free JSON
 *     object, checked strictly by the validator)
 * @param userNamespaces the gateway's explicit user-namespace choice, when it made one
 */
public record SandboxTemplate(
    String image,
    String agentSocketPath,
    Map<String, String> labels,
    Map<String, String> environment,
    ResourceRequests resources,
    JsonNode platformConfig,
    JsonNode driverConfig,
    Optional<Boolean> userNamespaces) {

  public SandboxTemplate {
    labels = Ordered.copy(labels);
    environment = Ordered.copy(environment);
    // Deep copies: JsonNode is mutable, and a request is a value.
    platformConfig = platformConfig.deepCopy();
    driverConfig = driverConfig.deepCopy();
  }

  /** An empty JSON object, for templates without platform or driver configuration. */
  public static JsonNode emptyObject() {
    return JsonNodeFactory.instance.objectNode();
  }
}
