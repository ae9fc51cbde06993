package dev.berth.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An operator switching from upstream's G2 Kubernetes driver renames nothing: every option of its
 * binary (the fixture, with the source it was read from) is declared here under the same flag and
 * environment variable, accepted or refused with a reason.
 */
class UpstreamOptionsTest {

  record Option(String flag, String env) {}

  static List<Option> upstream() throws IOException {
    List<Option> options = new ArrayList<>();
    try (InputStream in =
        UpstreamOptionsTest.class.getResourceAsStream(
            "/upstream/kubernetes-driver-options-g2.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("--")) {
          String[] parts = line.trim().split(" ");
          options.add(new Option(parts[0], parts[1]));
        }
      }
    }
    return options;
  }

  @Test
  void everyUpstreamOptionIsDeclaredUnderTheSameFlagAndVariable() throws IOException {
    List<Option> upstream = upstream();
    Map<String, String> flagByEnv =
        Settings.ALL.stream().collect(Collectors.toMap(Setting::env, Setting::flag));

    assertThat(upstream).hasSize(39);
    List<String> missing = new ArrayList<>();
    for (Option option : upstream) {
      if (!option.flag().equals(flagByEnv.get(option.env()))) {
        missing.add(option.flag() + " " + option.env());
      }
    }
    assertThat(missing).as("upstream options Berth does not declare identically").isEmpty();
  }

  @Test
  void theCheckFailsForAnOptionBerthLacks() throws IOException {
    Map<String, String> flagByEnv =
        Settings.ALL.stream().collect(Collectors.toMap(Setting::env, Setting::flag));
    Option invented = new Option("--made-up-option", "OPENSHELL_MADE_UP_OPTION");

    assertThat(flagByEnv.get(invented.env())).isNull();
    assertThat(upstream()).doesNotContain(invented);
  }

  @Test
  void aRefusedOptionSaysWhyWhenSetAndIsFineUnset() {
    assertThat(SettingsLoader.load(Map.of()).isValid()).isTrue();
    var refused = SettingsLoader.load(Map.of("OPENSHELL_OPERATOR_NAMESPACE_FILE", "/etc/ns"));

    assertThat(refused.violations())
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.message())
                    .isEqualTo(
                        "--operator-namespace-file (OPENSHELL_OPERATOR_NAMESPACE_FILE) is"
                            + " '/etc/ns'; it belongs to the 'operator' workspace mode, which Berth"
                            + " does not offer; use --workspace-mode shared or managed."));
  }

  @Test
  void theIsolationSettingsParse() {
    DriverSettings s =
        SettingsLoader.load(
                Map.of(
                    "OPENSHELL_SANDBOX_RUNTIME_IMAGE", "registry.example.com/runtime:2",
                    "OPENSHELL_K8S_SANDBOX_RUNTIME_BOUNDARY_PORT", "6600",
                    "OPENSHELL_UPSTREAM_PROXY_CA_BUNDLE", "/etc/proxy/ca.pem"))
            .orElseThrow();

    assertThat(s.isolation().sandboxRuntimeImage()).isEqualTo("registry.example.com/runtime:2");
    assertThat(s.isolation().boundaryPort()).isEqualTo(6600);
    assertThat(s.isolation().proxyCaBundle()).contains("/etc/proxy/ca.pem");
    assertThat(
            SettingsLoader.load(Map.of("OPENSHELL_K8S_SANDBOX_RUNTIME_BOUNDARY_PORT", "0"))
                .isValid())
        .isFalse();
  }
}
