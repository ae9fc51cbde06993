package dev.berth.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.security.SccVerdict.Admission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the committed {@code docs/security.md} equal to what the rendered sandboxes yield. */
class SecurityDocsTest {

  private static final Path DOC = Path.of("..", "docs", "security.md");

  @Test
  void committedPageMatchesTheRenderedSandboxes() throws IOException {
    String generated = SecurityDocs.markdown();
    if (Boolean.parseBoolean(System.getProperty("golden.update", "false"))) {
      Files.createDirectories(DOC.getParent());
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(DOC))
        .as(
            "%s is missing; run ./mvnw -pl berth-core test -Dtest=SecurityDocsTest"
                + " -Dgolden.update=true",
            DOC.toAbsolutePath().normalize())
        .isTrue();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as(
            "%s is stale; run ./mvnw -pl berth-core test -Dtest=SecurityDocsTest"
                + " -Dgolden.update=true and commit the result",
            DOC.toAbsolutePath().normalize())
        .isEqualTo(generated);
  }

  /**
   * Pins what was measured, because the page's prose ("What to grant") relies on it: when a
   * renderer change moves a level, this fails and the prose must be revisited with the numbers.
   */
  @Test
  void measuredLevelsMatchWhatTheProseSays() {
    for (SecurityDocs.Combination c : SecurityDocs.combinations()) {
      SecurityDocs.Entry e = SecurityDocs.entry(c);
      assertThat(e.pss().level()).as(c.title()).isEqualTo(PssLevel.PRIVILEGED);
      assertThat(e.scc().admission()).as(c.title()).isEqualTo(Admission.DENIED);
      assertThat(e.pss().level("agent"))
          .as(c.title())
          .isEqualTo(c.topology().equals("sidecar") ? PssLevel.RESTRICTED : PssLevel.PRIVILEGED);
      assertThat(e.pss().findings())
          .as(c.title())
          .noneMatch(
              f ->
                  f.control() == PssControl.PRIVILEGED
                      || f.control() == PssControl.HOST_NAMESPACES
                      || f.control() == PssControl.HOST_PORTS
                      || f.control() == PssControl.HOST_PATH_VOLUMES);
    }
  }

  @Test
  void everyCombinationHasASection() {
    String page = SecurityDocs.markdown();
    assertThat(SecurityDocs.combinations()).hasSize(8);
    for (SecurityDocs.Combination c : SecurityDocs.combinations()) {
      assertThat(page).containsOnlyOnce("\n## " + c.title() + "\n");
    }
  }
}
