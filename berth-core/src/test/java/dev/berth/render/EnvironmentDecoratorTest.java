package dev.berth.render;

import static dev.berth.naming.EnvNames.ENDPOINT;
import static dev.berth.naming.EnvNames.LOG_LEVEL;
import static dev.berth.naming.EnvNames.MAIN_PROCESS_SPEC;
import static dev.berth.naming.EnvNames.NETWORK_RUNTIME_CAPABILITIES;
import static dev.berth.naming.EnvNames.OCI_IMAGE_USER;
import static dev.berth.naming.EnvNames.SANDBOX_GID;
import static dev.berth.naming.EnvNames.SANDBOX_ID;
import static dev.berth.naming.EnvNames.SANDBOX_NAME;
import static dev.berth.naming.EnvNames.SANDBOX_UID;
import static dev.berth.naming.EnvNames.SA_TOKEN_FILE;
import static dev.berth.naming.EnvNames.SIDECAR_AGENT_REMOVED;
import static dev.berth.naming.EnvNames.SSH_SOCKET_PATH;
import static dev.berth.naming.EnvNames.TELEMETRY_ENABLED;
import static dev.berth.naming.EnvNames.USER_ENVIRONMENT;
import static dev.berth.render.Contributions.env;
import static dev.berth.render.Contributions.envNames;
import static dev.berth.render.Contributions.envValue;
import static dev.berth.render.Contributions.touched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.plan.SandboxPlan;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnvironmentDecoratorTest {

  static final String INTERACTIVE_SPEC =
      "{\"version\":1,\"command\":[\"/bin/bash\",\"-l\"],\"tty\":true,"
          + "\"await_main_process_attachment\":false}";

  /** The driver's variables after the main process spec, in order (combined, no credentials). */
  static final List<String> REQUIRED =
      List.of(
          SANDBOX_ID,
          SANDBOX_NAME,
          TELEMETRY_ENABLED,
          NETWORK_RUNTIME_CAPABILITIES,
          SSH_SOCKET_PATH,
          OCI_IMAGE_USER,
          SANDBOX_UID,
          SANDBOX_GID);

  /** Every variable the driver puts on a basic plan's agent, with the user-environment one. */
  static List<String> driverVariables() {
    List<String> all = new ArrayList<>(REQUIRED);
    all.addAll(List.of(MAIN_PROCESS_SPEC, USER_ENVIRONMENT, SA_TOKEN_FILE));
    return all;
  }

  static List<EnvVar> agentEnv(SandboxPlan plan) {
    return new EnvironmentDecorator().contribute(plan).container(ContainerSlot.AGENT).env();
  }

  static List<EnvVar> agentEnv(TestPlans plan) {
    return agentEnv(plan.build());
  }

  static String value(TestPlans plan, String name) {
    return envValue(agentEnv(plan), name).orElseThrow(() -> new AssertionError("no " + name));
  }

  @Test
  void basicPlanGetsExactlyTheRequiredVariablesInOrder() {
    assertThat(agentEnv(TestPlans.builder()))
        .containsExactly(
            env(MAIN_PROCESS_SPEC, INTERACTIVE_SPEC),
            env(SANDBOX_ID, "sb-1"),
            env(SANDBOX_NAME, "demo"),
            env(TELEMETRY_ENABLED, "true"),
            env(NETWORK_RUNTIME_CAPABILITIES, ""),
            env(SSH_SOCKET_PATH, "/run/openshell/ssh.sock"),
            env(OCI_IMAGE_USER, ""),
            env(SANDBOX_UID, "1000"),
            env(SANDBOX_GID, "1000"));
  }

  /** Only the agent's variables: the sidecar's are the topology's, credentials the gateway's. */
  @Test
  void addsOnlyTheAgentsVariables() {
    assertThat(touched(new EnvironmentDecorator().contribute(TestPlans.basic())))
        .containsExactly("AGENT.env");
    assertThat(
            touched(
                new EnvironmentDecorator()
                    .contribute(
                        Contributions.withTlsAndSpiffe(Contributions.sidecar())
                            .logLevel("debug")
                            .build())))
        .containsExactly("AGENT.env");
  }

  @Test
  void specEnvironmentOverridesTemplateEnvironment() {
    List<EnvVar> env =
        agentEnv(
            TestPlans.builder()
                .templateEnvironment(Map.of("A", "template", "B", "template"))
                .environment(Map.of("B", "spec", "C", "spec")));

    // User variables come first, sorted, then the supervisor's descriptions, then the driver's.
    assertThat(env.subList(0, 5))
        .containsExactly(
            env("A", "template"),
            env("B", "spec"),
            env("C", "spec"),
            env(USER_ENVIRONMENT, "{\"A\":\"template\",\"B\":\"spec\",\"C\":\"spec\"}"),
            env(MAIN_PROCESS_SPEC, INTERACTIVE_SPEC));
    assertThat(envNames(env)).hasSize(13).doesNotHaveDuplicates();
  }

  @Test
  void noUserEnvironmentMeansNoUserEnvironmentDescription() {
    assertThat(envNames(agentEnv(TestPlans.builder()))).doesNotContain(USER_ENVIRONMENT);
  }

  @Test
  void userEnvironmentJsonEscapesValues() {
    TestPlans plan = TestPlans.builder().environment(Map.of("QUOTED", "say \"hi\"\n\\end"));

    assertThat(value(plan, "QUOTED")).isEqualTo("say \"hi\"\n\\end");
    assertThat(value(plan, USER_ENVIRONMENT))
        .isEqualTo("{\"QUOTED\":\"say \\\"hi\\\"\\n\\\\end\"}");
  }

  @Test
  void logLevelBecomesTheSupervisorLogLevelAndBeatsTheEnvironment() {
    TestPlans plan =
        TestPlans.builder()
            .logLevel("debug")
            .environment(Map.of("OPENSHELL_LOG_LEVEL", "trace", "B", "spec"));

    assertThat(value(plan, LOG_LEVEL)).isEqualTo("debug");
    assertThat(envNames(agentEnv(plan))).containsOnlyOnce(LOG_LEVEL);
    assertThat(value(plan, USER_ENVIRONMENT))
        .isEqualTo("{\"B\":\"spec\",\"OPENSHELL_LOG_LEVEL\":\"debug\"}");
  }

  @Test
  void logLevelAloneIsAlsoDescribed() {
    TestPlans plan = TestPlans.builder().logLevel("warn");

    assertThat(value(plan, LOG_LEVEL)).isEqualTo("warn");
    assertThat(value(plan, USER_ENVIRONMENT)).isEqualTo("{\"OPENSHELL_LOG_LEVEL\":\"warn\"}");
  }

  @Test
  void mainProcessSpecCarriesTheCommandAndTty() {
    assertThat(
            value(
                TestPlans.builder().command(List.of("python", "-m", "agent"), false),
                MAIN_PROCESS_SPEC))
        .isEqualTo(
            "{\"version\":1,\"command\":[\"python\",\"-m\",\"agent\"],\"tty\":false,"
                + "\"await_main_process_attachment\":false}");
    assertThat(value(TestPlans.builder().command(List.of("top"), true), MAIN_PROCESS_SPEC))
        .isEqualTo(
            "{\"version\":1,\"command\":[\"top\"],\"tty\":true,"
                + "\"await_main_process_attachment\":false}");
  }

  @Test
  void anEmptyCommandIsAnInteractiveLoginShellWithATerminal() {
    // tty false in the request, but a login shell always gets a terminal (upstream).
    assertThat(value(TestPlans.builder().command(List.of(), false), MAIN_PROCESS_SPEC))
        .isEqualTo(INTERACTIVE_SPEC);
  }

  @Test
  void endpointIsSetOnlyWhenConfigured() {
    assertThat(envNames(agentEnv(TestPlans.builder()))).doesNotContain(ENDPOINT);
    assertThat(
            value(
                TestPlans.builder()
                    .setting("OPENSHELL_GRPC_ENDPOINT", "https://openshell.openshell.svc:8080"),
                ENDPOINT))
        .isEqualTo("https://openshell.openshell.svc:8080");
  }

  /** In the sidecar topology only the network sidecar talks to the gateway. */
  @Test
  void sidecarAgentLearnsNeitherTheEndpointNorTheConfiguredSshSocket() {
    List<EnvVar> env =
        agentEnv(
            Contributions.sidecar()
                .setting("OPENSHELL_GRPC_ENDPOINT", "https://openshell.openshell.svc:8080")
                .setting("OPENSHELL_SANDBOX_SSH_SOCKET_PATH", "/run/custom/ssh.sock"));

    assertThat(envNames(env)).doesNotContainAnyElementsOf(SIDECAR_AGENT_REMOVED);
    assertThat(envValue(env, SSH_SOCKET_PATH)).contains("@openshell-sidecar-ssh");
    assertThat(envNames(env).get(0)).isEqualTo(MAIN_PROCESS_SPEC);
    assertThat(envNames(env).subList(1, env.size())).isEqualTo(REQUIRED);
  }

  @Test
  void telemetrySshSocketAndIdentityFollowTheSettings() {
    TestPlans plan =
        TestPlans.builder()
            .setting("OPENSHELL_TELEMETRY_ENABLED", "off")
            .setting("OPENSHELL_SANDBOX_SSH_SOCKET_PATH", "/run/custom/ssh.sock")
            .setting("OPENSHELL_K8S_SANDBOX_UID", "2000")
            .setting("OPENSHELL_K8S_SANDBOX_GID", "3000");

    assertThat(value(plan, TELEMETRY_ENABLED)).isEqualTo("false");
    assertThat(value(plan, SSH_SOCKET_PATH)).isEqualTo("/run/custom/ssh.sock");
    assertThat(value(plan, SANDBOX_UID)).isEqualTo("2000");
    assertThat(value(plan, SANDBOX_GID)).isEqualTo("3000");
  }

  @Test
  void identityFollowsTheNamespaceRangeOnOpenShift() {
    TestPlans plan =
        TestPlans.builder().facts(Contributions.openShift("1000660000/10000", "1000770000/10000"));

    assertThat(value(plan, SANDBOX_UID)).isEqualTo("1000660000");
    assertThat(value(plan, SANDBOX_GID)).isEqualTo("1000770000");
  }

  /**
   * The validator refuses {@code OPENSHELL_*} names from users; should one ever get through, the
   * driver's value must still not silently lose: the environment carries both and the assembly
   * refuses the pod, naming the variable. These plans are built by hand, past the validator.
   */
  @ParameterizedTest
  @MethodSource("driverVariables")
  void aSpoofedDriverVariableIsRefusedNeverUsed(String name) {
    SandboxPlan plan =
        Contributions.withUserEnvironment(TestPlans.basic(), Map.of(name, "spoofed", "KEPT", "x"));

    assertThatThrownBy(() -> SandboxRenderer.render(plan))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("two AGENT variables named " + name);
  }
}
