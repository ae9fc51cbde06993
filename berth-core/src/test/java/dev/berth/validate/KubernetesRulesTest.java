package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.ClusterFacts;
import dev.berth.request.ResourceRequests;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules the API server enforces (pkg/apis/core/validation) that Berth must enforce first, and the
 * platform_config rules that hold it to driver_config's standard; docs/validation.md lists each
 * with its Kubernetes function. One mutation of the valid baseline per rule.
 */
class KubernetesRulesTest {

  private static final String D = RuleCase.D;
  private static final String P = "spec.template.platform_config";
  private static final String RES = D + "containers.agent.resources";

  record Case(String name, Consumer<Mutable> mutation, String field, String phrase) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case(
            "extended resource request without a limit",
            m ->
                m.set(
                    "/containers/agent/resources/requests",
                    "{\"ephemeral-storage\": \"1Gi\", \"nvidia.com/gpu\": \"1\"}"),
            RES,
            "has no limit"),
        new Case(
            "extended resource request below its limit",
            m ->
                m.set(
                        "/containers/agent/resources/requests",
                        "{\"ephemeral-storage\": \"1Gi\", \"example.com/fpga\": \"1\"}")
                    .set(
                        "/containers/agent/resources/limits",
                        "{\"ephemeral-storage\": \"2Gi\", \"example.com/fpga\": \"2\"}"),
            RES,
            "differs from its limit"),
        new Case(
            "fractional extended resource",
            m ->
                m.set(
                    "/containers/agent/resources/limits",
                    "{\"ephemeral-storage\": \"2Gi\", \"example.com/fpga\": \"1500m\"}"),
            RES,
            "is not a whole number"),
        new Case(
            "standard resource name not lowercase",
            m -> m.set("/containers/agent/resources/limits/Cpu", "\"1\""),
            RES + ".limits['Cpu']",
            "must be a standard container resource"),
        new Case(
            "unknown resource name without a domain",
            m -> m.set("/containers/agent/resources/requests/gpu", "\"1\""),
            RES + ".requests['gpu']",
            "must be a standard container resource"),
        new Case(
            "hugepages request differing from its limit",
            m ->
                m.set("/containers/agent/resources/requests/hugepages-2Mi", "\"2Mi\"")
                    .set("/containers/agent/resources/limits/hugepages-2Mi", "\"4Mi\""),
            RES,
            "differs from its limit"),
        new Case(
            "hugepages without a cpu or memory amount",
            m -> {
              m.resources = new ResourceRequests("", "", "", "");
              m.set("/containers/agent/resources/limits/hugepages-2Mi", "\"2Mi\"");
            },
            RES,
            "without a cpu or memory amount"),
        new Case(
            "duplicate sysctl",
            m ->
                m.set(
                    "/pod/security_context/sysctls/1",
                    "{\"name\": \"net.ipv4.ping_group_range\", \"value\": \"0 2\"}"),
            D + "pod.security_context.sysctls[1].name",
            "is already set by"),
        new Case(
            "config map item path starting with '..'",
            m -> m.set("/volumes/2/config_map/items/0/path", "\"..data\""),
            D + "volumes[2].config_map.items[0].path",
            "must not start with '..'"),
        new Case(
            "config map item path with a '..' element",
            m -> m.set("/volumes/2/config_map/items/0/path", "\"a/../../etc\""),
            D + "volumes[2].config_map.items[0].path",
            "'..'"),
        new Case(
            "secret item path absolute",
            m ->
                m.set(
                    "/volumes/3/secret/items", "[{\"key\": \"token\", \"path\": \"/etc/passwd\"}]"),
            D + "volumes[3].secret.items[0].path",
            "'/etc/passwd'"),
        // platform_config, as strict as driver_config
        new Case(
            "platform toleration without key or operator",
            m -> m.platform("/tolerations", "[{}]"),
            P + ".tolerations[0].key",
            "is required unless operator is 'Exists'"),
        new Case(
            "platform annotation key not a qualified name",
            m -> m.platform("/annotations", "{\"bad key!\": \"v\"}"),
            P + ".annotations['bad key!']",
            "is not valid"),
        new Case(
            "platform annotations over 256 KiB",
            m ->
                m.platform(
                    "/annotations",
                    "{\"a\": \""
                        + "x".repeat(200_000)
                        + "\", \"b\": \""
                        + "x".repeat(100_000)
                        + "\"}"),
            P + ".annotations",
            "256 KiB"),
        new Case(
            "platform runtime class not a DNS subdomain",
            m -> m.platform("/runtime_class_name", "\"Bad_Name\""),
            P + ".runtime_class_name",
            "is not a valid runtime class name"),
        new Case(
            "platform node selector key",
            m -> m.platform("/node_selector", "{\"-bad\": \"x\"}"),
            P + ".node_selector['-bad']",
            "label key '-bad' is not valid"),
        new Case(
            "platform node selector value",
            m -> m.platform("/node_selector", "{\"pool\": \"not valid\"}"),
            P + ".node_selector['pool']",
            "label value 'not valid' is not valid"),
        new Case(
            "platform raw request not a quantity",
            m -> m.platform("/resources_raw/requests", "{\"cpu\": \"abc\"}"),
            P + ".resources_raw.requests['cpu']",
            "is not a quantity"),
        new Case(
            "platform raw limit with a bad resource name",
            m -> m.platform("/resources_raw/limits", "{\"Memory\": \"1Gi\"}"),
            P + ".resources_raw.limits['Memory']",
            "must be a standard container resource"),
        new Case(
            "platform unknown key with a hint",
            m -> m.platform("/node_selectr", "{}"),
            P + ".node_selectr",
            "did you mean 'node_selector'?"),
        new Case(
            "platform unknown key inside resources_raw",
            m -> m.platform("/resources_raw/limit", "{}"),
            P + ".resources_raw.limit",
            "did you mean 'limits'?"),
        // keys the driver and OpenShell own
        new Case(
            "label under openshell.ai",
            m -> m.labels.put("openshell.ai/gateway-id", "other"),
            "spec.template.labels['openshell.ai/gateway-id']",
            "is under 'openshell.ai'"),
        new Case(
            "label under ryno.ai (G3)",
            m -> m.labels.put("ryno.ai/sandbox-id", "x"),
            "spec.template.labels['ryno.ai/sandbox-id']",
            "is under 'ryno.ai'"),
        new Case(
            "label under a subdomain of Berth's domain",
            m -> m.labels.put("x.berth.dev/owner", "x"),
            "spec.template.labels['x.berth.dev/owner']",
            "is under 'berth.dev'"),
        new Case(
            "annotation under openshell.io",
            m -> m.platform("/annotations", "{\"openshell.io/sandbox-id\": \"sb-other\"}"),
            P + ".annotations['openshell.io/sandbox-id']",
            "is under 'openshell.io'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachRuleIsEnforced(Case c) {
    Mutable m = new Mutable();
    c.mutation().accept(m);
    List<Violation> violations =
        SandboxValidator.validate(
                m.request(), DriverSettings.fromMap(Map.of()).orElseThrow(), ClusterFacts.DEFAULT)
            .violations();
    assertThat(violations)
        .as(c.name())
        .anySatisfy(
            v -> {
              assertThat(v.field()).isEqualTo(c.field());
              assertThat(v.message()).contains(c.phrase());
            });
  }
}
