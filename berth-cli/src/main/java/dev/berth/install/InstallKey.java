package dev.berth.install;

import dev.berth.result.Result;
import dev.berth.settings.Setting;
import java.util.Objects;

/**
 * A values-file key that only the install reads: Berth's own container, the OpenShift switch and
 * the gateway's name for the driver. Declared once like the driver settings ({@link
 * dev.berth.settings.Setting}), and documented from the declaration in {@code docs/install.md}.
 *
 * @param key the key in the values file, dotted for nested maps
 * @param type short text for the documentation
 * @param defaultText the default as the documentation shows it
 * @param description one or two sentences
 * @param parser turns the value's text into a value; never throws
 * @param <T> the parsed type
 */
public record InstallKey<T>(
    String key, String type, String defaultText, String description, Setting.Parser<T> parser) {

  public InstallKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultText, "defaultText");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parser, "parser");
  }

  public Result<T> parse(String text) {
    return parser.parse(text);
  }
}
