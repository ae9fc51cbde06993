package dev.berth.plan;

import dev.berth.settings.PullPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent container's image and process.
 *
 * @param image resolved image (request or the driver's default)
 * @param pullPolicy set only when configured
 * @param userEnvironment template environment overlaid by the spec's, sorted by name
 * @param logLevel supervisor log level, when given
 * @param command main process; empty means an interactive login shell
 * @param tty whether the main process gets a terminal
 * @param awaitMainProcessAttachment whether the main process waits for an attached client
 * @param agentSocketPath normalized socket path, when given
 * @param gpuCount number of GPUs, when GPUs were requested
 */
public record AgentPlan(
    String image,
    Optional<PullPolicy> pullPolicy,
    Map<String, String> userEnvironment,
    Optional<String> logLevel,
    List<String> command,
    boolean tty,
    boolean awaitMainProcessAttachment,
    Optional<String> agentSocketPath,
    Optional<Long> gpuCount) {

  public AgentPlan {
    userEnvironment = Map.copyOf(userEnvironment);
    command = List.copyOf(command);
  }
}
