package dev.berth.install;

import dev.berth.result.Result;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.Parsed;
import dev.berth.settings.PullPolicy;
import dev.berth.settings.ServingSettings;
import dev.berth.settings.Setting;
import dev.berth.settings.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Every setting of the installed driver, from three layers: the values file, then what the
 * gateway's own configuration in the stream says, then Berth's defaults. The driver settings are
 * checked by the same loader as flags and environment variables, so a value refused at startup is
 * refused here, with its source named.
 */
final class InstallResolution {

  /**
   * The install's default health listener: on every address, because the kubelet probes the pod IP.
   */
  static final String HEALTH_ADDRESS = "0.0.0.0:8091";

  private static final String INSTALL_DEFAULT = "the install's default";

  /**
   * A value and where it came from.
   *
   * @param text the value as a setting's text
   * @param source for messages, such as {@code gateway.toml [openshell.gateway] sandbox_namespace}
   */
  record Sourced(String text, String source) {}

  /**
   * @param settings the driver's validated settings
   * @param environment the Berth container's {@code OPENSHELL_*} variables: every setting not left
   *     at Berth's default, in declaration order
   * @param options the install-only values
   * @param texts every driver setting's chosen text and source, by key
   * @param notices which defaults and gateway values were used, for stderr
   */
  record Resolved(
      DriverSettings settings,
      Map<String, String> environment,
      InstallOptions options,
      Map<String, Sourced> texts,
      List<String> notices) {}

  private InstallResolution() {}

  /**
   * @param fromGateway settings read from the gateway's own configuration and environment
   * @param installDefaults settings the install sets unless the values file or the gateway does, by
   *     key
   */
  static Result<Resolved> resolve(
      JsonNode valuesTree,
      Map<String, Sourced> fromGateway,
      Map<String, String> installDefaults,
      String berthVersion) {
    ValuesFile.Flat values = ValuesFile.flatten(valuesTree);
    List<Violation> violations = new ArrayList<>(values.violations());
    Map<String, Sourced> chosen = new LinkedHashMap<>();
    Map<String, Sourced> defaulted = new LinkedHashMap<>();
    for (Setting<?> setting : Settings.ALL) {
      JsonNode given = values.values().get(setting.key());
      if (setting == ServingSettings.BIND_SOCKET && given != null) {
        violations.add(
            new Violation(
                where(setting.key()),
                "the install sets the socket ("
                    + BerthContainer.SOCKET
                    + ") in both containers; remove this key"));
      } else if (given != null) {
        text(given, setting.key(), violations)
            .ifPresent(t -> chosen.put(setting.key(), new Sourced(t, where(setting.key()))));
      } else if (fromGateway.containsKey(setting.key())) {
        chosen.put(setting.key(), fromGateway.get(setting.key()));
      } else if (installDefaults.containsKey(setting.key())) {
        chosen.put(setting.key(), new Sourced(installDefaults.get(setting.key()), INSTALL_DEFAULT));
      }
    }
    Map<String, String> env = new HashMap<>();
    Map<String, String> sourceByEnv = new HashMap<>();
    Map<String, String> containerEnv = new LinkedHashMap<>();
    for (Setting<?> setting : Settings.ALL) {
      Sourced s = chosen.get(setting.key());
      if (s != null && !s.text().isEmpty()) {
        env.put(setting.env(), s.text());
        sourceByEnv.put(setting.env(), s.source());
        containerEnv.put(setting.env(), s.text());
      }
    }
    Result<DriverSettings> settings = DriverSettings.fromMap(env);
    for (Violation v : settings.violations()) {
      violations.add(
          new Violation(sourceByEnv.getOrDefault(v.field(), "Berth's defaults"), v.message()));
    }
    InstallOptions.Builder options = new InstallOptions.Builder(berthVersion);
    for (InstallKey<?> key : InstallSettings.ALL) {
      JsonNode given = values.values().get(key.key());
      if (given == null) {
        defaulted.put(key.key(), new Sourced(options.defaultText(key), "Berth's default"));
        continue;
      }
      text(given, key.key(), violations).ifPresent(t -> options.set(key, t, violations));
    }
    if (!violations.isEmpty()) {
      return Result.invalid(violations);
    }
    List<String> notices = new ArrayList<>();
    chosen.forEach(
        (key, s) -> {
          if (s.source().equals(INSTALL_DEFAULT)) {
            notices.add(key + ": " + s.text() + " (" + s.source() + ")");
          } else if (!s.source().startsWith(ValuesFile.SOURCE)) {
            notices.add(key + ": " + s.text() + " (from " + s.source() + ")");
          }
        });
    defaulted.forEach((key, s) -> notices.add(key + ": " + s.text() + " (" + s.source() + ")"));
    notices.add("every other setting: Berth's default (docs/configuration.md)");
    return Result.valid(
        new Resolved(settings.orElseThrow(), containerEnv, options.build(), chosen, notices));
  }

  private static String where(String key) {
    return ValuesFile.SOURCE + " key '" + key + "'";
  }

  private static Optional<String> text(JsonNode value, String key, List<Violation> violations) {
    Result<String> text = ValueTexts.of(value);
    if (text instanceof Result.Invalid<String> p) {
      violations.add(new Violation(where(key), p.problem().orElseThrow()));
      return Optional.empty();
    }
    return text.asOptional();
  }

  /**
   * The install-only values.
   *
   * @param image the Berth container's image
   * @param pullPolicy its pull policy
   * @param jvmOptions {@code JDK_JAVA_OPTIONS}
   * @param resources its requests and limits
   * @param openshift whether to add the SCC and leave UIDs to OpenShift
   * @param driverName the gateway's name for the driver under schema v2
   */
  record InstallOptions(
      String image,
      PullPolicy pullPolicy,
      String jvmOptions,
      ContainerResources resources,
      boolean openshift,
      String driverName) {

    /** Collects parsed values over the defaults. */
    static final class Builder {
      private final String berthVersion;
      private final Map<InstallKey<?>, Object> values = new HashMap<>();

      Builder(String berthVersion) {
        this.berthVersion = berthVersion;
      }

      String defaultText(InstallKey<?> key) {
        return key == InstallSettings.IMAGE
            ? InstallSettings.IMAGE_REPOSITORY + ":" + berthVersion
            : key.defaultText();
      }

      <T> void set(InstallKey<T> key, String text, List<Violation> violations) {
        Result<T> parsed = key.parse(text);
        if (parsed instanceof Result.Invalid<T> p) {
          Violation problem = p.violations().get(0);
          violations.add(
              new Violation(
                  where(key.key()),
                  Parsed.SECRET_VALUE.equals(problem.field())
                      ? problem.message()
                      : "'" + text + "'; " + problem.message()));
        } else {
          values.put(key, parsed.orElseThrow());
        }
      }

      @SuppressWarnings("unchecked")
      private <T> T get(InstallKey<T> key) {
        Object v = values.get(key);
        return v != null ? (T) v : key.parse(defaultText(key)).asOptional().orElseThrow();
      }

      InstallOptions build() {
        return new InstallOptions(
            get(InstallSettings.IMAGE),
            get(InstallSettings.IMAGE_PULL_POLICY).orElse(PullPolicy.IF_NOT_PRESENT),
            get(InstallSettings.JVM_OPTIONS_KEY),
            get(InstallSettings.RESOURCES),
            get(InstallSettings.OPENSHIFT),
            get(InstallSettings.DRIVER_NAME));
      }
    }
  }
}
