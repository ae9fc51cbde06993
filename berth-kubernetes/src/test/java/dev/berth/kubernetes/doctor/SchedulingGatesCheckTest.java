package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.VersionInfo;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedulingGatesCheckTest {

  @ParameterizedTest
  @CsvSource({"30, OK", "35, OK", "29, WARN"})
  void gatesAreAvailableFrom130(int minor, CheckResult.Status expected) {
    CheckResult result =
        new SchedulingGatesCheck()
            .run(
                Fixtures.context(
                    Fixtures.settings(), Optional.of(new ServerVersion(1, minor, ""))));

    assertThat(result.status()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"'30+', 30", "'35', 35"})
  void managedClusterMinorVersionsAreRead(String minor, int expected) {
    VersionInfo info = new VersionInfo.Builder().withMajor("1").withMinor(minor).build();

    assertThat(ServerVersion.of(info))
        .hasValueSatisfying(v -> assertThat(v.minor()).isEqualTo(expected));
  }
}
