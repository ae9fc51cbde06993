package dev.berth.settings;

import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.util.Objects;

/**
 * One driver setting, declared once: its names in every spelling, its documentation and its parser.
 * The loader, the CLI and {@code docs/configuration.md} are all derived from these declarations, so
 * they cannot drift apart.
 *
 * @param key the upstream TOML key in {@code [openshell.drivers.kubernetes]}, dotted for nested
 *     tables ({@code sidecar.proxy_uid}); Berth-only settings get a key in the same style
 * @param env the environment variable, exactly as upstream spells it
 * @param flag the long command-line flag, exactly as upstream spells it
 * @param type short human text for the documentation, such as {@code enum: shared|managed}
 * @param defaultValue the default as a user would type it; empty means unset
 * @param description one or two sentences for the documentation
 * @param group the documentation section
 * @param parser turns the trimmed text (the default when the user gave none) into a value
 * @param <T> the parsed type
 */
public record Setting<T>(
    String key,
    String env,
    String flag,
    String type,
    String defaultValue,
    String description,
    SettingGroup group,
    Parser<T> parser) {

  /**
   * A pure parser: never throws for bad input.
   *
   * @param <T> the parsed type
   */
  @FunctionalInterface
  public interface Parser<T> {
    Result<T> parse(String text);
  }

  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(flag, "flag");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(parser, "parser");
  }

  public Result<T> parse(String text) {
    return parser.parse(text);
  }

  /** How sentences name the setting, so a reader finds it whichever spelling they used. */
  public String label() {
    return flag + " (" + env + ")";
  }

  /** The violation sentence for a value this setting's parser refused. */
  public String problemSentence(String value, Violation problem) {
    if (Parsed.SECRET_VALUE.equals(problem.field())) {
      return label() + " " + problem.message() + ".";
    }
    return label() + " is '" + printable(value) + "'; " + problem.message() + ".";
  }

  /**
   * Escapes control characters so that a stray newline in the environment cannot split or forge a
   * line of the startup error output.
   */
  static String printable(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value
        .codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
