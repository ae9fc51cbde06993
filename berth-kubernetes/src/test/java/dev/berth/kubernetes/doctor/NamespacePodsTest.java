package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.security.PodSecurityReport;
import dev.berth.security.PssLevel;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which pods a namespace's enforce level refuses, and what the check says about each. */
class NamespacePodsTest {

  private static final String CHECK = "sandbox-namespace";

  private static List<NamespacePods.Judged> pods(DriverSettings settings) {
    return NamespacePods.judge(settings).orElseThrow();
  }

  private static CheckResult verdict(PssLevel enforced, List<NamespacePods.Judged> pods) {
    return NamespacePods.verdict(
        CHECK,
        Fixtures.NAMESPACE,
        "enforce=" + enforced.value(),
        enforced,
        pods,
        Fixtures.settings());
  }

  /** A supervisor pod that meets only {@code privileged}: it joins the host network. */
  private static NamespacePods.Judged hostNetworkSupervisor() {
    PodSpec spec =
        new PodSpecBuilder()
            .withHostNetwork(true)
            .withContainers(restrictedContainer("supervisor"))
            .build();
    return new NamespacePods.Judged(
        "the two-pod (g3) supervisor pod", false, PodSecurityReport.of(spec), false);
  }

  /** A container that passes every restricted check. */
  private static Container restrictedContainer(String name) {
    Container c = new Container();
    c.setName(name);
    c.setImage("x");
    c.setSecurityContext(
        new SecurityContextBuilder()
            .withAllowPrivilegeEscalation(false)
            .withRunAsNonRoot(true)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .build());
    return c;
  }

  @Test
  void withoutAPinnedGenerationEveryShapeIsJudged() {
    assertThat(pods(Fixtures.settings()))
        .extracting(NamespacePods.Judged::label)
        .containsExactly(
            "the combined pods Berth renders",
            "the two-pod (g2, g3) workload pod",
            "the two-pod (g2, g3) supervisor pod");
  }

  @Test
  void aPinnedGenerationJudgesOnlyItsShape() {
    assertThat(pods(Fixtures.settings("OPENSHELL_GATEWAY_GENERATION", "g1")))
        .extracting(NamespacePods.Judged::label)
        .containsExactly("the combined pods Berth renders");
    assertThat(pods(Fixtures.settings("OPENSHELL_GATEWAY_GENERATION", "g3")))
        .extracting(NamespacePods.Judged::label)
        .containsExactly("the two-pod (g3) workload pod", "the two-pod (g3) supervisor pod");
  }

  @Test
  void everyLevelAdmitsBothTwoPodPods() {
    List<NamespacePods.Judged> twoPod =
        pods(Fixtures.settings("OPENSHELL_GATEWAY_GENERATION", "g2"));
    for (PssLevel enforced : PssLevel.values()) {
      CheckResult result = verdict(enforced, twoPod);
      assertThat(result.status()).as("%s", enforced).isEqualTo(CheckResult.Status.OK);
      assertThat(result.found())
          .isEqualTo(
              "namespace agents exists (enforce="
                  + enforced.value()
                  + "); the two-pod (g2) workload pod meets restricted, the two-pod (g2)"
                  + " supervisor pod meets restricted.");
    }
  }

  @Test
  void restrictedRefusesOnlyTheCombinedPodsAndSaysPinningWouldDo() {
    CheckResult result = verdict(PssLevel.RESTRICTED, pods(Fixtures.settings()));

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.found())
        .startsWith(
            "namespace agents enforces restricted, which refuses the combined pods Berth renders:"
                + " they meet only privileged (first: ")
        .endsWith(
            ". It admits the two-pod (g2, g3) workload pod (restricted), the two-pod (g2, g3)"
                + " supervisor pod (restricted).");
    assertThat(result.fix())
        .hasValueSatisfying(
            f ->
                assertThat(f)
                    .contains(
                        "if no G1 gateway calls this driver, pin --gateway-generation"
                            + " (OPENSHELL_GATEWAY_GENERATION) to g2 or g3")
                    .endsWith(
                        "let the namespace admit them (kubectl label namespace agents"
                            + " pod-security.kubernetes.io/enforce=privileged --overwrite)."));
  }

  @Test
  void aRefusedSupervisorPodIsNamedWithItsFieldAtBaselineAndRestrictedButNotPrivileged() {
    List<NamespacePods.Judged> g3 =
        List.of(
            pods(Fixtures.settings("OPENSHELL_GATEWAY_GENERATION", "g3")).get(0),
            hostNetworkSupervisor());

    assertThat(verdict(PssLevel.PRIVILEGED, g3).status()).isEqualTo(CheckResult.Status.OK);
    for (PssLevel enforced : List.of(PssLevel.BASELINE, PssLevel.RESTRICTED)) {
      CheckResult result = verdict(enforced, g3);
      assertThat(result.status()).as("%s", enforced).isEqualTo(CheckResult.Status.FAIL);
      assertThat(result.found())
          .isEqualTo(
              "namespace agents enforces "
                  + enforced.value()
                  + ", which refuses the two-pod (g3) supervisor pod: it meets only privileged"
                  + " (first: pod spec.hostNetwork). It admits the two-pod (g3) workload pod"
                  + " (restricted).");
      // No topology makes a two-pod pod fit: only the label does.
      assertThat(result.fix())
          .contains(
              "let the namespace admit them (kubectl label namespace agents"
                  + " pod-security.kubernetes.io/enforce=privileged --overwrite).");
    }
  }

  @Test
  void everyRefusedPodIsNamedAndTheLabelAdmitsTheWeakest() {
    List<NamespacePods.Judged> all = new ArrayList<>(pods(Fixtures.settings()));
    all.add(hostNetworkSupervisor());

    CheckResult result = verdict(PssLevel.BASELINE, all);

    assertThat(result.found())
        .contains("refuses the combined pods Berth renders: they meet only privileged (first: ")
        .contains("; and the two-pod (g3) supervisor pod: it meets only privileged (first: pod");
    assertThat(result.fix())
        .hasValueSatisfying(
            f ->
                assertThat(f)
                    .doesNotContain("--topology")
                    .doesNotContain("pin")
                    .isEqualTo(
                        "let the namespace admit them (kubectl label namespace agents"
                            + " pod-security.kubernetes.io/enforce=privileged --overwrite)."));
  }
}
