package dev.berth.cli;

import java.util.Map;

/** A command that reads the process environment; it is handed in so tests can supply their own. */
interface EnvironmentAware {

  /** Receives the process environment before the command runs. */
  void environment(Map<String, String> environment);
}
