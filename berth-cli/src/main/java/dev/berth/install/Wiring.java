package dev.berth.install;

import dev.berth.install.GatewayWorkload.ConfigFile;
import dev.berth.install.InstallResolution.Resolved;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Changes the gateway workload (and, for schema 2, its config) so that the gateway uses Berth: the
 * Berth container and the shared volumes join the pod, the gateway mounts the socket directory, and
 * the gateway is told where the driver listens the way its config schema expects.
 */
final class Wiring {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Wiring() {}

  static void apply(
      GatewayWorkload w, Resolved r, GatewayConfig config, ConfigFile file, List<String> notices) {
    w.pod()
        .withArrayProperty("containers")
        .add(
            JSON.valueToTree(
                BerthContainer.build(
                    r.options(),
                    r.environment(),
                    w.uid(),
                    w.gid(),
                    BerthContainer.port(r.settings()))));
    ArrayNode volumes = w.pod().withArrayProperty("volumes");
    BerthContainer.volumes().forEach(v -> volumes.add(JSON.valueToTree(v)));
    w.gateway()
        .withArrayProperty("volumeMounts")
        .add(JSON.valueToTree(BerthContainer.socketMount()));
    if (config.version() == 1) {
      env(w, PodChecks.DRIVERS_ENV, PodChecks.KUBERNETES);
      env(w, PodChecks.SOCKET_ENV, BerthContainer.SOCKET);
      notices.add(
          "gateway config schema 1: the gateway uses Berth as its kubernetes driver ("
              + PodChecks.DRIVERS_ENV
              + ", "
              + PodChecks.SOCKET_ENV
              + "); callers keep driver_config.kubernetes");
      return;
    }
    String name = r.options().driverName();
    String toml =
        config.withExternalDriver(
            name, BerthContainer.SOCKET, GatewayTable.entries(GatewayTable.MIRRORED, r.texts()));
    ((ObjectNode) file.configMap().path("data")).put(file.key(), toml);
    notices.add(
        "gateway config schema 2: "
            + file.describe()
            + " selects compute_driver = \""
            + name
            + "\" with ["
            + config.root()
            + ".drivers."
            + name
            + "]; callers use driver_config."
            + name);
  }

  private static void env(GatewayWorkload w, String name, String value) {
    if (w.env(name).isEmpty()) {
      ObjectNode e = w.gateway().withArrayProperty("env").addObject();
      e.put("name", name);
      e.put("value", value);
    }
  }
}
