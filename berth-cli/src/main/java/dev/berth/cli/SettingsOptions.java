package dev.berth.cli;

import dev.berth.result.Result;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.Setting;
import dev.berth.settings.Settings;
import java.util.HashMap;
import java.util.Locale;
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
              // Booleans work as bare switches (--enable-user-namespaces) or with true/false;
              // typed as Boolean so picocli never takes the next argument as their value.
              .type(flag ? Boolean.class : String.class)
              .arity(flag ? "0..1" : "1")
              .fallbackValue(flag ? "true" : "")
              .paramLabel(paramLabel(setting.type()))
              .description(
                  setting.description() + " Env: " + setting.env() + ". Default: " + shown + ".")
              .build());
    }
  }

  /** A short placeholder for help: the choices of an enum, else the type's first word. */
  static String paramLabel(String type) {
    if (type.startsWith("enum: ")) {
      return "<" + type.substring("enum: ".length()) + ">";
    }
    String first = type.split("[ (]", 2)[0];
    return "<" + (first.isEmpty() ? "value" : first.toLowerCase(Locale.ROOT)) + ">";
  }

  /**
   * The settings from the environment with flags given on the command line laid over it.
   *
   * @param environment the process environment
   */
  static Result<DriverSettings> load(CommandSpec spec, Map<String, String> environment) {
    Map<String, String> values = new HashMap<>(environment);
    for (Setting<?> setting : Settings.ALL) {
      OptionSpec option = spec.findOption(setting.flag());
      if (option != null && !option.originalStringValues().isEmpty()) {
        Object value = option.getValue();
        values.put(setting.env(), String.valueOf(value));
      }
    }
    return DriverSettings.fromMap(values);
  }
}
