package dev.berth.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Berth container runs with the options {@code berth serve} runs with everywhere else. */
class JvmOptionsTest {

  @Test
  void theContainersJvmOptionsAreServesOwn() throws IOException {
    try (InputStream in =
        JvmOptionsTest.class.getResourceAsStream("/dev/berth/cli/serve.jvmopts")) {
      assertThat(in).isNotNull();
      String serve = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(InstallSettings.JVM_OPTIONS).isEqualTo(String.join(" ", serve.split("\\s+")));
    }
  }
}
