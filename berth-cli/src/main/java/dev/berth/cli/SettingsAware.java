package dev.berth.cli;

import java.util.Map;

/** A command that takes every driver setting as a flag, defaulting to the environment. */
interface SettingsAware {

  /** Receives the process environment before the command runs. */
  void environment(Map<String, String> environment);
}
