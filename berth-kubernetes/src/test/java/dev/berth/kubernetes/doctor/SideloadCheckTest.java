package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SideloadCheckTest {

  @ParameterizedTest
  @CsvSource({
    "image-volume, 36, OK",
    "image-volume, 35, OK",
    "image-volume, 34, WARN",
    "image-volume, 33, WARN",
    "image-volume, 32, FAIL",
    "init-container, 28, OK",
    "init-container, 35, OK"
  })
  void theVerdictFollowsMethodAndVersion(String method, int minor, CheckResult.Status expected) {
    CheckResult result =
        new SideloadCheck()
            .run(
                Fixtures.context(
                    Fixtures.settings("OPENSHELL_SUPERVISOR_SIDELOAD_METHOD", method),
                    Optional.of(new ServerVersion(1, minor, "v1." + minor + ".2"))));

    assertThat(result.status()).isEqualTo(expected);
    if (expected != CheckResult.Status.OK) {
      assertThat(result.fix())
          .hasValueSatisfying(
              f -> assertThat(f).contains("--supervisor-sideload-method init-container"));
    }
  }

  @ParameterizedTest
  @CsvSource({"35, true", "34, false"})
  void initContainerSaysWhenImageVolumeWouldWorkToo(int minor, boolean mentioned) {
    CheckResult result =
        new SideloadCheck()
            .run(
                Fixtures.context(
                    Fixtures.settings("OPENSHELL_SUPERVISOR_SIDELOAD_METHOD", "init-container"),
                    Optional.of(new ServerVersion(1, minor, ""))));

    assertThat(result.found().contains("could also use image-volume")).isEqualTo(mentioned);
  }
}
