package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Source rules the compiler does not enforce, over every module: types are named through imports
 * (an inline {@code java.util.HashMap} hides a dependency from the import list) and static imports
 * name what they import (a wildcard hides where a constant comes from).
 */
class SourceHygieneTest {

  /** A qualified type name in code: lowercase package segments, then a capitalised type. */
  private static final Pattern QUALIFIED =
      Pattern.compile(
          "(?<![\\w.\"])(?:java|javax|io|dev|com|org|tools|picocli|ch)\\.(?:[a-z_][a-z0-9_]*\\.)+[A-Z]\\w*");

  private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void codeNamesTypesThroughImportsOnly() {
    List<String> found = new ArrayList<>();
    for (Path file : sources()) {
      List<String> lines = read(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.startsWith("import ")
            || line.startsWith("package ")
            || line.startsWith("*")
            || line.startsWith("/*")
            || line.startsWith("//")) {
          continue;
        }
        String code = STRING.matcher(line.replaceAll("//.*", "")).replaceAll("\"\"");
        Matcher m = QUALIFIED.matcher(code);
        while (m.find()) {
          found.add(ROOT.relativize(file) + ":" + (i + 1) + " " + m.group());
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void staticImportsNameWhatTheyImport() {
    List<String> found = new ArrayList<>();
    for (Path file : sources()) {
      for (String line : read(file)) {
        if (line.startsWith("import static ") && line.strip().endsWith(".*;")) {
          found.add(ROOT.relativize(file) + " " + line.strip());
        }
      }
    }
    assertThat(found).isEmpty();
  }

  /**
   * The plan is valid by construction, so rendering never has to unwrap or default an optional: an
   * {@code orElseThrow}, an {@code orElse("")} or a bare {@code get()} there would mean the plan
   * can hold something the renderer cannot render.
   */
  @Test
  void theRendererNeverUnwrapsOptionals() {
    Pattern unwrap = Pattern.compile("\\.orElseThrow\\(|\\.orElse\\(\"\"\\)|\\.get\\(\\)");
    Path render = ROOT.resolve("berth-core/src/main/java/dev/berth/render");
    List<String> found = new ArrayList<>();
    for (Path file : sources()) {
      if (!file.startsWith(render)) {
        continue;
      }
      List<String> lines = read(file);
      for (int i = 0; i < lines.size(); i++) {
        if (unwrap.matcher(lines.get(i)).find()) {
          found.add(ROOT.relativize(file) + ":" + (i + 1) + " " + lines.get(i).strip());
        }
      }
    }
    assertThat(sources()).anyMatch(f -> f.startsWith(render));
    assertThat(found).isEmpty();
  }

  @Test
  void theRulesSeeEveryModule() {
    assertThat(sources().stream().map(p -> ROOT.relativize(p).getName(0).toString()).distinct())
        .contains("berth-core", "berth-kubernetes", "berth-grpc", "berth-cli", "benchmarks");
  }

  private static List<Path> sources() {
    try (Stream<Path> all = Files.walk(ROOT)) {
      return all.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
