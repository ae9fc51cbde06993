package dev.berth.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code berth} command; the work happens in its subcommands. */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    versionProvider = BerthVersion.class,
    description = {
      "Kubernetes compute driver for OpenShell agent sandboxes.",
      "Every setting flag also reads its OPENSHELL_* environment variable; a flag wins."
    },
    subcommands = {
      ValidateCommand.class,
      RenderCommand.class,
      ServeCommand.class,
      DoctorCommand.class,
      SandboxCommand.class,
      HelmPostRenderCommand.class,
      CommandLine.HelpCommand.class
    })
public final class BerthCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with the given environment, used by settings flags. */
  public static CommandLine commandLine(Map<String, String> environment) {
    return commandLine(environment, BackendFactory.DEFAULT);
  }

  /**
   * Builds the command line with the given environment and the backend {@code berth serve} runs on
   * (tests pass a fake).
   */
  public static CommandLine commandLine(Map<String, String> environment, BackendFactory backends) {
    CommandLine cli = new CommandLine(new BerthCommand());
    cli.setExitCodeExceptionMapper(e -> ExitCodes.FAILURE);
    configure(cli, environment, backends);
    return cli;
  }

  /** Applies exit codes, settings flags and the environment to a command and its subcommands. */
  private static void configure(
      CommandLine command, Map<String, String> environment, BackendFactory backends) {
    command.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.INVALID);
    Object target = command.getCommand();
    if (target instanceof SettingsAware) {
      SettingsOptions.register(command.getCommandSpec());
      // Dozens of setting flags would bury the command's own synopsis.
      command.getCommandSpec().usageMessage().abbreviateSynopsis(true);
    }
    if (target instanceof EnvironmentAware aware) {
      aware.environment(environment);
    }
    if (target instanceof ServeCommand serve) {
      serve.backends(backends);
    }
    for (CommandLine sub : command.getSubcommands().values()) {
      configure(sub, environment, backends);
    }
  }
}
