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
    subcommands = {ValidateCommand.class, RenderCommand.class, CommandLine.HelpCommand.class})
public final class BerthCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with the given environment, used by settings flags. */
  public static CommandLine commandLine(Map<String, String> environment) {
    CommandLine cli = new CommandLine(new BerthCommand());
    cli.setExitCodeExceptionMapper(e -> ExitCodes.FAILURE);
    cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.INVALID);
    for (CommandLine sub : cli.getSubcommands().values()) {
      sub.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.INVALID);
      if (sub.getCommand() instanceof SettingsAware aware) {
        SettingsOptions.register(sub.getCommandSpec());
        // Dozens of setting flags would bury the command's own synopsis.
        sub.getCommandSpec().usageMessage().abbreviateSynopsis(true);
        aware.environment(environment);
      }
    }
    return cli;
  }
}
