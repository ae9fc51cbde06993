package dev.berth.settings;

import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every setting parsed from an environment map. A setting whose text is refused records a violation
 * and reads as its default, so later checks can still run; checks that involve it are skipped
 * through {@link #valid} so that one mistake is not reported twice.
 */
final class SettingValues {

  private final Map<Setting<?>, Object> values = new IdentityHashMap<>();
  private final Set<Setting<?>> invalid = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<Violation> violations = new ArrayList<>();

  private SettingValues() {}

  static SettingValues read(Map<String, String> env) {
    SettingValues result = new SettingValues();
    for (Setting<?> setting : Settings.ALL) {
      result.readOne(setting, Objects.requireNonNullElse(env.get(setting.env()), "").strip());
    }
    return result;
  }

  private <T> void readOne(Setting<T> setting, String given) {
    String text = given.isEmpty() ? setting.defaultValue() : given;
    Result<T> parsed = setting.parse(text);
    if (parsed instanceof Result.Invalid<T> problem) {
      violations.add(
          new Violation(setting.env(), setting.problemSentence(text, problem.violations().get(0))));
      invalid.add(setting);
      parsed = setting.parse(setting.defaultValue());
    }
    values.put(
        setting,
        parsed
            .asOptional()
            .orElseThrow(
                () -> new IllegalStateException("default of " + setting.env() + " is refused")));
  }

  @SuppressWarnings("unchecked")
  <T> T get(Setting<T> setting) {
    return (T) values.get(setting);
  }

  /** True when none of {@code settings} was refused, so a check across them is meaningful. */
  boolean valid(Setting<?>... settings) {
    for (Setting<?> s : settings) {
      if (invalid.contains(s)) {
        return false;
      }
    }
    return true;
  }

  List<Violation> violations() {
    return List.copyOf(violations);
  }
}
