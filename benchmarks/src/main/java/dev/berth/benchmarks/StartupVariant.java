package dev.berth.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One way of running {@code berth serve}: a name and a command that ends in {@code -jar JAR}, to
 * which the benchmark appends {@code serve} and its arguments.
 *
 * @param name the column label
 * @param command the java executable, its options (an {@code @argfile} is allowed) and {@code -jar
 *     JAR}
 */
record StartupVariant(String name, List<String> command) {

  /**
   * Options naming a class archive; they belong to the application's class path, not the floor's.
   */
  private static final List<String> ARCHIVE_OPTIONS =
      List.of("-XX:SharedArchiveFile", "-XX:AOTCache", "-XX:AOTMode", "-Xshare");

  StartupVariant {
    command = List.copyOf(command);
    int jar = command.indexOf("-jar");
    if (jar < 1 || jar != command.size() - 2) {
      throw new IllegalArgumentException(
          "variant " + name + ": the command must be JAVA [OPTIONS] -jar JAR, not " + command);
    }
  }

  /** {@code NAME=JAVA [OPTIONS] -jar JAR}, words separated by spaces. */
  static StartupVariant parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq < 1) {
      throw new IllegalArgumentException("--variant takes NAME=COMMAND, not " + spec);
    }
    return new StartupVariant(
        spec.substring(0, eq), Arrays.asList(spec.substring(eq + 1).trim().split("\\s+")));
  }

  /**
   * The floor: the same java and options (argfiles expanded) without the application's class
   * archive, running {@link IdleMain} from {@code floorJar}.
   */
  List<String> floor(Path floorJar) throws IOException {
    List<String> c = new ArrayList<>();
    c.add(command.get(0));
    for (String option : expand(command.subList(1, command.size() - 2))) {
      if (ARCHIVE_OPTIONS.stream().noneMatch(option::startsWith)) {
        c.add(option);
      }
    }
    c.add("-cp");
    c.add(floorJar.toString());
    c.add(IdleMain.class.getName());
    return c;
  }

  private static List<String> expand(List<String> options) throws IOException {
    List<String> out = new ArrayList<>();
    for (String option : options) {
      if (option.startsWith("@")) {
        for (String word : Files.readString(Path.of(option.substring(1))).trim().split("\\s+")) {
          if (!word.isEmpty()) {
            out.add(word);
          }
        }
      } else {
        out.add(option);
      }
    }
    return out;
  }
}
