package dev.berth.validate;

import static dev.berth.validate.RuleCase.D;
import static dev.berth.validate.RuleCase.of;
import static dev.berth.validate.RuleCase.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.SandboxPlan;
import dev.berth.request.ResourceRequests;
import dev.berth.result.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Identity, agent, resources, scheduling and the parser's shape rules. */
class RequestRulesTest {

  private static final Map<String, String> MANAGED = Map.of("OPENSHELL_WORKSPACE_MODE", "managed");

  static List<RuleCase> cases() {
    return List.of(
        of(
            "id required",
            m -> m.id = "",
            "id",
            "is required; the gateway assigns it, and files for 'berth validate' or 'berth render' must set one (for example \"id\": \"sb-demo-1\")."),
        of(
            "id label value",
            m -> m.id = "sb 1",
            "id",
            "'sb 1' cannot be stored as a Kubernetes label value; use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit."),
        of(
            "name required",
            m -> m.name = "",
            "name",
            "is required; give the sandbox name a name such as 'my-agent'."),
        of(
            "name DNS-1123",
            m -> m.name = "My_Agent",
            "name",
            "'My_Agent' is not a valid sandbox name: use at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit (for example 'my-agent')."),
        of(
            "workspace required",
            m -> m.workspace = "",
            "workspace",
            "is required; give the workspace a name such as 'team-a'."),
        of(
            "shared resource name length",
            m -> m.name = "a".repeat(60),
            "name",
            "the Sandbox resource name 'team-a--"
                + "a".repeat(56)
                + "…' (workspace, '--', name) is 68 characters, over the Kubernetes limit of 63; shorten the name to at most 55 characters."),
        with(
            "managed namespace length",
            MANAGED,
            m -> m.workspace = "w".repeat(50),
            "workspace",
            "the managed namespace 'openshell-openshell-"
                + "w".repeat(44)
                + "…' would be 70 characters, over the Kubernetes limit of 63; use a workspace name of at most 43 characters."),
        of(
            "gpu count zero",
            m -> m.gpus(0),
            "spec.resource_requirements.gpu.count",
            "is 0; ask for at least 1 GPU, or leave the gpu requirement out for a CPU-only sandbox."),
        of(
            "image whitespace",
            m -> m.image = "ghcr.io/x y",
            "spec.template.image",
            "'ghcr.io/x y' is not an image reference; write one token such as 'ghcr.io/org/agent:1.2' without spaces."),
        of(
            "env name",
            m -> m.env.put("1BAD", "x"),
            "spec.environment['1BAD']",
            "environment variable name '1BAD' is not valid; use letters, digits, '_', '-' or '.', not starting with a digit."),
        of(
            "reserved env name",
            m -> m.env.put("OPENSHELL_SANDBOX_UID", "0"),
            "spec.environment['OPENSHELL_SANDBOX_UID']",
            "environment variable name 'OPENSHELL_SANDBOX_UID' is reserved: OPENSHELL_* variables carry the supervisor's contract and are set by the driver; rename it (use spec.log_level for the log level)."),
        of(
            "NUL in env value",
            m -> m.env.put("A", "x\u0000y"),
            "spec.environment['A']",
            "values must not contain NUL characters; remove them."),
        of(
            "NUL in command",
            m -> m.command = List.of("a\u0000"),
            "spec.command[0]",
            "arguments must not contain NUL characters; remove them."),
        of(
            "log level",
            m -> m.logLevel = "info debug",
            "spec.log_level",
            "'info debug' is not a log level; use trace, debug, info, warn or error."),
        of(
            "agent socket",
            m -> m.agentSocket = "run/agent.sock",
            "spec.template.agent_socket_path",
            "'run/agent.sock' must be an absolute path starting with '/'."),
        of(
            "label key",
            m -> m.labels.put("-bad", "x"),
            "spec.template.labels['-bad']",
            "label key '-bad' is not valid: its name must be 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit."),
        of(
            "label value",
            m -> m.labels.put("team", "a b"),
            "spec.template.labels['team']",
            "label value 'a b' is not valid; use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit."),
        of(
            "bad cpu quantity",
            m -> m.resources = new ResourceRequests("half", "2", "", ""),
            "spec.template.resources.cpu_request",
            "'half' is not a quantity; use a number with an optional suffix such as 500m, 2, 512Mi or 4Gi."),
        of(
            "request above limit",
            m -> m.resources = new ResourceRequests("3", "2", "", ""),
            D + "containers.agent.resources",
            "the cpu request '3' is above its limit '2'; Kubernetes refuses that, so lower the request or raise the limit."),
        of(
            "driver_config resource name",
            m ->
                m.set("/containers/agent/resources/limits", "{\"bad name\": \"1\"}")
                    .remove("/containers/agent/resources/requests"),
            D + "containers.agent.resources.limits['bad name']",
            "'bad name' is not a resource name: its name must be 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit."),
        of(
            "extended resource overcommit",
            m ->
                m.set(
                    "/containers/agent/resources",
                    "{\"requests\": {\"example.com/fpga\": \"1\"}, \"limits\": {\"example.com/fpga\": \"2\"}}"),
            D + "containers.agent.resources",
            "the example.com/fpga request '1' differs from its limit '2'; extended resources cannot be overcommitted, so set only the limit."),
        of(
            "unknown top-level field",
            m -> m.set("/volume", "[]"),
            D + "volume",
            "is not a known field; did you mean 'volumes'?"),
        of(
            "camelCase field",
            m -> m.set("/pod/nodeSelector", "{}"),
            D + "pod.nodeSelector",
            "is not a known field; did you mean 'node_selector'?"),
        of(
            "unrelated unknown field",
            m -> m.set("/workspace/colour", "\"red\""),
            D + "workspace.colour",
            "is not a known field; remove it or use one of persistent, storage_size, storage_class."),
        of(
            "wrong type object",
            m -> m.set("/pod", "[]"),
            D + "pod",
            "must be an object of fields, but is a list"),
        of(
            "wrong type bool",
            m -> m.set("/workspace/persistent", "\"yes\""),
            D + "workspace.persistent",
            "must be true or false, but is the text 'yes'."),
        of(
            "wrong type list",
            m -> m.set("/volumes", "{}"),
            D + "volumes",
            "must be a list, but is an object."),
        of(
            "wrong type integer",
            m -> m.set("/pod/security_context/fs_group", "1.5"),
            D + "pod.security_context.fs_group",
            "must be a whole number, but is the number '1.5'."),
        of(
            "node selector value type",
            m -> m.set("/pod/node_selector/pool", "true"),
            D + "pod.node_selector['pool']",
            "must be text, but is the boolean true."),
        of(
            "node selector label",
            m -> m.set("/pod/node_selector/pool", "\"a b\""),
            D + "pod.node_selector['pool']",
            "label value 'a b' is not valid; use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit."),
        of(
            "toleration operator",
            m -> m.set("/pod/tolerations/0/operator", "\"In\""),
            D + "pod.tolerations[0].operator",
            "'In' is not an operator; use 'Equal' or 'Exists'."),
        of(
            "toleration exists with value",
            m -> m.set("/pod/tolerations/0/operator", "\"Exists\""),
            D + "pod.tolerations[0].value",
            "must be empty when operator is 'Exists'; remove it or use 'Equal'."),
        of(
            "toleration key required",
            m -> m.remove("/pod/tolerations/0/key"),
            D + "pod.tolerations[0].key",
            "is required unless operator is 'Exists' (which then tolerates every taint)."),
        of(
            "toleration effect",
            m -> m.set("/pod/tolerations/0/effect", "\"Evict\""),
            D + "pod.tolerations[0].effect",
            "'Evict' is not an effect; use 'NoSchedule', 'PreferNoSchedule' or 'NoExecute', or leave it out for all."),
        of(
            "toleration seconds need NoExecute",
            m -> m.set("/pod/tolerations/0/toleration_seconds", "30"),
            D + "pod.tolerations[0].toleration_seconds",
            "applies only with effect 'NoExecute'; remove it or set effect: NoExecute."),
        of(
            "runtime class name",
            m -> m.set("/pod/runtime_class_name", "\"G Visor\""),
            D + "pod.runtime_class_name",
            "'G Visor' is not a valid runtime class name: use at most 253 characters of lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit."),
        of(
            "platform_config wrong type",
            m -> m.platform("/node_selector", "[]"),
            "spec.template.platform_config.node_selector",
            "must be an object of fields, but is a list"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachRuleReportsExactlyItsViolation(RuleCase c) {
    assertThat(c.run()).containsExactlyElementsOf(c.expected());
  }

  @Test
  void sharedModeNamesTheResourceAfterWorkspaceAndName() {
    SandboxPlan plan = RuleCase.plan(Map.of(), m -> {});

    assertThat(plan.identity().resourceName()).isEqualTo("team-a--demo");
    assertThat(plan.identity().namespace()).isEqualTo("default");
  }

  @Test
  void managedModeUsesTheWorkspaceNamespaceAndTheBareName() {
    SandboxPlan plan = RuleCase.plan(MANAGED, m -> {});

    assertThat(plan.identity().resourceName()).isEqualTo("demo");
    assertThat(plan.identity().namespace()).isEqualTo("openshell-openshell-team-a");
  }

  @Test
  void environmentMergesSpecOverTemplateAndImageDefaultsFromSettings() {
    SandboxPlan plan =
        RuleCase.plan(
            Map.of("OPENSHELL_SANDBOX_IMAGE", "ghcr.io/example/default:2"),
            m -> {
              m.image = "";
              m.templateEnv.put("A", "template");
              m.templateEnv.put("T", "t");
            });

    assertThat(plan.agent().image()).isEqualTo("ghcr.io/example/default:2");
    assertThat(plan.agent().userEnvironment()).containsEntry("A", "1").containsEntry("T", "t");
  }

  @Test
  void limitsAreMirroredIntoMissingRequestsAndGpusBecomeALimit() {
    SandboxPlan plan = RuleCase.plan(Map.of(), m -> m.gpus(2));

    assertThat(plan.resources().requests())
        .containsEntry("cpu", "500m")
        .containsEntry("memory", "4Gi")
        .containsEntry("ephemeral-storage", "1Gi");
    assertThat(plan.resources().limits())
        .containsEntry("nvidia.com/gpu", "2")
        .containsEntry("cpu", "2");
  }

  @Test
  void driverConfigResourcesNeverOverrideTypedOnes() {
    SandboxPlan plan =
        RuleCase.plan(Map.of(), m -> m.set("/containers/agent/resources/limits/cpu", "\"16\""));

    assertThat(plan.resources().limits()).containsEntry("cpu", "2");
  }

  @Test
  void runtimeClassPrefersPlatformThenDriverConfigThenSettings() {
    Map<String, String> dflt = Map.of("OPENSHELL_K8S_DEFAULT_RUNTIME_CLASS_NAME", "kata");
    assertThat(
            RuleCase.plan(dflt, m -> m.platform("/runtime_class_name", "\"runsc\""))
                .scheduling()
                .runtimeClassName())
        .contains("runsc");
    assertThat(RuleCase.plan(dflt, m -> {}).scheduling().runtimeClassName()).contains("gvisor");
    assertThat(
            RuleCase.plan(dflt, m -> m.remove("/pod/runtime_class_name"))
                .scheduling()
                .runtimeClassName())
        .contains("kata");
  }

  @Test
  void platformNodeSelectorWinsAndTolerationsComeFirst() {
    SandboxPlan plan =
        RuleCase.plan(
            Map.of(),
            m ->
                m.platform("/node_selector", "{\"pool\": \"gpu\", \"zone\": \"a\"}")
                    .platform(
                        "/tolerations", "[{\"key\": \"platform\", \"operator\": \"Exists\"}]"));

    assertThat(plan.scheduling().nodeSelector())
        .containsEntry("pool", "gpu")
        .containsEntry("zone", "a");
    assertThat(plan.scheduling().tolerations().get(0).key()).contains("platform");
    assertThat(plan.scheduling().tolerations()).hasSize(2);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    List<Violation> all =
        new RuleCase(
                "many",
                Map.of(),
                m -> {
                  m.name = "Bad";
                  m.gpus(0);
                  m.set("/volumes/4/hostPath", "{}");
                  m.set("/workspace/storage_size", "\"-1\"");
                },
                List.of())
            .run();

    assertThat(all)
        .extracting(Violation::field)
        .contains(
            "name",
            "spec.resource_requirements.gpu.count",
            D + "volumes[4].hostPath",
            D + "workspace.storage_size");
  }
}
