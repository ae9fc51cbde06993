package dev.berth.install;

import dev.berth.install.GatewayWorkload.ConfigFile;
import dev.berth.install.InstallResolution.Resolved;
import dev.berth.install.InstallResolution.Sourced;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import dev.berth.settings.ClusterSettings;
import dev.berth.settings.ServingSettings;
import dev.berth.settings.Setting;
import dev.berth.settings.SettingGroup;
import dev.berth.settings.Settings;
import dev.berth.settings.Topology;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code berth helm-post-render} without the I/O: a rendered OpenShell chart in, the same stream
 * with Berth added out, or every problem at once. Every document it does not need to change passes
 * through as the same tree.
 */
public final class PostRenderer {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PostRenderer() {}

  /**
   * What the post-renderer reads.
   *
   * @param stream Helm's rendered manifests
   * @param values the values file's text, when one is given
   * @param valuesSource how messages name the values file
   * @param berthVersion the project version, for the default image tag
   * @param releaseNamespace the release's namespace, as Helm tells its plugins
   */
  public record Input(
      String stream,
      Optional<String> values,
      String valuesSource,
      String berthVersion,
      Optional<String> releaseNamespace) {}

  /**
   * What it writes.
   *
   * @param stream the manifests to apply
   * @param notices defaults and sources used, and anything left to the operator, for stderr
   */
  public record Rendered(String stream, List<String> notices) {}

  public static Result<Rendered> render(Input input) {
    List<Violation> violations = new ArrayList<>();
    List<JsonNode> documents = read(input.stream(), "the rendered stream", violations);
    boolean readable = violations.isEmpty();
    JsonNode values = values(input, violations);
    List<ObjectNode> objects = Documents.objects(documents);
    Optional<GatewayWorkload> workload =
        readable ? take(GatewayWorkload.find(objects), violations) : Optional.empty();
    Optional<ConfigFile> file = workload.flatMap(w -> take(w.configFile(objects), violations));
    Optional<GatewayConfig> config =
        file.flatMap(
            f ->
                take(
                    GatewayConfig.read(
                        f.configMap().path("data").path(f.key()).asString(""), f.describe()),
                    violations));
    String driverName = values.path(InstallSettings.DRIVER_NAME.key()).asString("");
    Map<String, Sourced> fromGateway = new LinkedHashMap<>();
    config.ifPresent(
        c ->
            fromGateway.putAll(
                c.settings(
                    driverName.isEmpty() ? InstallSettings.DEFAULT_DRIVER_NAME : driverName)));
    workload.ifPresent(w -> fromGateway.putAll(gatewayEnvironment(w)));
    Map<String, String> installDefaults = new LinkedHashMap<>();
    installDefaults.put(ServingSettings.HEALTH_ADDRESS.key(), InstallResolution.HEALTH_ADDRESS);
    Optional<Resolved> resolved =
        take(
            InstallResolution.resolve(values, fromGateway, installDefaults, input.berthVersion()),
            violations);
    if (!violations.isEmpty() || workload.isEmpty() || config.isEmpty() || resolved.isEmpty()) {
      return Result.invalid(violations);
    }
    GatewayWorkload w = workload.get();
    String release = Documents.name(w.workload());
    if (InstallScc.bindsPerWorkspace(resolved.get())) {
      // Only now are OpenShift, the mode and the topology known: the driver binds the SCC's
      // ClusterRole in every workspace namespace, so it must learn that role's name.
      installDefaults.put(
          ClusterSettings.SANDBOX_SCC_CLUSTER_ROLE.key(),
          InstallScc.name(release, topology(config.get(), resolved.get())));
      resolved =
          take(
              InstallResolution.resolve(values, fromGateway, installDefaults, input.berthVersion()),
              violations);
      if (resolved.isEmpty()) {
        return Result.invalid(violations);
      }
    }
    Resolved r = resolved.get();
    violations.addAll(PodChecks.check(w, r, config.get()));
    if (!violations.isEmpty()) {
      return Result.invalid(violations);
    }
    List<String> notices = new ArrayList<>(r.notices());
    Wiring.apply(w, r, config.get(), file.get(), notices);
    String namespace = releaseNamespace(input, w, objects, r, notices);
    String prefix = release + "-berth";
    List<HasMetadata> added = new ArrayList<>();
    InstallRbac.Rbac rbac =
        InstallRbac.build(
            r.settings(),
            UpstreamGrants.of(objects, w.serviceAccount(), namespace),
            prefix,
            w.serviceAccount(),
            namespace);
    added.addAll(rbac.objects());
    long byChart = rbac.grants().stream().filter(InstallRbac.Grant::byChart).count();
    notices.add(
        "RBAC for ServiceAccount "
            + namespace
            + "/"
            + w.serviceAccount()
            + ": "
            + rbac.grants().size()
            + " permissions needed, "
            + byChart
            + " granted by the chart, "
            + (rbac.grants().size() - byChart)
            + " added (docs/install.md lists them)");
    if (r.options().openshift()) {
      InstallScc.Objects scc = InstallScc.build(r.settings(), release, topology(config.get(), r));
      added.addAll(scc.objects());
      notices.addAll(scc.notices());
    }
    List<JsonNode> out = new ArrayList<>(documents);
    added.forEach(o -> out.add(JSON.valueToTree(o)));
    return Result.valid(new Rendered(YamlStream.write(out), notices));
  }

  /** The topology the gateway's sandboxes run: its generation's, not only the configured one. */
  private static Topology topology(GatewayConfig config, Resolved resolved) {
    return Topology.forGeneration(config.generation(), resolved.settings().supervisor().topology());
  }

  private static List<JsonNode> read(String text, String source, List<Violation> violations) {
    try {
      return YamlStream.read(text, source);
    } catch (YamlStream.Unreadable e) {
      violations.add(new Violation("", e.getMessage()));
      return List.of();
    }
  }

  private static JsonNode values(Input input, List<Violation> violations) {
    if (input.values().isEmpty()) {
      return JSON.missingNode();
    }
    List<JsonNode> docs = read(input.values().get(), input.valuesSource(), violations);
    if (docs.size() > 1) {
      violations.add(
          new Violation(
              "", input.valuesSource() + " holds " + docs.size() + " YAML documents; use one map"));
    }
    return docs.isEmpty() ? JSON.missingNode() : docs.get(0);
  }

  /**
   * Literal {@code OPENSHELL_*} variables of the gateway container that name a sandbox setting:
   * they override the gateway's file for the gateway, so they do for Berth too. Serving settings
   * describe the gateway process itself and are not taken.
   */
  private static Map<String, Sourced> gatewayEnvironment(GatewayWorkload w) {
    Map<String, Sourced> out = new LinkedHashMap<>();
    for (Setting<?> s : Settings.ALL) {
      if (s.group() != SettingGroup.SERVING) {
        w.env(s.env())
            .ifPresent(
                v ->
                    out.put(
                        s.key(),
                        new Sourced(v, "the gateway container's environment variable " + s.env())));
      }
    }
    return out;
  }

  /**
   * The release's namespace, where the gateway's ServiceAccount lives: from Helm when it says
   * (HELM_NAMESPACE; Helm 4 does not pass it to post-renderers), else from the workload, else from
   * the chart's own bindings of that account, else from the gateway's SSH ingress setting.
   */
  private static String releaseNamespace(
      Input input, GatewayWorkload w, List<ObjectNode> objects, Resolved r, List<String> notices) {
    Optional<String> fromHelm = input.releaseNamespace().filter(n -> !n.isEmpty());
    if (fromHelm.isPresent()) {
      return fromHelm.get();
    }
    if (!Documents.namespace(w.workload()).isEmpty()) {
      return Documents.namespace(w.workload());
    }
    for (ObjectNode o : objects) {
      if (Documents.kind(o).endsWith("RoleBinding")) {
        for (JsonNode s : Documents.list(o, "subjects")) {
          if (s.path("kind").asString("").equals("ServiceAccount")
              && s.path("name").asString("").equals(w.serviceAccount())
              && !s.path("namespace").asString("").isEmpty()) {
            return s.path("namespace").asString("");
          }
        }
      }
    }
    Optional<String> ssh = r.settings().cluster().managedSshIngress().gatewayNamespace();
    if (ssh.isPresent()) {
      return ssh.get();
    }
    notices.add(
        "release namespace: default (nothing in the stream says; set HELM_NAMESPACE to the"
            + " release's namespace)");
    return "default";
  }

  private static <T> Optional<T> take(Result<T> result, List<Violation> violations) {
    violations.addAll(result.violations());
    return result.isValid() ? Optional.of(result.orElseThrow()) : Optional.empty();
  }
}
