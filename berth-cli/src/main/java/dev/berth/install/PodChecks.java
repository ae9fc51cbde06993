package dev.berth.install;

import dev.berth.install.InstallResolution.Resolved;
import dev.berth.result.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What must hold before Berth joins the gateway pod: a UID to share with the gateway (not root), a
 * health listener the kubelet can reach, no name or port already taken, and no gateway setting that
 * would select another driver.
 */
final class PodChecks {

  static final String DRIVERS_ENV = "OPENSHELL_DRIVERS";
  static final String SOCKET_ENV = "OPENSHELL_COMPUTE_DRIVER_SOCKET";
  static final String KUBERNETES = "kubernetes";

  private PodChecks() {}

  static List<Violation> check(GatewayWorkload w, Resolved r, GatewayConfig config) {
    List<Violation> out = new ArrayList<>();
    String where = w.describe();
    if (w.uid().isEmpty() && !r.options().openshift()) {
      out.add(
          new Violation(
              where,
              "the "
                  + GatewayWorkload.GATEWAY_CONTAINER
                  + " container sets no runAsUser, but the gateway accepts only peers of its own"
                  + " UID on the driver socket; set the chart's securityContext.runAsUser, or"
                  + " openshift: true to let OpenShift give both containers the same UID"));
    }
    if (w.uid().filter(u -> u == 0).isPresent()) {
      out.add(
          new Violation(
              where,
              "the gateway runs as root (runAsUser 0); Berth must share its UID and never runs"
                  + " as root, so run the gateway as a non-root user"));
    }
    String health = r.settings().serving().healthAddress().orElse("");
    if (health.isEmpty()) {
      out.add(new Violation("health_address", "the install's probes need health_address; set it"));
    } else if (loopback(health)) {
      out.add(
          new Violation(
              "health_address",
              "is '"
                  + health
                  + "', but the kubelet probes the pod IP, not loopback; use '0.0.0.0:<port>'"));
    } else {
      int port = BerthContainer.port(r.settings());
      for (JsonNode c : Documents.list(w.pod(), "containers")) {
        for (JsonNode p : Documents.list(c, "ports")) {
          if (p.path("containerPort").asInt(-1) == port) {
            out.add(
                new Violation(
                    "health_address",
                    "port "
                        + port
                        + " is already container "
                        + c.path("name").asString("")
                        + "'s port; set health_address to another port"));
          }
        }
      }
    }
    taken(w, out);
    selection(w, config, out);
    return out;
  }

  private static boolean loopback(String address) {
    String host = address.substring(0, address.lastIndexOf(':')).toLowerCase(Locale.ROOT);
    return host.startsWith("127.") || host.equals("[::1]") || host.equals("localhost");
  }

  private static void taken(GatewayWorkload w, List<Violation> out) {
    for (JsonNode c : Documents.list(w.pod(), "containers")) {
      if (c.path("name").asString("").equals(BerthContainer.NAME)) {
        out.add(
            new Violation(
                w.describe(),
                "already has a container named '"
                    + BerthContainer.NAME
                    + "'; was the stream post-rendered twice?"));
      }
    }
    for (JsonNode v : Documents.list(w.pod(), "volumes")) {
      String name = v.path("name").asString("");
      if (name.equals(BerthContainer.SOCKET_VOLUME) || name.equals(BerthContainer.TMP_VOLUME)) {
        out.add(new Violation(w.describe(), "already has a volume named '" + name + "'"));
      }
    }
    for (JsonNode m : Documents.list(w.gateway(), "volumeMounts")) {
      if (m.path("mountPath").asString("").equals(BerthContainer.MOUNT_DIR)) {
        out.add(
            new Violation(
                w.describe(),
                "the gateway already mounts something at " + BerthContainer.MOUNT_DIR));
      }
    }
  }

  /** Gateway variables or flags that would pick another driver than the one the install wires. */
  private static void selection(GatewayWorkload w, GatewayConfig config, List<Violation> out) {
    if (config.version() == 1) {
      conflict(w, DRIVERS_ENV, KUBERNETES, out);
      conflict(w, SOCKET_ENV, BerthContainer.SOCKET, out);
      return;
    }
    String prefix = config.root().toUpperCase(Locale.ROOT);
    String name =
        config.tree().path(config.root()).path("gateway").path("compute_driver").asString("");
    Optional<String> arg = w.argument("--compute-driver");
    for (String env : List.of(prefix + "_COMPUTE_DRIVER", prefix + "_DRIVERS")) {
      w.env(env)
          .ifPresent(
              v ->
                  out.add(
                      new Violation(
                          w.describe(),
                          "the gateway container sets "
                              + env
                              + "="
                              + v
                              + ", which overrides compute_driver in the config file; remove it"
                              + " (the install selects the driver in gateway.toml)")));
    }
    arg.ifPresent(
        a ->
            out.add(
                new Violation(
                    w.describe(),
                    "the gateway is started with --compute-driver "
                        + a
                        + ", which overrides compute_driver"
                        + (name.isEmpty() ? "" : " = " + name)
                        + " in the config file; remove the flag")));
  }

  private static void conflict(GatewayWorkload w, String env, String wanted, List<Violation> out) {
    w.env(env)
        .filter(v -> !v.equals(wanted))
        .ifPresent(
            v ->
                out.add(
                    new Violation(
                        w.describe(),
                        "the gateway container already sets "
                            + env
                            + "="
                            + v
                            + "; the install sets it to "
                            + wanted
                            + ", so remove it from the chart")));
  }
}
