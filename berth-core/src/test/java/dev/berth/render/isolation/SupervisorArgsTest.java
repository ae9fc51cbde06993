package dev.berth.render.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The supervisor pod's command line is one the supervisor's own argument parser accepts for its
 * isolation-backend role: every flag exists in its parser (fixture taken from its main.rs), every
 * flag the role requires is there, none the role refuses is, and every file a flag names is a key
 * of a Secret mounted at that directory, so the file exists when the supervisor starts.
 */
class SupervisorArgsTest {

  record Parser(Set<String> flags, Set<String> required, Set<String> files, Set<String> refused) {}

  static Parser parser() throws IOException {
    Set<String> flags = new TreeSet<>();
    Set<String> required = new TreeSet<>();
    Set<String> files = new TreeSet<>();
    Set<String> refused = new TreeSet<>();
    try (InputStream in =
        SupervisorArgsTest.class.getResourceAsStream("/upstream/supervisor-args-0b37da61.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        List<String> words = List.of(line.trim().split(" "));
        if (words.get(0).equals("network-proxy-only")) {
          refused.add(words.get(1));
        } else if (words.get(0).startsWith("--")) {
          flags.add(words.get(0));
          if (words.contains("required")) {
            required.add(words.get(0));
          }
          if (words.contains("file")) {
            files.add(words.get(0));
          }
        }
      }
    }
    return new Parser(flags, required, files, refused);
  }

  static List<Arguments> cases() {
    return IsolationScenarios.inBothGenerations();
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("cases")
  void theCommandIsOneTheSupervisorsParserAccepts(
      IsolationScenarios.Scenario scenario, Generation generation) throws IOException {
    Parser parser = parser();
    RenderedIsolationSandbox rendered =
        IsolationScenarios.render(scenario.plan().get(), generation);
    Pod pod = rendered.supervisorPod();
    Container supervisor = pod.getSpec().getContainers().get(0);
    List<String> command = supervisor.getCommand();

    assertThat(command.get(0)).isEqualTo(new IsolationNames(generation).supervisorBinary());
    List<String> flags = command.stream().skip(1).filter(word -> word.startsWith("--")).toList();
    assertThat(parser.flags()).containsAll(flags);
    assertThat(flags).containsAll(parser.required()).doesNotContainAnyElementsOf(parser.refused());
    assertThat(flags).doesNotHaveDuplicates();

    for (int i = 1; i < command.size() - 1; i++) {
      if (parser.files().contains(command.get(i))) {
        assertThat(fileIsMounted(pod, supervisor, command.get(i + 1)))
            .as("%s %s is provided by a mounted volume", command.get(i), command.get(i + 1))
            .isTrue();
      }
    }
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("cases")
  void theRequiredFilesAreKeysOfTheSupervisorSecret(
      IsolationScenarios.Scenario scenario, Generation generation) {
    RenderedIsolationSandbox rendered =
        IsolationScenarios.render(scenario.plan().get(), generation);
    IsolationNames names = new IsolationNames(generation);
    List<String> command = rendered.supervisorPod().getSpec().getContainers().get(0).getCommand();

    assertThat(command)
        .containsSubsequence(SupervisorArgs.BACKEND_DESCRIPTOR_FILE, names.backendDescriptorPath())
        .containsSubsequence(SupervisorArgs.AUTH_BUNDLE_FILE, names.authBundlePath());
    assertThat(names.backendDescriptorPath())
        .isEqualTo(names.supervisorDir() + "/" + IsolationNames.KEY_BACKEND_DESCRIPTOR);
    assertThat(names.authBundlePath())
        .isEqualTo(names.supervisorDir() + "/" + IsolationNames.KEY_AUTH_BUNDLE);
    Volume bootstrap =
        volume(rendered.supervisorPod(), IsolationNames.SUPERVISOR_BOOTSTRAP_VOLUME).orElseThrow();
    assertThat(bootstrap.getSecret().getSecretName())
        .isEqualTo(
            IsolationNames.supervisorSecret(
                rendered.plan().identity().id(), IsolationScenarios.RUNTIME_GENERATION));
    // The whole Secret is mounted: an items filter would silently drop a key.
    assertThat(bootstrap.getSecret().getItems()).isEmpty();
  }

  /**
   * True when {@code path} is {@code dir/key} of a Secret volume mounted at {@code dir}: either a
   * whole Secret (the supervisor bootstrap Secret, whose keys are known) or one projected key.
   */
  private static boolean fileIsMounted(Pod pod, Container container, String path) {
    int slash = path.lastIndexOf('/');
    String dir = path.substring(0, slash);
    String file = path.substring(slash + 1);
    for (VolumeMount mount : container.getVolumeMounts()) {
      if (!mount.getMountPath().equals(dir)) {
        continue;
      }
      Optional<Volume> volume = volume(pod, mount.getName());
      if (volume.isEmpty() || volume.get().getSecret() == null) {
        return false;
      }
      var secret = volume.get().getSecret();
      if (secret.getItems().isEmpty()) {
        return Set.of(
                IsolationNames.KEY_BACKEND_DESCRIPTOR,
                IsolationNames.KEY_AUTH_BUNDLE,
                IsolationNames.KEY_PROXY_CA_CERTIFICATE,
                IsolationNames.KEY_PROXY_CA_PRIVATE_KEY,
                IsolationNames.KEY_UPSTREAM_PROXY_CA_BUNDLE,
                IsolationNames.KEY_CLIENT_CA)
            .contains(file);
      }
      return secret.getItems().stream().anyMatch(item -> item.getPath().equals(file));
    }
    return false;
  }

  private static Optional<Volume> volume(Pod pod, String name) {
    return pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst();
  }
}
