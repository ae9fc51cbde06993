package dev.berth.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the committed {@code docs/configuration.md} equal to what the declarations render. */
class ConfigurationDocsTest {

  private static final Path DOC = Path.of("..", "docs", "configuration.md");

  @Test
  void committedPageMatchesTheDeclarations() throws IOException {
    String generated = ConfigurationDocs.markdown();
    if (Boolean.parseBoolean(System.getProperty("golden.update", "false"))) {
      Files.createDirectories(DOC.getParent());
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(DOC))
        .as(
            "%s is missing; run ./mvnw -pl berth-core test -Dtest=ConfigurationDocsTest"
                + " -Dgolden.update=true",
            DOC.toAbsolutePath().normalize())
        .isTrue();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as(
            "%s is stale; run ./mvnw -pl berth-core test -Dtest=ConfigurationDocsTest"
                + " -Dgolden.update=true and commit the result",
            DOC.toAbsolutePath().normalize())
        .isEqualTo(generated);
  }

  @Test
  void everySettingHasOneRow() {
    String page = ConfigurationDocs.markdown();
    for (Setting<?> s : Settings.ALL) {
      assertThat(page).as(s.env()).containsOnlyOnce("| `" + s.flag() + "` | `" + s.env() + "` |");
    }
    for (SettingGroup g : SettingGroup.values()) {
      assertThat(page).containsOnlyOnce("\n## " + g.title() + "\n");
    }
  }

  @Test
  void pipesInsideCellsAreEscapedSoTablesKeepSixColumns() {
    String row =
        ConfigurationDocs.markdown()
            .lines()
            .filter(l -> l.startsWith("| `--topology`"))
            .findFirst()
            .orElseThrow();
    assertThat(row).contains("enum: combined\\|sidecar");
    assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(7);
  }
}
