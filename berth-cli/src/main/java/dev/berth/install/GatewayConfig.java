package dev.berth.install;

import dev.berth.install.InstallResolution.Sourced;
import dev.berth.naming.Generation;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import dev.berth.settings.Setting;
import dev.berth.settings.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * The gateway's {@code gateway.toml}, parsed as TOML: which schema it uses, which of its values
 * Berth's settings take over, and (schema v2) the same file with Berth registered as the external
 * driver.
 *
 * <p>Schema 1 ({@code [openshell]}, version 1 or none; the chart at upstream 2f7fb65) is wired by
 * environment variables on the gateway container and left as it is. Schema 2 ({@code [openshell]}
 * or {@code [ryno]} with version 2) names the driver in {@code compute_driver} and gives it a table
 * with its socket and admission keys.
 *
 * @param root {@code openshell} or {@code ryno}
 * @param version 1 or 2
 * @param tree the whole file
 * @param where the ConfigMap and key, for messages
 */
record GatewayConfig(String root, int version, ObjectNode tree, String where) {

  private static final TomlMapper TOML = TomlMapper.builder().build();

  /** Gateway keys that the gateway copies into its Kubernetes driver's table when it lacks them. */
  private static final Map<String, String> INHERITED =
      orderedMap(
          "namespace", "sandbox_namespace",
          "default_image", "default_image",
          "supervisor_image", "supervisor_image",
          "client_tls_secret_name", "client_tls_secret_name",
          "service_account_name", "service_account_name",
          "host_gateway_ip", "host_gateway_ip",
          "enable_user_namespaces", "enable_user_namespaces",
          "sa_token_ttl_secs", "sa_token_ttl_secs");

  /**
   * The contract generation a gateway with this configuration speaks: schema 1 is the chart at
   * 2f7fb65 (G1); schema 2 is v0.1.x (G2), or Ryno (G3) under a {@code [ryno]} root.
   */
  Generation generation() {
    if (version == 1) {
      return Generation.G1;
    }
    return root.equals(Generation.G3.namespace()) ? Generation.G3 : Generation.G2;
  }

  static Result<GatewayConfig> read(String text, String where) {
    JsonNode tree;
    try {
      tree = TOML.readTree(text);
    } catch (JacksonException e) {
      return invalid(where, "is not valid TOML: " + e.getOriginalMessage());
    }
    List<String> roots =
        List.of("openshell", "ryno").stream().filter(r -> tree.get(r) != null).toList();
    if (roots.size() != 1 || !tree.get(roots.get(0)).isObject()) {
      return invalid(
          where,
          "has " + (roots.isEmpty() ? "neither" : "both") + " [openshell] and [ryno] tables");
    }
    String root = roots.get(0);
    JsonNode version = tree.get(root).get("version");
    int v = version == null ? 1 : version.isIntegralNumber() ? version.intValue() : -1;
    boolean known = v == 2 || (v == 1 && root.equals("openshell"));
    if (!known) {
      return invalid(
          where,
          "declares ["
              + root
              + "] version = "
              + (version == null ? "(none)" : version.toString())
              + "; the post-renderer wires schema 1 ([openshell], the chart at upstream 2f7fb65)"
              + " and schema 2, so upgrade Berth or check the chart");
    }
    return Result.valid(new GatewayConfig(root, v, (ObjectNode) tree, where));
  }

  private static Result<GatewayConfig> invalid(String where, String sentence) {
    return Result.invalid(List.of(new Violation(where, where + " " + sentence)));
  }

  /**
   * Berth settings the file holds: the gateway's Kubernetes driver table (its keys are Berth's
   * setting keys), the gateway keys it inherits, and under schema 2 the keys of Berth's own driver
   * table, which win.
   */
  Map<String, Sourced> settings(String driverName) {
    Map<String, Sourced> out = new LinkedHashMap<>();
    Set<String> keys = acceptedKeys();
    JsonNode drivers = tree.get(root).path("drivers");
    collect(drivers.path("kubernetes"), "", keys, table("drivers.kubernetes"), out);
    JsonNode gateway = tree.get(root).path("gateway");
    INHERITED.forEach(
        (key, gatewayKey) -> {
          JsonNode value = gateway.get(gatewayKey);
          if (!out.containsKey(key) && value != null) {
            text(value)
                .ifPresent(t -> out.put(key, new Sourced(t, table("gateway") + " " + gatewayKey)));
          }
        });
    if (version == 2) {
      collect(drivers.path(driverName), "", keys, table("drivers." + driverName), out);
    }
    return out;
  }

  private void collect(
      JsonNode table, String prefix, Set<String> keys, String where, Map<String, Sourced> out) {
    for (var e : table.properties()) {
      String key = prefix + e.getKey();
      if (keys.contains(key)) {
        text(e.getValue()).ifPresent(t -> out.put(key, new Sourced(t, where + " " + key)));
      } else if (e.getValue().isObject()) {
        collect(e.getValue(), key + ".", keys, where, out);
      }
    }
  }

  private static Optional<String> text(JsonNode value) {
    return ValueTexts.of(value).asOptional();
  }

  private String table(String path) {
    return "gateway.toml [" + root + "." + path + "]";
  }

  /**
   * Schema 2 only: the file with {@code compute_driver} set to {@code driverName} and the driver's
   * table holding {@code socket_path} and {@code entries} (dotted keys become nested tables).
   */
  String withExternalDriver(String driverName, String socketPath, Map<String, JsonNode> entries) {
    ObjectNode copy = tree.deepCopy();
    ObjectNode rootTable = (ObjectNode) copy.get(root);
    rootTable.withObjectProperty("gateway").put("compute_driver", driverName);
    ObjectNode table = rootTable.withObjectProperty("drivers").withObjectProperty(driverName);
    table.put("socket_path", socketPath);
    entries.forEach(
        (key, value) -> {
          ObjectNode parent = table;
          String[] parts = key.split("\\.");
          for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.withObjectProperty(parts[i]);
          }
          parent.set(parts[parts.length - 1], value);
        });
    return TOML.writeValueAsString(copy);
  }

  /** Whether a text would be read back as the same TOML; checked on every file this writes. */
  static boolean sameToml(String a, String b) {
    try {
      return TOML.readTree(a).equals(TOML.readTree(b));
    } catch (JacksonException e) {
      return false;
    }
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  /** Keys of the settings Berth takes from a driver table: all but those it only refuses. */
  private static Set<String> acceptedKeys() {
    return Settings.ALL.stream()
        .filter(s -> !Settings.REFUSED.contains(s))
        .map(Setting::key)
        .collect(Collectors.toSet());
  }

  /** Unused keys of the Kubernetes table, for a notice (upstream-only settings Berth ignores). */
  List<String> ignoredKubernetesKeys() {
    Set<String> keys = acceptedKeys();
    List<String> ignored = new ArrayList<>();
    ignored(tree.get(root).path("drivers").path("kubernetes"), "", keys, ignored);
    return ignored;
  }

  private static void ignored(JsonNode table, String prefix, Set<String> keys, List<String> out) {
    for (var e : table.properties()) {
      String key = prefix + e.getKey();
      if (keys.contains(key)) {
        continue;
      }
      if (e.getValue().isObject() && keys.stream().anyMatch(k -> k.startsWith(key + "."))) {
        ignored(e.getValue(), key + ".", keys, out);
      } else {
        out.add(key);
      }
    }
  }
}
