package dev.berth.security;

import static dev.berth.security.Pods.add;
import static dev.berth.security.Pods.app;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.security.SccVerdict.Admission;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.ImageVolumeSource;
import io.fabric8.kubernetes.api.model.NFSVolumeSource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RestrictedV2Test {

  private static final SccNamespace OPENSHIFT =
      SccNamespace.fromAnnotations(
          Map.of(
              "openshift.io/sa.scc.uid-range", "1000660000/10000",
              "openshift.io/sa.scc.supplemental-groups", "1000660000/10000"));

  /** A mutation of the restricted pod, the namespace facts, and the verdict with its fields. */
  record Row(
      String name,
      Consumer<PodSpec> mutation,
      SccNamespace namespace,
      Admission admission,
      List<String> fields) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Row row(String name, Consumer<PodSpec> m, Admission a, String... fields) {
    return new Row(name, m, SccNamespace.UNKNOWN, a, List.of(fields));
  }

  private static Row inOpenShift(String name, Consumer<PodSpec> m, Admission a, String... fields) {
    return new Row(name, m, OPENSHIFT, a, List.of(fields));
  }

  private static final String APP = "spec.containers[0].securityContext.";

  static Stream<Row> rows() {
    return Stream.of(
        row("the restricted pod", p -> {}, Admission.ADMITTED),
        row("privileged", p -> app(p).setPrivileged(true), Admission.DENIED, APP + "privileged"),
        row(
            "adds SYS_ADMIN",
            p -> add(p, "SYS_ADMIN", "NET_BIND_SERVICE"),
            Admission.DENIED,
            APP + "capabilities.add"),
        row(
            "adds CHOWN, which baseline would allow",
            p -> add(p, "CHOWN"),
            Admission.DENIED,
            APP + "capabilities.add"),
        row("adds NET_BIND_SERVICE", p -> add(p, "NET_BIND_SERVICE"), Admission.ADMITTED),
        row(
            "drops nothing: admission drops ALL",
            p -> app(p).setCapabilities(null),
            Admission.ADMITTED),
        row(
            "allowPrivilegeEscalation true",
            p -> app(p).setAllowPrivilegeEscalation(true),
            Admission.DENIED,
            APP + "allowPrivilegeEscalation"),
        row(
            "allowPrivilegeEscalation unset",
            p -> app(p).setAllowPrivilegeEscalation(null),
            Admission.ADMITTED),
        row("runAsUser 0", p -> app(p).setRunAsUser(0L), Admission.DENIED, APP + "runAsUser"),
        row(
            "pod runAsUser 0",
            p -> p.getSecurityContext().setRunAsUser(0L),
            Admission.DENIED,
            "spec.securityContext.runAsUser"),
        row(
            "runAsUser 1000, range unknown",
            p -> app(p).setRunAsUser(1000L),
            Admission.CONDITIONAL,
            APP + "runAsUser"),
        inOpenShift(
            "runAsUser 1000, outside the range",
            p -> app(p).setRunAsUser(1000L),
            Admission.DENIED,
            APP + "runAsUser"),
        inOpenShift(
            "runAsUser inside the range",
            p -> app(p).setRunAsUser(1000669999L),
            Admission.ADMITTED),
        inOpenShift(
            "runAsUser just past the range",
            p -> app(p).setRunAsUser(1000670000L),
            Admission.DENIED,
            APP + "runAsUser"),
        row(
            "fsGroup, groups unknown",
            p -> p.getSecurityContext().setFsGroup(1000L),
            Admission.CONDITIONAL,
            "spec.securityContext.fsGroup"),
        inOpenShift(
            "fsGroup outside the groups",
            p -> p.getSecurityContext().setFsGroup(1000L),
            Admission.DENIED,
            "spec.securityContext.fsGroup"),
        inOpenShift(
            "fsGroup inside the groups",
            p -> p.getSecurityContext().setFsGroup(1000660000L),
            Admission.ADMITTED),
        row("hostNetwork", p -> p.setHostNetwork(true), Admission.DENIED, "spec.hostNetwork"),
        row("hostPID", p -> p.setHostPID(true), Admission.DENIED, "spec.hostPID"),
        row("hostIPC", p -> p.setHostIPC(true), Admission.DENIED, "spec.hostIPC"),
        row(
            "host port",
            p -> p.getContainers().get(0).setPorts(List.of(hostPort(80))),
            Admission.DENIED,
            "spec.containers[0].ports[0].hostPort"),
        row(
            "hostPath volume",
            p -> p.getVolumes().add(hostPath()),
            Admission.DENIED,
            "spec.volumes[1].hostPath"),
        row("nfs volume", p -> p.getVolumes().add(nfs()), Admission.DENIED, "spec.volumes[1].nfs"),
        row(
            "image volume",
            p -> p.getVolumes().add(image()),
            Admission.CONDITIONAL,
            "spec.volumes[1].image"),
        row(
            "seccomp Unconfined",
            p -> app(p).setSeccompProfile(new SeccompProfile(null, "Unconfined")),
            Admission.DENIED,
            APP + "seccompProfile.type"),
        row(
            "pod seccomp Localhost",
            p ->
                p.getSecurityContext()
                    .setSeccompProfile(new SeccompProfile("agent.json", "Localhost")),
            Admission.DENIED,
            "spec.securityContext.seccompProfile.type"),
        row(
            "seccomp unset: admission defaults it",
            p -> p.getSecurityContext().setSeccompProfile(null),
            Admission.ADMITTED),
        row(
            "SELinux options",
            p -> app(p).setSeLinuxOptions(new SELinuxOptions("s0:c26,c5", null, null, null)),
            Admission.CONDITIONAL,
            APP + "seLinuxOptions"),
        row("user namespace alone", p -> p.setHostUsers(false), Admission.ADMITTED));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void verdicts(Row row) {
    PodSpec spec = Pods.restricted();
    row.mutation().accept(spec);

    SccVerdict verdict = RestrictedV2.evaluate(spec, row.namespace());

    assertThat(verdict.scc()).isEqualTo("restricted-v2");
    assertThat(verdict.admission()).as(verdict.toString()).isEqualTo(row.admission());
    List<SccVerdict.Issue> issues =
        row.admission() == Admission.DENIED ? verdict.denials() : verdict.conditions();
    assertThat(issues).extracting(SccVerdict.Issue::field).containsExactlyElementsOf(row.fields());
  }

  @Test
  void denialsExplainWhatTheSccWants() {
    PodSpec spec = Pods.restricted();
    app(spec).setRunAsUser(0L);
    add(spec, "SYS_ADMIN", "NET_ADMIN");

    SccVerdict verdict = RestrictedV2.evaluate(spec, SccNamespace.UNKNOWN);

    assertThat(verdict.denials())
        .extracting(SccVerdict.Issue::sentence)
        .containsExactly(
            "adds SYS_ADMIN, NET_ADMIN; restricted-v2 allows adding only NET_BIND_SERVICE.",
            "runs as root (runAsUser 0); restricted-v2 requires a UID from the namespace's"
                + " openshift.io/sa.scc.uid-range (MustRunAsRange).");
  }

  @Test
  void notesSayWhatAdmissionFillsIn() {
    PodSpec spec = Pods.restricted();
    app(spec).setCapabilities(null);
    app(spec).setAllowPrivilegeEscalation(null);

    SccVerdict verdict = RestrictedV2.evaluate(spec, SccNamespace.UNKNOWN);

    assertThat(verdict.notes())
        .containsExactly(
            "Admission sets runAsUser to the first UID of the namespace's range on app.",
            "Admission sets capabilities.drop: [ALL] on app.",
            "Admission sets allowPrivilegeEscalation: false on app.");
  }

  @Test
  void userNamespacePodsArePointedAtTheUserNamespaceSccs() {
    PodSpec spec = Pods.restricted();
    spec.setHostUsers(false);

    assertThat(RestrictedV2.evaluate(spec, SccNamespace.UNKNOWN).notes())
        .anySatisfy(n -> assertThat(n).contains("restricted-v3").contains("nested-container"));
  }

  @Test
  void rangesParseBothSpellingsAndSkipGarbage() {
    assertThat(IdRange.parseAll("1000660000/10000"))
        .containsExactly(new IdRange(1000660000L, 10000));
    assertThat(IdRange.parseAll("1000-1999, 5000/10"))
        .containsExactly(new IdRange(1000, 1000), new IdRange(5000, 10));
    assertThat(IdRange.parseAll("nonsense,/5,7/0")).isEmpty();
    assertThat(IdRange.parseAll(null)).isEmpty();
    assertThat(new IdRange(10, 5).contains(14)).isTrue();
    assertThat(new IdRange(10, 5).contains(15)).isFalse();
  }

  private static ContainerPort hostPort(int port) {
    ContainerPort p = new ContainerPort();
    p.setContainerPort(port);
    p.setHostPort(port);
    return p;
  }

  private static Volume hostPath() {
    Volume v = new Volume();
    v.setName("host");
    v.setHostPath(new HostPathVolumeSource("/opt/openshell/bin", null));
    return v;
  }

  private static Volume nfs() {
    Volume v = new Volume();
    v.setName("share");
    v.setNfs(new NFSVolumeSource("/exports", false, "nfs.example"));
    return v;
  }

  private static Volume image() {
    Volume v = new Volume();
    v.setName("openshell-supervisor-bin");
    v.setImage(new ImageVolumeSource(null, "ghcr.io/nvidia/openshell/supervisor:0.1.2"));
    return v;
  }
}
