package dev.berth.cli;

/** Entry point of the {@code berth} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    RuntimeTuning.apply();
    System.exit(run(args));
  }

  /** Runs the CLI with the process environment; separate from {@link #main} for tests. */
  public static int run(String... args) {
    return BerthCommand.commandLine(System.getenv()).execute(args);
  }
}
