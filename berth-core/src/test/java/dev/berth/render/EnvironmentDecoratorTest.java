package dev.berth.render;

import static dev.berth.naming.EnvNames.*;
import static dev.berth.render.PrefabParts.envNames;
import static dev.berth.render.PrefabParts.envValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.AgentPlan;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.plan.SandboxPlan;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentDecoratorTest {

  static final String INTERACTIVE_SPEC =
      "{\"version\":1,\"command\":[\"/bin/bash\",\"-l\"],\"tty\":true,"
          + "\"await_main_process_attachment\":false}";

  static Container render(SandboxPlan plan) {
    return new EnvironmentDecorator().apply(SandboxRenderer.empty(), plan).agent();
  }

  static Container render(TestPlans plan) {
    return render(plan.build());
  }

  @Test
  void basicPlanGetsExactlyTheRequiredVariablesInOrder() {
    Container agent = render(TestPlans.basic());

    assertThat(agent.getEnv())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(MAIN_PROCESS_SPEC, INTERACTIVE_SPEC),
            org.assertj.core.groups.Tuple.tuple(SANDBOX_ID, "sb-1"),
            org.assertj.core.groups.Tuple.tuple(SANDBOX_NAME, "demo"),
            org.assertj.core.groups.Tuple.tuple(TELEMETRY_ENABLED, "true"),
            org.assertj.core.groups.Tuple.tuple(NETWORK_RUNTIME_CAPABILITIES, ""),
            org.assertj.core.groups.Tuple.tuple(SSH_SOCKET_PATH, "/run/openshell/ssh.sock"),
            org.assertj.core.groups.Tuple.tuple(OCI_IMAGE_USER, ""),
            org.assertj.core.groups.Tuple.tuple(SANDBOX_UID, "1000"),
            org.assertj.core.groups.Tuple.tuple(SANDBOX_GID, "1000"));
  }

  @Test
  void specEnvironmentOverridesTemplateEnvironment() {
    Container agent =
        render(
            TestPlans.builder()
                .templateEnvironment(Map.of("A", "template", "B", "template"))
                .environment(Map.of("B", "spec", "C", "spec")));

    assertThat(envValue(agent, "A")).isEqualTo("template");
    assertThat(envValue(agent, "B")).isEqualTo("spec");
    assertThat(envValue(agent, "C")).isEqualTo("spec");
    assertThat(envNames(agent)).doesNotHaveDuplicates();
    // User variables come first, sorted, then the supervisor's descriptions, then the driver's.
    assertThat(envNames(agent).subList(0, 5))
        .containsExactly("A", "B", "C", USER_ENVIRONMENT, MAIN_PROCESS_SPEC);
    assertThat(envValue(agent, USER_ENVIRONMENT))
        .isEqualTo("{\"A\":\"template\",\"B\":\"spec\",\"C\":\"spec\"}");
  }

  @Test
  void noUserEnvironmentMeansNoUserEnvironmentDescription() {
    assertThat(envNames(render(TestPlans.basic()))).doesNotContain(USER_ENVIRONMENT);
  }

  @Test
  void userEnvironmentJsonEscapesValues() {
    Container agent =
        render(TestPlans.builder().environment(Map.of("QUOTED", "say \"hi\"\n\\end")));

    assertThat(envValue(agent, "QUOTED")).isEqualTo("say \"hi\"\n\\end");
    assertThat(envValue(agent, USER_ENVIRONMENT))
        .isEqualTo("{\"QUOTED\":\"say \\\"hi\\\"\\n\\\\end\"}");
  }

  @Test
  void logLevelBecomesTheSupervisorLogLevelAndBeatsTheEnvironment() {
    Container agent =
        render(
            TestPlans.builder()
                .logLevel("debug")
                .environment(Map.of("OPENSHELL_LOG_LEVEL", "trace", "B", "spec")));

    assertThat(envValue(agent, LOG_LEVEL)).isEqualTo("debug");
    assertThat(envNames(agent)).containsOnlyOnce(LOG_LEVEL);
    assertThat(envValue(agent, USER_ENVIRONMENT))
        .isEqualTo("{\"B\":\"spec\",\"OPENSHELL_LOG_LEVEL\":\"debug\"}");
  }

  @Test
  void logLevelAloneIsAlsoDescribed() {
    Container agent = render(TestPlans.builder().logLevel("warn"));

    assertThat(envValue(agent, LOG_LEVEL)).isEqualTo("warn");
    assertThat(envValue(agent, USER_ENVIRONMENT)).isEqualTo("{\"OPENSHELL_LOG_LEVEL\":\"warn\"}");
  }

  @Test
  void mainProcessSpecCarriesTheCommandAndTty() {
    assertThat(
            envValue(
                render(TestPlans.builder().command(List.of("python", "-m", "agent"), false)),
                MAIN_PROCESS_SPEC))
        .isEqualTo(
            "{\"version\":1,\"command\":[\"python\",\"-m\",\"agent\"],\"tty\":false,"
                + "\"await_main_process_attachment\":false}");
    assertThat(
            envValue(render(TestPlans.builder().command(List.of("top"), true)), MAIN_PROCESS_SPEC))
        .isEqualTo(
            "{\"version\":1,\"command\":[\"top\"],\"tty\":true,"
                + "\"await_main_process_attachment\":false}");
  }

  @Test
  void anEmptyCommandIsAnInteractiveLoginShellWithATerminal() {
    // tty false in the request, but a login shell always gets a terminal (upstream).
    assertThat(envValue(render(TestPlans.builder().command(List.of(), false)), MAIN_PROCESS_SPEC))
        .isEqualTo(INTERACTIVE_SPEC);
  }

  @Test
  void endpointIsSetOnlyWhenConfigured() {
    assertThat(envNames(render(TestPlans.basic()))).doesNotContain(ENDPOINT);
    assertThat(
            envValue(
                render(
                    TestPlans.builder()
                        .setting(
                            "OPENSHELL_GRPC_ENDPOINT", "https://openshell.openshell.svc:8080")),
                ENDPOINT))
        .isEqualTo("https://openshell.openshell.svc:8080");
  }

  @Test
  void telemetrySshSocketAndIdentityFollowTheSettings() {
    Container agent =
        render(
            TestPlans.builder()
                .setting("OPENSHELL_TELEMETRY_ENABLED", "off")
                .setting("OPENSHELL_SANDBOX_SSH_SOCKET_PATH", "/run/custom/ssh.sock")
                .setting("OPENSHELL_K8S_SANDBOX_UID", "2000")
                .setting("OPENSHELL_K8S_SANDBOX_GID", "3000"));

    assertThat(envValue(agent, TELEMETRY_ENABLED)).isEqualTo("false");
    assertThat(envValue(agent, SSH_SOCKET_PATH)).isEqualTo("/run/custom/ssh.sock");
    assertThat(envValue(agent, SANDBOX_UID)).isEqualTo("2000");
    assertThat(envValue(agent, SANDBOX_GID)).isEqualTo("3000");
  }

  @Test
  void identityFollowsTheNamespaceRangeOnOpenShift() {
    Container agent =
        render(
            TestPlans.builder()
                .facts(
                    new ClusterFacts(
                        SandboxApiVersion.V1BETA1,
                        Map.of(
                            "openshift.io/sa.scc.uid-range", "1000660000/10000",
                            "openshift.io/sa.scc.supplemental-groups", "1000770000/10000"))));

    assertThat(envValue(agent, SANDBOX_UID)).isEqualTo("1000660000");
    assertThat(envValue(agent, SANDBOX_GID)).isEqualTo("1000770000");
  }

  /**
   * The validator refuses OPENSHELL_* names from users; the renderer must still never let one win,
   * so this plan is built by hand with spoofed values the validator would have refused.
   */
  @Test
  void driverVariablesReplaceSpoofedUserValuesInPlace() {
    SandboxPlan valid = TestPlans.basic();
    Map<String, String> spoofed = new LinkedHashMap<>();
    spoofed.put(SANDBOX_ID, "other-sandbox");
    spoofed.put(SANDBOX_NAME, "other");
    spoofed.put(NETWORK_RUNTIME_CAPABILITIES, "dns,tcp");
    spoofed.put(TELEMETRY_ENABLED, "false");
    spoofed.put(SSH_SOCKET_PATH, "/tmp/evil.sock");
    spoofed.put(OCI_IMAGE_USER, "root");
    spoofed.put(SANDBOX_UID, "0");
    spoofed.put(SANDBOX_GID, "0");
    spoofed.put(MAIN_PROCESS_SPEC, "{\"version\":1,\"command\":[\"evil\"]}");
    spoofed.put("KEPT", "yes");
    AgentPlan a = valid.agent();
    SandboxPlan plan =
        new SandboxPlan(
            valid.identity(),
            new AgentPlan(
                a.image(),
                a.pullPolicy(),
                spoofed,
                a.logLevel(),
                a.command(),
                a.tty(),
                a.awaitMainProcessAttachment(),
                a.agentSocketPath(),
                a.gpuCount()),
            valid.resources(),
            valid.scheduling(),
            valid.storage(),
            valid.security(),
            valid.settings(),
            valid.facts());

    Container agent = render(plan);

    assertThat(envNames(agent)).doesNotHaveDuplicates();
    assertThat(envValue(agent, SANDBOX_ID)).isEqualTo("sb-1");
    assertThat(envValue(agent, SANDBOX_NAME)).isEqualTo("demo");
    assertThat(envValue(agent, NETWORK_RUNTIME_CAPABILITIES)).isEmpty();
    assertThat(envValue(agent, TELEMETRY_ENABLED)).isEqualTo("true");
    assertThat(envValue(agent, SSH_SOCKET_PATH)).isEqualTo("/run/openshell/ssh.sock");
    assertThat(envValue(agent, OCI_IMAGE_USER)).isEmpty();
    assertThat(envValue(agent, SANDBOX_UID)).isEqualTo("1000");
    assertThat(envValue(agent, SANDBOX_GID)).isEqualTo("1000");
    assertThat(envValue(agent, MAIN_PROCESS_SPEC)).isEqualTo(INTERACTIVE_SPEC);
    assertThat(envValue(agent, "KEPT")).isEqualTo("yes");
  }

  @Test
  void variablesAlreadyOnTheAgentAreKeptButNeverBeatTheDriver() {
    PodParts start =
        SandboxRenderer.empty()
            .withAgent(
                new ContainerBuilder()
                    .addNewEnv()
                    .withName("EARLIER")
                    .withValue("kept")
                    .endEnv()
                    .addNewEnv()
                    .withName(SANDBOX_UID)
                    .withValue("0")
                    .endEnv()
                    .build());

    Container agent = new EnvironmentDecorator().apply(start, TestPlans.basic()).agent();

    assertThat(envNames(agent).subList(0, 2)).containsExactly("EARLIER", SANDBOX_UID);
    assertThat(envValue(agent, "EARLIER")).isEqualTo("kept");
    assertThat(envValue(agent, SANDBOX_UID)).isEqualTo("1000");
    assertThat(envNames(agent)).doesNotHaveDuplicates();
  }
}
