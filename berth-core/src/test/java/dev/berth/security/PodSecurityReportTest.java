package dev.berth.security;

import static dev.berth.security.Pods.add;
import static dev.berth.security.Pods.app;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.ImageVolumeSource;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import io.fabric8.kubernetes.api.model.NFSVolumeSource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodOS;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.WindowsSecurityContextOptions;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PodSecurityReportTest {

  /**
   * One mutation of the restricted pod, the findings it must produce ("scope:checkId", in report
   * order) and the level the pod then reaches. Rows with no findings prove a check passes.
   */
  record Row(String name, Consumer<PodSpec> mutation, List<String> findings, PssLevel level) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Row fails(String name, Consumer<PodSpec> m, PssLevel level, String... findings) {
    return new Row(name, m, List.of(findings), level);
  }

  private static Row passes(String name, Consumer<PodSpec> m) {
    return new Row(name, m, List.of(), PssLevel.RESTRICTED);
  }

  private static final PssLevel PRIVILEGED = PssLevel.PRIVILEGED;
  private static final PssLevel BASELINE = PssLevel.BASELINE;

  static Stream<Row> rows() {
    return Stream.of(
        passes("the restricted pod", p -> {}),
        // Host namespaces
        fails("hostNetwork", p -> p.setHostNetwork(true), PRIVILEGED, "pod:hostNamespaces"),
        fails("hostPID", p -> p.setHostPID(true), PRIVILEGED, "pod:hostNamespaces"),
        fails("hostIPC", p -> p.setHostIPC(true), PRIVILEGED, "pod:hostNamespaces"),
        passes("host namespaces explicitly false", p -> p.setHostNetwork(false)),
        // HostProcess
        fails(
            "pod hostProcess, inherited by the container",
            p -> p.getSecurityContext().setWindowsOptions(hostProcess(true)),
            PRIVILEGED,
            "pod:windowsHostProcess",
            "app:windowsHostProcess"),
        fails(
            "container hostProcess",
            p -> app(p).setWindowsOptions(hostProcess(true)),
            PRIVILEGED,
            "app:windowsHostProcess"),
        passes("hostProcess false", p -> app(p).setWindowsOptions(hostProcess(false))),
        // Privileged
        fails("privileged", p -> app(p).setPrivileged(true), PRIVILEGED, "app:privileged"),
        passes("privileged false", p -> app(p).setPrivileged(false)),
        // Capabilities
        fails("adds SYS_ADMIN", p -> add(p, "SYS_ADMIN"), PRIVILEGED, "app:capabilities_baseline"),
        fails(
            "adds CHOWN (baseline allows it)",
            p -> add(p, "CHOWN"),
            BASELINE,
            "app:capabilities_restricted"),
        passes("adds NET_BIND_SERVICE", p -> add(p, "NET_BIND_SERVICE")),
        fails(
            "drops nothing",
            p -> app(p).getCapabilities().setDrop(List.of()),
            BASELINE,
            "app:capabilities_restricted"),
        fails(
            "drops only NET_RAW",
            p -> app(p).getCapabilities().setDrop(List.of("NET_RAW")),
            BASELINE,
            "app:capabilities_restricted"),
        // Volumes
        fails(
            "hostPath volume",
            p -> p.getVolumes().add(hostPath()),
            PRIVILEGED,
            "pod:hostPathVolumes"),
        fails("nfs volume", p -> p.getVolumes().add(nfs()), BASELINE, "pod:restrictedVolumes"),
        passes("image volume", p -> p.getVolumes().add(image())),
        // Host ports
        fails(
            "host port 8080",
            p -> p.getContainers().get(0).setPorts(List.of(port(8080))),
            PRIVILEGED,
            "app:hostPorts"),
        passes("host port 0", p -> p.getContainers().get(0).setPorts(List.of(port(0)))),
        // Host probes and lifecycle hooks
        fails(
            "probe with a host",
            p ->
                p.getContainers()
                    .get(0)
                    .setLivenessProbe(
                        new ProbeBuilder()
                            .withNewHttpGet()
                            .withHost("10.0.0.1")
                            .withPath("/")
                            .endHttpGet()
                            .build()),
            PRIVILEGED,
            "app:hostProbesAndHostLifecycle"),
        passes(
            "probe without a host",
            p ->
                p.getContainers()
                    .get(0)
                    .setReadinessProbe(
                        new ProbeBuilder().withNewTcpSocket().endTcpSocket().build())),
        fails(
            "preStop hook with a host",
            p ->
                p.getContainers()
                    .get(0)
                    .setLifecycle(
                        new LifecycleBuilder()
                            .withNewPreStop()
                            .withNewTcpSocket()
                            .withHost("metadata.internal")
                            .endTcpSocket()
                            .endPreStop()
                            .build()),
            PRIVILEGED,
            "app:hostProbesAndHostLifecycle"),
        // AppArmor
        fails(
            "AppArmor Unconfined",
            p -> app(p).setAppArmorProfile(new AppArmorProfile(null, "Unconfined")),
            PRIVILEGED,
            "app:appArmorProfile"),
        fails(
            "pod AppArmor Unconfined",
            p -> p.getSecurityContext().setAppArmorProfile(new AppArmorProfile(null, "Unconfined")),
            PRIVILEGED,
            "pod:appArmorProfile",
            "app:appArmorProfile"),
        passes(
            "AppArmor Localhost",
            p -> app(p).setAppArmorProfile(new AppArmorProfile("k8s-agent", "Localhost"))),
        fails(
            "container RuntimeDefault overrides an Unconfined pod, which still fails itself",
            p -> {
              p.getSecurityContext().setAppArmorProfile(new AppArmorProfile(null, "Unconfined"));
              app(p).setAppArmorProfile(new AppArmorProfile(null, "RuntimeDefault"));
            },
            PRIVILEGED,
            "pod:appArmorProfile"),
        // SELinux
        fails(
            "SELinux type spc_t",
            p -> app(p).setSeLinuxOptions(selinux("spc_t", null)),
            PRIVILEGED,
            "app:seLinuxOptions"),
        passes(
            "SELinux type container_engine_t",
            p -> app(p).setSeLinuxOptions(selinux("container_engine_t", null))),
        passes(
            "SELinux level only",
            p -> app(p).setSeLinuxOptions(new SELinuxOptions("s0:c1", null, null, null))),
        fails(
            "SELinux user",
            p -> app(p).setSeLinuxOptions(selinux("container_t", "system_u")),
            PRIVILEGED,
            "app:seLinuxOptions"),
        // /proc mount
        fails(
            "procMount Unmasked",
            p -> app(p).setProcMount("Unmasked"),
            PRIVILEGED,
            "app:procMount"),
        fails(
            "procMount Unmasked in a user namespace",
            p -> {
              p.setHostUsers(false);
              app(p).setProcMount("Unmasked");
            },
            BASELINE,
            "app:procMount_restricted"),
        passes("procMount Default", p -> app(p).setProcMount("Default")),
        // Seccomp
        fails(
            "container seccomp Unconfined",
            p -> app(p).setSeccompProfile(seccomp("Unconfined")),
            PRIVILEGED,
            "app:seccompProfile_baseline"),
        fails(
            "pod seccomp Unconfined, inherited",
            p -> p.getSecurityContext().setSeccompProfile(seccomp("Unconfined")),
            PRIVILEGED,
            "pod:seccompProfile_baseline",
            "app:seccompProfile_baseline"),
        fails(
            "no seccomp profile anywhere",
            p -> p.getSecurityContext().setSeccompProfile(null),
            BASELINE,
            "app:seccompProfile_restricted"),
        passes(
            "container RuntimeDefault without a pod profile",
            p -> {
              p.getSecurityContext().setSeccompProfile(null);
              app(p).setSeccompProfile(seccomp("RuntimeDefault"));
            }),
        passes("container Localhost", p -> app(p).setSeccompProfile(localhost())),
        // Sysctls
        fails(
            "unsafe sysctl",
            p -> p.getSecurityContext().setSysctls(List.of(new Sysctl("kernel.msgmax", "65536"))),
            PRIVILEGED,
            "pod:sysctls"),
        passes(
            "sysctl added in 1.32",
            p ->
                p.getSecurityContext()
                    .setSysctls(List.of(new Sysctl("net.ipv4.tcp_rmem", "4096 87380 6291456")))),
        // Privilege escalation
        fails(
            "allowPrivilegeEscalation unset",
            p -> app(p).setAllowPrivilegeEscalation(null),
            BASELINE,
            "app:allowPrivilegeEscalation"),
        fails(
            "allowPrivilegeEscalation true",
            p -> app(p).setAllowPrivilegeEscalation(true),
            BASELINE,
            "app:allowPrivilegeEscalation"),
        // runAsNonRoot
        fails(
            "runAsNonRoot nowhere",
            p -> p.getSecurityContext().setRunAsNonRoot(null),
            BASELINE,
            "app:runAsNonRoot"),
        passes(
            "runAsNonRoot on the container only",
            p -> {
              p.getSecurityContext().setRunAsNonRoot(null);
              app(p).setRunAsNonRoot(true);
            }),
        fails(
            "pod runAsNonRoot false, even when the container says true",
            p -> {
              p.getSecurityContext().setRunAsNonRoot(false);
              app(p).setRunAsNonRoot(true);
            },
            BASELINE,
            "pod:runAsNonRoot"),
        fails(
            "container runAsNonRoot false",
            p -> app(p).setRunAsNonRoot(false),
            BASELINE,
            "app:runAsNonRoot"),
        // runAsUser
        fails("container runAsUser 0", p -> app(p).setRunAsUser(0L), BASELINE, "app:runAsUser"),
        fails(
            "pod runAsUser 0, inherited",
            p -> p.getSecurityContext().setRunAsUser(0L),
            BASELINE,
            "pod:runAsUser",
            "app:runAsUser"),
        passes("runAsUser 1000", p -> app(p).setRunAsUser(1000L)),
        passes(
            "root in a user namespace (policy 1.35 relaxation)",
            p -> {
              p.setHostUsers(false);
              p.getSecurityContext().setRunAsNonRoot(null);
              app(p).setRunAsUser(0L);
            }),
        // Windows pods skip the Linux-only restricted checks
        passes(
            "Windows pod without Linux hardening",
            p -> {
              p.setOs(new PodOS("windows"));
              p.getSecurityContext().setSeccompProfile(null);
              app(p).setAllowPrivilegeEscalation(null);
              app(p).setCapabilities(null);
            }),
        // Every container kind is visited
        passes(
            "hardened init container", p -> p.setInitContainers(List.of(Pods.container("setup")))),
        fails(
            "init container that adds NET_ADMIN",
            p -> {
              var init = Pods.container("setup");
              init.getSecurityContext().getCapabilities().setAdd(List.of("NET_ADMIN"));
              p.setInitContainers(List.of(init));
            },
            PRIVILEGED,
            "setup:capabilities_baseline"),
        fails(
            "ephemeral debug container",
            p -> {
              EphemeralContainer debug = new EphemeralContainer();
              debug.setName("debug");
              p.setEphemeralContainers(List.of(debug));
            },
            BASELINE,
            "debug:allowPrivilegeEscalation",
            "debug:capabilities_restricted"));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void eachCheckFailsAndPasses(Row row) {
    PodSpec spec = Pods.restricted();
    row.mutation().accept(spec);

    PodSecurityReport report = PodSecurityReport.of(spec);

    assertThat(report.findings())
        .extracting(f -> f.scope() + ":" + f.control().checkId())
        .as(report.findings().toString())
        .containsExactlyElementsOf(row.findings());
    assertThat(report.level()).isEqualTo(row.level());
  }

  @Test
  void inheritedValuesNameThePodFieldAndSaySo() {
    PodSpec spec = Pods.restricted();
    spec.getSecurityContext().setRunAsUser(0L);

    Finding inherited = PodSecurityReport.of(spec).findings("app").get(0);

    assertThat(inherited.field()).isEqualTo("spec.securityContext.runAsUser");
    assertThat(inherited.sentence())
        .isEqualTo(
            "runs as root (runAsUser 0) (inherited from the pod's securityContext); restricted"
                + " requires a non-zero runAsUser or none.");
  }

  @Test
  void containerFieldPathsUseTheContainerIndex() {
    PodSpec spec = Pods.restricted();
    spec.getContainers().add(0, Pods.container("first"));
    add(spec, "SYS_ADMIN", "NET_ADMIN", "CHOWN");

    PodSecurityReport report = PodSecurityReport.of(spec);

    assertThat(report.findings("app"))
        .extracting(Finding::field, Finding::sentence)
        .containsExactly(
            Tuple.tuple(
                "spec.containers[1].securityContext.capabilities.add",
                "adds SYS_ADMIN, NET_ADMIN; baseline allows adding only AUDIT_WRITE, CHOWN,"
                    + " DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP,"
                    + " SETGID, SETPCAP, SETUID, SYS_CHROOT."),
            Tuple.tuple(
                "spec.containers[1].securityContext.capabilities.add",
                "adds CHOWN; restricted allows adding only NET_BIND_SERVICE."));
  }

  @Test
  void levelsArePerScopeAndFailingListsWhatBreaksEachProfile() {
    PodSpec spec = Pods.restricted();
    spec.setInitContainers(List.of(Pods.container("setup")));
    app(spec).setAllowPrivilegeEscalation(null);
    spec.getInitContainers().get(0).getSecurityContext().setPrivileged(true);

    PodSecurityReport report = PodSecurityReport.of(spec);

    assertThat(report.scopes())
        .extracting(Scope::name)
        .containsExactly(PodSecurityReport.POD, "setup", "app");
    assertThat(report.level(PodSecurityReport.POD)).isEqualTo(PssLevel.RESTRICTED);
    assertThat(report.level("setup")).isEqualTo(PssLevel.PRIVILEGED);
    assertThat(report.level("app")).isEqualTo(PssLevel.BASELINE);
    assertThat(report.level()).isEqualTo(PssLevel.PRIVILEGED);
    assertThat(report.failing(PssLevel.BASELINE))
        .extracting(Finding::scope)
        .containsExactly("setup");
    assertThat(report.failing(PssLevel.RESTRICTED)).hasSize(2);
    assertThat(report.failing(PssLevel.PRIVILEGED)).isEmpty();
  }

  @Test
  void appArmorAnnotationsAreReadFromTheTemplate() {
    PodTemplateSpec template = new PodTemplateSpec(new ObjectMeta(), Pods.restricted());
    template
        .getMetadata()
        .setAnnotations(
            Map.of(
                "container.apparmor.security.beta.kubernetes.io/app", "unconfined",
                "container.apparmor.security.beta.kubernetes.io/other", "localhost/agent"));

    PodSecurityReport report = PodSecurityReport.of(template);

    assertThat(report.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.scope()).isEqualTo("app");
              assertThat(f.control()).isEqualTo(PssControl.APP_ARMOR);
              assertThat(f.field())
                  .isEqualTo(
                      "metadata.annotations['container.apparmor.security.beta.kubernetes.io/app']");
            });
  }

  @Test
  void anEmptyPodIsRestricted() {
    assertThat(PodSecurityReport.of(new PodSpec()).level()).isEqualTo(PssLevel.RESTRICTED);
    assertThat(PodSecurityReport.of(new PodTemplateSpec()).findings()).isEmpty();
  }

  private static WindowsSecurityContextOptions hostProcess(boolean on) {
    WindowsSecurityContextOptions o = new WindowsSecurityContextOptions();
    o.setHostProcess(on);
    return o;
  }

  private static Volume hostPath() {
    Volume v = new Volume();
    v.setName("docker");
    v.setHostPath(new HostPathVolumeSource("/var/run/docker.sock", "Socket"));
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
    v.setName("tools");
    v.setImage(new ImageVolumeSource("IfNotPresent", "example/tools:1"));
    return v;
  }

  private static ContainerPort port(int hostPort) {
    ContainerPort port = new ContainerPort();
    port.setContainerPort(8080);
    port.setHostPort(hostPort);
    return port;
  }

  private static SELinuxOptions selinux(String type, String user) {
    return new SELinuxOptions(null, null, type, user);
  }

  private static SeccompProfile seccomp(String type) {
    return new SeccompProfile(null, type);
  }

  private static SeccompProfile localhost() {
    return new SeccompProfile("profiles/agent.json", "Localhost");
  }
}
