package dev.berth.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.Generation;
import dev.berth.naming.LinuxCapabilities;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.isolation.IsolationScenarios;
import dev.berth.render.isolation.RenderedIsolationSandbox;
import dev.berth.security.SandboxScc;
import dev.berth.security.Scc;
import dev.berth.security.SccAdmission;
import dev.berth.security.SccNamespace;
import dev.berth.security.SccVerdict;
import dev.berth.settings.Topology;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shipped SCC of each topology admits every golden scenario of that topology, rendered for an
 * OpenShift namespace as the driver renders it there, and it is minimal: every narrower variant
 * (one capability, volume type or relaxation less) refuses a pod the driver renders.
 */
class SandboxSccTest {

  private static final ClusterFacts OPENSHIFT =
      new ClusterFacts(SandboxApiVersion.V1BETA1, SandboxScc.OPENSHIFT_NAMESPACE);
  private static final SccNamespace NAMESPACE =
      SccNamespace.fromAnnotations(SandboxScc.OPENSHIFT_NAMESPACE);

  /** The golden scenarios of one topology, re-planned for the OpenShift namespace. */
  private static List<PodSpec> goldenPods(Topology topology) {
    List<PodSpec> pods = new ArrayList<>();
    if (topology == Topology.ISOLATION_BACKEND) {
      // Both pods of every two-pod golden scenario, in both generations' spellings.
      for (IsolationScenarios.Scenario scenario : IsolationScenarios.all()) {
        for (Generation generation : List.of(Generation.G2, Generation.G3)) {
          RenderedIsolationSandbox rendered =
              IsolationScenarios.render(scenario.plan().get().facts(OPENSHIFT), generation);
          pods.add(
              SandboxScc.admittedPod(
                  new RenderedSandbox(rendered.sandbox(), rendered.workloadTemplate())));
          pods.add(rendered.supervisorPod().getSpec());
        }
      }
      return pods;
    }
    for (RenderScenarios.Scenario scenario : RenderScenarios.all()) {
      SandboxPlan plan = scenario.plan().get().facts(OPENSHIFT).build();
      if (plan.settings().supervisor().topology() == topology) {
        pods.add(SandboxScc.admittedPod(SandboxRenderer.render(plan)));
      }
    }
    return pods;
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void theSccAdmitsEveryGoldenScenarioAndEverySampleUnchanged(Topology topology) {
    Scc scc = SandboxScc.forTopology(topology);
    List<PodSpec> pods = new ArrayList<>(goldenPods(topology));
    assertThat(pods).hasSizeGreaterThan(4);
    pods.addAll(SandboxScc.samplePods(topology));

    for (PodSpec pod : pods) {
      SccVerdict verdict = SccAdmission.evaluate(pod, scc, NAMESPACE);
      assertThat(verdict.admission())
          .as("%s: %s %s", scc.name(), verdict.denials(), verdict.conditions())
          .isEqualTo(SccVerdict.Admission.ADMITTED);
    }
    assertThat(scc.name())
        .isEqualTo("berth-sandbox-" + topology.value())
        .isNotEqualTo("privileged");
    assertThat(scc.allowPrivilegedContainer()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void everyNarrowerSccRefusesAPodTheDriverRenders(Topology topology) {
    Scc scc = SandboxScc.forTopology(topology);
    List<PodSpec> pods = new ArrayList<>(goldenPods(topology));
    pods.addAll(SandboxScc.samplePods(topology));

    assertThat(narrowings(scc)).hasSizeGreaterThan(5);
    assertThat(unneeded(scc, pods))
        .as("permissions of %s that no rendered pod needs", scc.name())
        .isEmpty();
    // The check finds a permission nothing needs.
    List<String> caps = new ArrayList<>(scc.allowedCapabilities());
    caps.add("MKNOD");
    assertThat(unneeded(new Copy(scc).caps(caps).scc(), pods)).containsExactly("capability MKNOD");
  }

  /** What each narrowing of {@code scc} takes away that no pod among {@code pods} needs. */
  private static List<String> unneeded(Scc scc, List<PodSpec> pods) {
    List<String> unneeded = new ArrayList<>();
    for (Narrowing n : narrowings(scc)) {
      boolean refused =
          pods.stream()
              .anyMatch(
                  p ->
                      SccAdmission.evaluate(p, n.scc(), NAMESPACE).admission()
                          == SccVerdict.Admission.DENIED);
      if (!refused) {
        unneeded.add(n.what());
      }
    }
    return unneeded;
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void theTopologiesNeedWhatTheirSupervisorDoes(Topology topology) {
    Scc scc = SandboxScc.forTopology(topology);
    if (topology == Topology.ISOLATION_BACKEND) {
      // Neither pod needs a capability, root or privilege escalation.
      assertThat(scc.allowedCapabilities()).isEmpty();
      assertThat(scc.allowPrivilegeEscalation()).isFalse();
      assertThat(scc.requiredDropCapabilities()).containsExactly(LinuxCapabilities.ALL);
    } else if (topology == Topology.COMBINED) {
      // The supervisor runs as root with SYS_ADMIN, which Kubernetes refuses together with
      // allowPrivilegeEscalation: false, and on the node's default seccomp profile.
      assertThat(scc.allowedCapabilities()).containsAll(LinuxCapabilities.COMBINED_AGENT);
      assertThat(scc.allowPrivilegeEscalation()).isTrue();
      assertThat(scc.seccompProfiles()).isEmpty();
      assertThat(scc.requiredDropCapabilities()).isEmpty();
    } else {
      assertThat(scc.allowedCapabilities())
          .containsAll(LinuxCapabilities.NETWORK_INIT)
          .containsAll(LinuxCapabilities.BINARY_AWARE_SIDECAR)
          .doesNotContain("SYS_ADMIN");
      assertThat(scc.allowPrivilegeEscalation()).isFalse();
      assertThat(scc.seccompProfiles()).contains(List.of(Scc.RUNTIME_DEFAULT));
      assertThat(scc.requiredDropCapabilities()).containsExactly(LinuxCapabilities.ALL);
    }
    // Both two-pod pods name the sandbox UID themselves, so their SCC can pin the range.
    assertThat(scc.runAsUser())
        .isEqualTo(
            topology == Topology.ISOLATION_BACKEND
                ? Scc.Strategy.MUST_RUN_AS_RANGE
                : Scc.Strategy.RUN_AS_ANY);
    assertThat(scc.fsGroup()).isEqualTo(Scc.Strategy.MUST_RUN_AS);
    assertThat(scc.volumes()).doesNotContain("hostPath");
  }

  private record Narrowing(String what, Scc scc) {}

  /** Every SCC one step narrower than {@code scc}. */
  static List<Narrowing> narrowings(Scc scc) {
    List<Narrowing> out = new ArrayList<>();
    for (String cap : scc.allowedCapabilities()) {
      out.add(
          narrow("capability " + cap, scc, b -> b.caps(without(scc.allowedCapabilities(), cap))));
    }
    if (!scc.requiredDropCapabilities().contains(LinuxCapabilities.ALL)) {
      out.add(narrow("no required drop of ALL", scc, b -> b.drops(List.of("ALL"))));
    }
    if (scc.allowPrivilegeEscalation()) {
      out.add(narrow("privilege escalation", scc, b -> b.escalation(false)));
    }
    for (Scc.Strategy stricter : stricterUsers(scc.runAsUser())) {
      out.add(narrow("runAsUser " + scc.runAsUser(), scc, b -> b.users(stricter)));
    }
    if (scc.fsGroup() == Scc.Strategy.RUN_AS_ANY) {
      out.add(narrow("fsGroup RunAsAny", scc, b -> b.fsGroup(Scc.Strategy.MUST_RUN_AS)));
    }
    if (scc.supplementalGroups() == Scc.Strategy.RUN_AS_ANY) {
      out.add(
          narrow(
              "supplementalGroups RunAsAny", scc, b -> b.supplemental(Scc.Strategy.MUST_RUN_AS)));
    }
    if (scc.seccompProfiles().isEmpty()) {
      out.add(
          narrow(
              "unconstrained seccomp",
              scc,
              b -> b.seccomp(Optional.of(List.of(Scc.RUNTIME_DEFAULT)))));
    } else if (scc.seccompProfiles().get().size() > 1) {
      for (String p : scc.seccompProfiles().get()) {
        out.add(
            narrow(
                "seccomp " + p,
                scc,
                b -> b.seccomp(Optional.of(without(scc.seccompProfiles().get(), p)))));
      }
    }
    if (!scc.readOnlyRootFilesystem()) {
      out.add(narrow("writable root filesystem", scc, b -> b.readOnly(true)));
    }
    for (String volume : scc.volumes()) {
      out.add(narrow("volume type " + volume, scc, b -> b.volumes(without(scc.volumes(), volume))));
    }
    return out;
  }

  private static List<Scc.Strategy> stricterUsers(Scc.Strategy current) {
    return switch (current) {
      case RUN_AS_ANY -> List.of(Scc.Strategy.MUST_RUN_AS_NON_ROOT, Scc.Strategy.MUST_RUN_AS_RANGE);
      case MUST_RUN_AS_NON_ROOT -> List.of(Scc.Strategy.MUST_RUN_AS_RANGE);
      default -> List.of();
    };
  }

  private static List<String> without(List<String> list, String item) {
    return list.stream().filter(x -> !x.equals(item)).toList();
  }

  private static Narrowing narrow(String what, Scc scc, UnaryOperator<Copy> change) {
    return new Narrowing(what, change.apply(new Copy(scc)).scc());
  }

  /** A mutable copy of an SCC, so each narrowing states only the field it changes. */
  private static final class Copy {
    private boolean escalation;
    private List<String> caps;
    private List<String> drops;
    private Scc.Strategy users;
    private Scc.Strategy fsGroup;
    private Scc.Strategy supplemental;
    private Optional<List<String>> seccomp;
    private boolean readOnly;
    private List<String> volumes;
    private final Scc base;

    Copy(Scc scc) {
      base = scc;
      escalation = scc.allowPrivilegeEscalation();
      caps = scc.allowedCapabilities();
      drops = scc.requiredDropCapabilities();
      users = scc.runAsUser();
      fsGroup = scc.fsGroup();
      supplemental = scc.supplementalGroups();
      seccomp = scc.seccompProfiles();
      readOnly = scc.readOnlyRootFilesystem();
      volumes = scc.volumes();
    }

    Copy caps(List<String> v) {
      caps = v;
      return this;
    }

    Copy drops(List<String> v) {
      drops = v;
      return this;
    }

    Copy escalation(boolean v) {
      escalation = v;
      return this;
    }

    Copy users(Scc.Strategy v) {
      users = v;
      return this;
    }

    Copy fsGroup(Scc.Strategy v) {
      fsGroup = v;
      return this;
    }

    Copy supplemental(Scc.Strategy v) {
      supplemental = v;
      return this;
    }

    Copy seccomp(Optional<List<String>> v) {
      seccomp = v;
      return this;
    }

    Copy readOnly(boolean v) {
      readOnly = v;
      return this;
    }

    Copy volumes(List<String> v) {
      volumes = v;
      return this;
    }

    Scc scc() {
      return new Scc(
          base.name(),
          base.allowPrivilegedContainer(),
          escalation,
          caps,
          drops,
          users,
          fsGroup,
          supplemental,
          base.seLinuxContext(),
          seccomp,
          readOnly,
          volumes);
    }
  }
}
