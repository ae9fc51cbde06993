package dev.berth.naming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.result.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerPathsTest {

  @ParameterizedTest
  @CsvSource({
    "/sandbox, /sandbox",
    "/sandbox/, /sandbox",
    "/a/b/c, /a/b/c",
    "/a/.b/..c, /a/.b/..c",
  })
  void normalizesAbsolutePaths(String raw, String expected) {
    assertThat(ContainerPaths.normalizeAbsolute(raw)).isEqualTo(Result.valid(expected));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''| must not be empty",
        "/| must not be the container root '/'",
        "relative| must be an absolute path starting with '/'",
        "/a//b| must be normalized, without empty, '.' or '..' segments",
        "/a/./b| must be normalized, without empty, '.' or '..' segments",
        "/a/..| must be normalized, without empty, '.' or '..' segments",
        "/a/../b| must be normalized, without empty, '.' or '..' segments",
        "//| must be normalized, without empty, '.' or '..' segments",
        "' /a'| must not start or end with whitespace",
      })
  void refusesWhatIsNotANormalizedAbsolutePath(String raw, String phrase) {
    assertThat(ContainerPaths.normalizeAbsolute(raw)).isEqualTo(Result.invalid(phrase));
  }

  @ParameterizedTest
  @CsvSource({
    "/sandbox, /sandbox, true",
    "/sandbox/data, /sandbox, true",
    "/sandboxes, /sandbox, false",
    "/sand, /sandbox, false",
    "/anything, /, true",
    "/a, /a/b, false",
  })
  void isOrUnderComparesWholeSegments(String path, String parent, boolean expected) {
    assertThat(ContainerPaths.isOrUnder(path, parent)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"/a, 1", "/a/b/c, 3", "/, 1"})
  void depthCountsSegments(String path, int expected) {
    assertThat(ContainerPaths.depth(path)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"'/a\tb', true", "'/a\u2028b', true", "'/a b', false"})
  void controlCharactersAreFound(String path, boolean expected) {
    assertThat(ContainerPaths.hasControl(path)).isEqualTo(expected);
  }
}
