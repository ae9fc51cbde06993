package dev.berth.cli;

/** Exit codes of every {@code berth} command, documented in {@code docs/cli.md}. */
public final class ExitCodes {

  private ExitCodes() {}

  /** Success: the request is valid, the command did what was asked. */
  public static final int OK = 0;

  /** The command failed for a reason other than the input: a file or the cluster unreachable. */
  public static final int FAILURE = 1;

  /** The input is invalid: request violations, bad settings or a usage error. */
  public static final int INVALID = 2;
}
