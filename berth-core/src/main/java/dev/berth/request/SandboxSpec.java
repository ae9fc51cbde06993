package dev.berth.request;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mirrors {@code DriverSandboxSpec}.
 *
 * @param logLevel supervisor log level; empty means the supervisor's default
 * @param environment environment for the agent; wins over the template's environment
 * @param template image, resources and driver-specific configuration
 * @param gpu present when the sandbox asks for GPUs
 * @param command the agent's main process; empty means an interactive login shell
 * @param tty whether the main process gets a terminal
 * @param awaitMainProcessAttachment whether the supervisor waits for a client to attach before
 *     starting the main process
 */
public record SandboxSpec(
    String logLevel,
    Map<String, String> environment,
    SandboxTemplate template,
    Optional<GpuRequest> gpu,
    List<String> command,
    boolean tty,
    boolean awaitMainProcessAttachment) {

  public SandboxSpec {
    environment = Ordered.copy(environment);
    command = List.copyOf(command);
  }
}
