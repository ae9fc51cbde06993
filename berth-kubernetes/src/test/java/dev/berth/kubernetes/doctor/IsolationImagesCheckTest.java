package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IsolationImagesCheckTest {

  private static CheckResult check(String... settings) {
    return new IsolationImagesCheck()
        .run(Fixtures.context(Fixtures.settings(settings), Optional.of(Fixtures.V1_35)));
  }

  @Test
  void theDefaultsAreOneReleaseAndSaidToBeDefaults() {
    CheckResult result = check();

    assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
    assertThat(result.found())
        .contains("supervisor:0.1.2", "sandbox-runtime:0.1.2", "release 0.1.2", "Berth's defaults");
  }

  @Test
  void imagesOfDifferentReleasesAreAWarning() {
    CheckResult result =
        check("OPENSHELL_SANDBOX_RUNTIME_IMAGE", "registry.example/sandbox-runtime:0.1.3");

    assertThat(result.status()).isEqualTo(CheckResult.Status.WARN);
    assertThat(result.fix())
        .hasValueSatisfying(
            f -> assertThat(f).contains("--supervisor-image", "--sandbox-runtime-image"));
  }

  @Test
  void aG1PinLeavesTheRuntimeImageUnused() {
    assertThat(check("OPENSHELL_GATEWAY_GENERATION", "g1").found()).startsWith("pinned to G1");
  }

  @Test
  void tagsIgnoreRegistryPortsAndDigests() {
    assertThat(IsolationImagesCheck.tag("localhost:5000/supervisor")).isEmpty();
    assertThat(IsolationImagesCheck.tag("localhost:5000/supervisor:0.2@sha256:" + "a".repeat(64)))
        .contains("0.2");
  }
}
