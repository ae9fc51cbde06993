package dev.berth.cli;

import dev.berth.settings.DriverSettings;
import dev.berth.settings.Setting;
import dev.berth.settings.Settings;
import dev.berth.validate.Outcome;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds one flag per declared setting to a command, so flags, environment variables and docs come
 * from the same declarations ({@link Settings#ALL}).
 */
final class SettingsOptions {

  private SettingsOptions() {}

  static void register(CommandSpec spec) {
    for (Setting<?> setting : Settings.ALL) {
      String shown = setting.defaultValue().isEmpty() ? "unset" : setting.defaultValue();
      boolean flag = setting.type().equals("boolean");
      spec.addOption(
          OptionSpec.builder(setting.flag())
              .type(String.class)
              // Booleans work as bare switches (--enable-user-namespaces) or with a value.
              .arity(flag ? "0..1" : "1")
              .fallbackValue(flag ? "true" : "")
              .paramLabel("<" + setting.type().replaceAll("[^a-z|-]+", "-") + ">")
              .description(setting.description() + " Env: " + setting.env() + ". Default: " + shown + ".")
              .build());
    }
  }

  /**
   * The settings from the environment with flags given on the command line laid over it.
   *
   * @param environment the process environment
   */
  static Outcome<DriverSettings> load(CommandSpec spec, Map<String, String> environment) {
    Map<String, String> values = new HashMap<>(environment);
    for (Setting<?> setting : Settings.ALL) {
      OptionSpec option = spec.findOption(setting.flag());
      if (option != null && !option.originalStringValues().isEmpty()) {
        values.put(setting.env(), option.getValue());
      }
    }
    return DriverSettings.fromMap(values);
  }
}
