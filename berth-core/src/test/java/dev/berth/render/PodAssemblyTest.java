package dev.berth.render;

import static dev.berth.render.Contributions.env;
import static dev.berth.render.Contributions.envNames;
import static dev.berth.render.Contributions.mountPaths;
import static dev.berth.render.Contributions.names;
import static dev.berth.render.Contributions.volumeNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodAssemblyTest {

  static PodContribution.Builder of(Concern concern) {
    return PodContribution.of(concern);
  }

  static Container named(String name) {
    Container c = new Container();
    c.setName(name);
    return c;
  }

  static PodSpec assemble(PodContribution... contributions) {
    return PodAssembly.of(List.of(contributions)).template().getSpec();
  }

  static void assertRefused(String message, PodContribution... contributions) {
    assertThatThrownBy(() -> PodAssembly.of(List.of(contributions)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(message);
  }

  /** Every order of the given items (n! lists; keep n small). */
  static <T> List<List<T>> permutations(List<T> items) {
    if (items.size() <= 1) {
      return List.of(items);
    }
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<T> rest = new ArrayList<>(items);
      T first = rest.remove(i);
      for (List<T> tail : permutations(rest)) {
        List<T> p = new ArrayList<>(List.of(first));
        p.addAll(tail);
        out.add(p);
      }
    }
    return out;
  }

  // ---- one owner per field ---------------------------------------------------------------------

  @Test
  void twoConcernsSettingOnePodSpecFieldAreRefusedNamingIt() {
    assertRefused(
        "two concerns set restartPolicy of the pod spec; each field has one owner",
        of(Concern.AGENT).spec(s -> s.setRestartPolicy("Never")).build(),
        of(Concern.SCHEDULING).spec(s -> s.setRestartPolicy("Never")).build());
    assertRefused(
        "two concerns set hostUsers of the pod spec; each field has one owner",
        of(Concern.SCHEDULING).spec(s -> s.setHostUsers(false)).build(),
        of(Concern.TOPOLOGY).spec(s -> s.setHostUsers(true)).build());
  }

  @Test
  void twoConcernsSettingOneContainerFieldAreRefusedNamingIt() {
    assertRefused(
        "two concerns set image of the AGENT container; each field has one owner",
        of(Concern.AGENT).container(ContainerSlot.AGENT, c -> c.setImage("a")).build(),
        of(Concern.TOPOLOGY).container(ContainerSlot.AGENT, c -> c.setImage("a")).build());
    assertRefused(
        "two concerns set command of the NETWORK_SIDECAR container; each field has one owner",
        of(Concern.TOPOLOGY)
            .container(ContainerSlot.NETWORK_SIDECAR, c -> c.setCommand(List.of("a")))
            .build(),
        of(Concern.AGENT_SECURITY)
            .container(ContainerSlot.NETWORK_SIDECAR, c -> c.setCommand(List.of("b")))
            .build());
  }

  @Test
  void differentFieldsOfOneContainerFromDifferentConcernsMerge() {
    PodSpec pod =
        assemble(
            of(Concern.AGENT).container(ContainerSlot.AGENT, c -> c.setImage("img")).build(),
            of(Concern.TOPOLOGY)
                .container(ContainerSlot.AGENT, c -> c.setCommand(List.of("run")))
                .build(),
            of(Concern.RESOURCES).build());

    Container agent = pod.getContainers().get(0);
    assertThat(agent.getImage()).isEqualTo("img");
    assertThat(agent.getCommand()).containsExactly("run");
    assertThat(pod.getContainers()).hasSize(1);
  }

  @Test
  void oneVariableNameTwiceInAContainerIsRefused() {
    assertRefused(
        "two AGENT variables named X",
        of(Concern.ENVIRONMENT).env(ContainerSlot.AGENT, "X", "1").build(),
        of(Concern.TOPOLOGY).env(ContainerSlot.AGENT, "X", "1").build());
    assertRefused(
        "two NETWORK_SIDECAR variables named Y",
        of(Concern.TOPOLOGY)
            .env(ContainerSlot.NETWORK_SIDECAR, List.of(env("Y", "1"), env("Y", "2")))
            .build());
  }

  @Test
  void listsTheAssemblyOwnsCannotBeSetAsFields() {
    assertRefused(
        "TOPOLOGY set AGENT env directly; add them through its contribution's lists",
        of(Concern.TOPOLOGY)
            .container(ContainerSlot.AGENT, c -> c.setEnv(List.of(env("X", "1"))))
            .build());
    assertRefused(
        "WORKSPACE set volumes directly; add them through its contribution's lists",
        of(Concern.WORKSPACE)
            .spec(s -> s.setVolumes(List.of(EnvAndMounts.emptyDir("scratch"))))
            .build());
  }

  @Test
  void oneVolumeNameOrMountPathTwiceIsRefused() {
    assertRefused(
        "two volumes named scratch",
        of(Concern.USER_VOLUMES).volume(EnvAndMounts.emptyDir("scratch")).build(),
        of(Concern.WORKSPACE).volume(EnvAndMounts.emptyDir("scratch")).build());
    assertRefused(
        "two AGENT mount paths named /data",
        of(Concern.USER_VOLUMES)
            .mount(ContainerSlot.AGENT, EnvAndMounts.mount("a", "/data"))
            .build(),
        of(Concern.WORKSPACE).mount(ContainerSlot.AGENT, EnvAndMounts.mount("b", "/data")).build());
  }

  @Test
  void theSameVariableNameInTwoContainersIsFine() {
    PodSpec pod =
        assemble(
            of(Concern.ENVIRONMENT).env(ContainerSlot.AGENT, "X", "agent").build(),
            of(Concern.TOPOLOGY).env(ContainerSlot.NETWORK_SIDECAR, "X", "sidecar").build());

    assertThat(pod.getContainers().get(0).getEnv()).containsExactly(env("X", "agent"));
    assertThat(pod.getContainers().get(1).getEnv()).containsExactly(env("X", "sidecar"));
  }

  @Test
  void twoContributionsOfOneConcernAreRefused() {
    assertRefused(
        "two concerns named WORKSPACE",
        of(Concern.WORKSPACE).build(),
        of(Concern.WORKSPACE).build());
  }

  @Test
  void equalLabelsAndAnnotationsMergeDifferentOnesAreRefused() {
    PodAssembly merged =
        PodAssembly.of(
            List.of(
                of(Concern.AGENT)
                    .podLabels(Map.of("team", "a", "x", "1"))
                    .podAnnotations(Map.of("note", "n"))
                    .build(),
                of(Concern.TOPOLOGY)
                    .podLabels(Map.of("team", "a", "y", "2"))
                    .podAnnotations(Map.of("note", "n"))
                    .build()));

    assertThat(merged.template().getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("team", "a", "x", "1", "y", "2"));
    assertThat(merged.template().getMetadata().getAnnotations())
        .containsExactlyEntriesOf(Map.of("note", "n"));
    assertRefused(
        "two concerns set pod label team",
        of(Concern.AGENT).podLabels(Map.of("team", "a")).build(),
        of(Concern.TOPOLOGY).podLabels(Map.of("team", "b")).build());
    assertRefused(
        "two concerns set pod annotation note",
        of(Concern.AGENT).podAnnotations(Map.of("note", "a")).build(),
        of(Concern.TOPOLOGY).podAnnotations(Map.of("note", "b")).build());
  }

  // ---- order -----------------------------------------------------------------------------------

  @Test
  void listEntriesFollowConcernOrderWhateverTheInputOrder() {
    List<PodContribution> parts = new ArrayList<>();
    for (Concern concern : List.of(Concern.WORKSPACE, Concern.AGENT, Concern.USER_VOLUMES)) {
      String n = concern.name().toLowerCase();
      parts.add(
          of(concern)
              .env(ContainerSlot.AGENT, "E_" + n, n)
              .env(ContainerSlot.NETWORK_SIDECAR, "S_" + n, n)
              .mount(ContainerSlot.AGENT, EnvAndMounts.mount(n, "/" + n))
              .volume(EnvAndMounts.emptyDir(n))
              .claimTemplate(
                  new PersistentVolumeClaimBuilder()
                      .withNewMetadata()
                      .withName(n)
                      .endMetadata()
                      .build())
              .build());
    }

    for (List<PodContribution> order : permutations(parts)) {
      PodAssembly assembled = PodAssembly.of(order);
      PodSpec pod = assembled.template().getSpec();
      List<String> expected = List.of("agent", "user_volumes", "workspace");
      assertThat(envNames(pod.getContainers().get(0).getEnv()))
          .containsExactly("E_agent", "E_user_volumes", "E_workspace");
      assertThat(envNames(pod.getContainers().get(1).getEnv()))
          .containsExactly("S_agent", "S_user_volumes", "S_workspace");
      assertThat(mountPaths(pod.getContainers().get(0).getVolumeMounts()))
          .containsExactly("/agent", "/user_volumes", "/workspace");
      assertThat(volumeNames(pod.getVolumes())).isEqualTo(expected);
      assertThat(assembled.claimTemplates())
          .extracting(c -> c.getMetadata().getName())
          .isEqualTo(expected);
    }
  }

  @Test
  void initContainersRunInStepOrderWhateverTheConcernOrInputOrder() {
    // Concern order (topology, sideload, workspace) differs from step order on purpose.
    List<PodContribution> parts =
        List.of(
            of(Concern.WORKSPACE).initContainer(InitStep.WORKSPACE_SEED, named("seed")).build(),
            of(Concern.TOPOLOGY).initContainer(InitStep.NETWORK_INIT, named("net")).build(),
            of(Concern.SUPERVISOR_SIDELOAD)
                .initContainer(InitStep.SUPERVISOR_INSTALL, named("install"))
                .build());

    for (List<PodContribution> order : permutations(parts)) {
      assertThat(names(PodAssembly.of(order).template().getSpec().getInitContainers()))
          .containsExactly("install", "net", "seed");
    }
  }

  @Test
  void twoInitContainersAtOneStepAreRefused() {
    assertRefused(
        "two init steps named NETWORK_INIT",
        of(Concern.TOPOLOGY).initContainer(InitStep.NETWORK_INIT, named("a")).build(),
        of(Concern.WORKSPACE).initContainer(InitStep.NETWORK_INIT, named("b")).build());
  }

  @Test
  void theAgentComesFirstAndTheSidecarOnlyWhenSomeoneAddsToIt() {
    PodContribution sidecar =
        of(Concern.TOPOLOGY)
            .container(ContainerSlot.NETWORK_SIDECAR, c -> c.setName("net"))
            .build();
    PodContribution agent =
        of(Concern.AGENT).container(ContainerSlot.AGENT, c -> c.setName("agent")).build();

    assertThat(names(assemble(sidecar, agent).getContainers())).containsExactly("agent", "net");
    assertThat(names(assemble(agent).getContainers())).containsExactly("agent");
    // A mount alone is enough to make the container exist.
    assertThat(
            assemble(
                    of(Concern.WORKSPACE)
                        .mount(ContainerSlot.NETWORK_SIDECAR, EnvAndMounts.mount("v", "/v"))
                        .build())
                .getContainers())
        .singleElement()
        .satisfies(c -> assertThat(mountPaths(c.getVolumeMounts())).containsExactly("/v"));
  }

  @Test
  void aNestedMountFromAnEarlierConcernFollowsItsParent() {
    PodSpec pod =
        assemble(
            of(Concern.USER_VOLUMES)
                .mounts(
                    ContainerSlot.AGENT,
                    List.of(
                        EnvAndMounts.mount("data", "/sandbox/data"),
                        EnvAndMounts.mount("tmp", "/tmp/work")))
                .build(),
            of(Concern.WORKSPACE)
                .mount(ContainerSlot.AGENT, EnvAndMounts.mount("workspace", "/sandbox"))
                .build());

    assertThat(mountPaths(pod.getContainers().get(0).getVolumeMounts()))
        .containsExactly("/sandbox", "/sandbox/data", "/tmp/work");
  }

  // ---- parentsFirst ----------------------------------------------------------------------------

  /**
   * Input and expected output as {@code volume:path} lists; the volume name tells equal paths
   * apart.
   */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a:/sandbox/models b:/sandbox | b:/sandbox a:/sandbox/models",
        "a:/sandbox/a/b b:/sandbox/a c:/sandbox | c:/sandbox b:/sandbox/a a:/sandbox/a/b",
        "a:/b b:/a c:/c | a:/b b:/a c:/c",
        "a:/x b:/x | a:/x b:/x",
        "a:/sandbox/a m:/mnt b:/sandbox/b p:/sandbox | p:/sandbox a:/sandbox/a m:/mnt b:/sandbox/b",
        "a:/sandboxes b:/sandbox | a:/sandboxes b:/sandbox",
        "a:/sandbox b:/sandboxes/x c:/sandbox/x | a:/sandbox b:/sandboxes/x c:/sandbox/x",
        "a:/a/b/c b:/a c:/a/b | b:/a c:/a/b a:/a/b/c",
        "a:/sandbox b:/sandbox/x | a:/sandbox b:/sandbox/x",
        "' ' | ' '"
      })
  void parentsFirstMovesAParentBeforeItsFirstChildOnly(String input, String expected) {
    assertThat(spell(PodAssembly.parentsFirst(mounts(input)))).isEqualTo(expected.strip());
  }

  /** Over every order of a small set: a permutation of the input, parents always first. */
  @Test
  void parentsFirstHoldsForEveryInputOrder() {
    List<VolumeMount> all = mounts("a:/sandbox b:/sandbox/a c:/sandbox/a/b d:/sandboxes e:/mnt");
    for (List<VolumeMount> order : permutations(all)) {
      List<VolumeMount> out = PodAssembly.parentsFirst(order);
      assertThat(out).containsExactlyInAnyOrderElementsOf(order);
      List<String> paths = mountPaths(out);
      assertThat(paths.indexOf("/sandbox")).isLessThan(paths.indexOf("/sandbox/a"));
      assertThat(paths.indexOf("/sandbox/a")).isLessThan(paths.indexOf("/sandbox/a/b"));
    }
  }

  static List<VolumeMount> mounts(String spelled) {
    return Arrays.stream(spelled.strip().split(" "))
        .filter(s -> !s.isEmpty())
        .map(
            s ->
                EnvAndMounts.mount(s.substring(0, s.indexOf(':')), s.substring(s.indexOf(':') + 1)))
        .toList();
  }

  static String spell(List<VolumeMount> mounts) {
    return String.join(
        " ", mounts.stream().map(m -> m.getName() + ":" + m.getMountPath()).toList());
  }
}
