package dev.berth.render;

import dev.berth.naming.EnvNames;
import dev.berth.plan.AgentPlan;
import dev.berth.plan.SandboxPlan;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's environment in upstream's precedence: the user's variables (template overlaid by
 * spec), the supervisor's JSON descriptions of them, then the driver's required variables. The
 * validator refuses user variables named like the driver's ({@code OPENSHELL_*} but the log level),
 * so no user value can replace a required one.
 */
final class EnvironmentDecorator implements PodDecorator {

  /** An interactive login shell, the main process when a request names none. */
  static final List<String> DEFAULT_COMMAND = List.of("/bin/bash", "-l");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public PodContribution contribute(SandboxPlan plan) {
    if (Layout.of(plan).isolation()) {
      return PodContribution.of(Concern.ENVIRONMENT)
          .env(ContainerSlot.AGENT, IsolationWorkload.environment(plan))
          .build();
    }
    AgentPlan agent = plan.agent();
    Map<String, String> user = new TreeMap<>(agent.userEnvironment());
    agent.logLevel().ifPresent(level -> user.put(EnvNames.LOG_LEVEL, level));

    List<EnvVar> env = new ArrayList<>();
    user.forEach((name, value) -> env.add(EnvAndMounts.env(name, value)));
    if (!user.isEmpty()) {
      env.add(EnvAndMounts.env(EnvNames.USER_ENVIRONMENT, JSON.writeValueAsString(user)));
    }
    env.add(EnvAndMounts.env(EnvNames.MAIN_PROCESS_SPEC, mainProcessSpec(agent)));
    required(plan).forEach((name, value) -> env.add(EnvAndMounts.env(name, value)));
    return PodContribution.of(Concern.ENVIRONMENT).env(ContainerSlot.AGENT, env).build();
  }

  /** {@code {"version":1,"command":[...],"tty":...,"await_main_process_attachment":...}}. */
  static String mainProcessSpec(AgentPlan agent) {
    boolean interactive = agent.command().isEmpty();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("version", 1);
    spec.put("command", interactive ? DEFAULT_COMMAND : agent.command());
    spec.put("tty", interactive || agent.tty());
    spec.put("await_main_process_attachment", agent.awaitMainProcessAttachment());
    return JSON.writeValueAsString(spec);
  }

  /** Variables the supervisor relies on. */
  static Map<String, String> required(SandboxPlan plan) {
    DriverSettings s = plan.settings();
    Layout layout = Layout.of(plan);
    Map<String, String> env = new LinkedHashMap<>();
    env.put(EnvNames.SANDBOX_ID, plan.identity().id());
    env.put(EnvNames.SANDBOX_NAME, plan.identity().name());
    // Only a container that talks to the gateway learns where it is.
    if (layout.agentHoldsCredentials() && !s.gateway().grpcEndpoint().isEmpty()) {
      env.put(EnvNames.ENDPOINT, s.gateway().grpcEndpoint());
    }
    env.put(EnvNames.TELEMETRY_ENABLED, Boolean.toString(s.gateway().telemetryEnabled()));
    // Kubernetes topologies do not yet give the supervisor the DNS and transparent-TCP substrate
    // those capabilities need, so upstream forces the list empty and so do we.
    env.put(EnvNames.NETWORK_RUNTIME_CAPABILITIES, "");
    env.put(EnvNames.SSH_SOCKET_PATH, layout.agentSshSocketPath());
    // Identity: an image's USER is ignored and the sandbox user is the one resolved for the
    // namespace, whatever the request claimed.
    env.put(EnvNames.OCI_IMAGE_USER, "");
    env.put(EnvNames.SANDBOX_UID, Long.toString(plan.security().sandboxUid()));
    env.put(EnvNames.SANDBOX_GID, Long.toString(plan.security().sandboxGid()));
    return env;
  }
}
