package dev.berth.security;

import static dev.berth.naming.SecurityProfiles.LOCALHOST;
import static dev.berth.naming.SecurityProfiles.RUNTIME_DEFAULT;
import static dev.berth.naming.SecurityProfiles.SAFE_SYSCTLS;
import static dev.berth.naming.SecurityProfiles.UNCONFINED;
import static dev.berth.security.PodView.POD_CONTEXT;

import dev.berth.naming.LinuxCapabilities;
import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.WindowsSecurityContextOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The baseline profile: it stops known privilege escalations while letting ordinary images run.
 * Sets and versions follow pod-security-admission at policy version {@code latest} on Kubernetes
 * 1.36.
 */
final class BaselineChecks {

  private BaselineChecks() {}

  /** SELinux types a container may ask for; {@code container_engine_t} since policy 1.31. */
  static final List<String> SELINUX_TYPES =
      List.of("container_t", "container_init_t", "container_kvm_t", "container_engine_t");

  static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

  static List<Finding> check(PodView pod) {
    List<Finding> out = new ArrayList<>();
    hostNamespaces(pod, out);
    volumesAndSysctls(pod, out);
    podContext(pod, out);
    appArmorAnnotations(pod, out);
    for (ContainerView c : pod.containers()) {
      container(pod, c, out);
    }
    return out;
  }

  private static void hostNamespaces(PodView pod, List<Finding> out) {
    hostNamespace(out, "hostNetwork", pod.spec().getHostNetwork(), "network");
    hostNamespace(out, "hostPID", pod.spec().getHostPID(), "process");
    hostNamespace(out, "hostIPC", pod.spec().getHostIPC(), "IPC");
  }

  private static void hostNamespace(List<Finding> out, String field, Boolean value, String what) {
    if (Boolean.TRUE.equals(value)) {
      out.add(
          pod(
              PssControl.HOST_NAMESPACES,
              "spec." + field,
              "shares the node's "
                  + what
                  + " namespace; baseline requires "
                  + field
                  + " unset or"
                  + " false."));
    }
  }

  private static void volumesAndSysctls(PodView pod, List<Finding> out) {
    List<Volume> volumes = ContainerView.listOf(pod.spec().getVolumes());
    for (int i = 0; i < volumes.size(); i++) {
      Volume v = volumes.get(i);
      if (v.getHostPath() != null) {
        out.add(
            pod(
                PssControl.HOST_PATH_VOLUMES,
                "spec.volumes[" + i + "].hostPath",
                "volume '"
                    + v.getName()
                    + "' mounts the node's path '"
                    + v.getHostPath().getPath()
                    + "'; baseline forbids hostPath volumes."));
      }
    }
    List<Sysctl> sysctls = ContainerView.listOf(pod.context().getSysctls());
    for (int i = 0; i < sysctls.size(); i++) {
      String name = sysctls.get(i).getName();
      if (!SAFE_SYSCTLS.contains(name)) {
        out.add(
            pod(
                PssControl.SYSCTLS,
                POD_CONTEXT + "sysctls[" + i + "].name",
                "sets sysctl '"
                    + name
                    + "', which is not in the safe set; baseline allows only "
                    + String.join(", ", SAFE_SYSCTLS)
                    + "."));
      }
    }
  }

  /**
   * Pod-level settings, reported once on the pod; containers that inherit them are reported too.
   */
  private static void podContext(PodView pod, List<Finding> out) {
    PodSecurityContext p = pod.context();
    if (hostProcess(p.getWindowsOptions())) {
      out.add(
          pod(
              PssControl.HOST_PROCESS,
              POD_CONTEXT + "windowsOptions.hostProcess",
              hostProcessSentence("")));
    }
    appArmor(p.getAppArmorProfile(), "", PodSecurityReport.POD, POD_CONTEXT, out);
    seLinux(p.getSeLinuxOptions(), "", PodSecurityReport.POD, POD_CONTEXT, out);
    if (unconfined(p.getSeccompProfile())) {
      out.add(
          pod(
              PssControl.SECCOMP_BASELINE,
              POD_CONTEXT + "seccompProfile.type",
              unconfinedSentence("")));
    }
  }

  private static void container(PodView pod, ContainerView c, List<Finding> out) {
    SecurityContext sc = c.context();
    String name = c.name();
    var hostProcess =
        pod.effective(
            c,
            x -> x.getWindowsOptions() == null ? null : x.getWindowsOptions().getHostProcess(),
            x -> x.getWindowsOptions() == null ? null : x.getWindowsOptions().getHostProcess(),
            "windowsOptions.hostProcess");
    if (Boolean.TRUE.equals(hostProcess.value())) {
      out.add(
          new Finding(
              PssControl.HOST_PROCESS,
              name,
              hostProcess.field(),
              hostProcessSentence(hostProcess.origin())));
    }
    if (Boolean.TRUE.equals(sc.getPrivileged())) {
      out.add(
          new Finding(
              PssControl.PRIVILEGED,
              name,
              c.field("privileged"),
              "runs privileged, with every capability and the node's devices; baseline requires"
                  + " privileged unset or false."));
    }
    List<String> beyond = new ArrayList<>(added(sc));
    beyond.removeAll(LinuxCapabilities.BASELINE_ADDABLE);
    if (!beyond.isEmpty()) {
      out.add(
          new Finding(
              PssControl.CAPABILITIES_BASELINE,
              name,
              c.field("capabilities.add"),
              "adds "
                  + String.join(", ", beyond)
                  + "; baseline allows adding only "
                  + String.join(", ", LinuxCapabilities.BASELINE_ADDABLE)
                  + "."));
    }
    HostEndpointChecks.hostPorts(c, out);
    HostEndpointChecks.hostProbes(c, out);
    var apparmor =
        pod.effective(
            c,
            SecurityContext::getAppArmorProfile,
            PodSecurityContext::getAppArmorProfile,
            "appArmorProfile");
    appArmor(
        apparmor.value(),
        apparmor.origin(),
        name,
        apparmor.inherited() ? POD_CONTEXT : c.path() + ".securityContext.",
        out);
    var selinux =
        pod.effective(
            c,
            SecurityContext::getSeLinuxOptions,
            PodSecurityContext::getSeLinuxOptions,
            "seLinuxOptions");
    seLinux(
        selinux.value(),
        selinux.origin(),
        name,
        selinux.inherited() ? POD_CONTEXT : c.path() + ".securityContext.",
        out);
    procMount(pod, c, out);
    var seccomp =
        pod.effective(
            c,
            SecurityContext::getSeccompProfile,
            PodSecurityContext::getSeccompProfile,
            "seccompProfile.type");
    if (unconfined(seccomp.value())) {
      out.add(
          new Finding(
              PssControl.SECCOMP_BASELINE,
              name,
              seccomp.field(),
              unconfinedSentence(seccomp.origin())));
    }
  }

  private static void appArmor(
      AppArmorProfile profile, String origin, String scope, String prefix, List<Finding> out) {
    if (profile != null
        && !RUNTIME_DEFAULT.equals(profile.getType())
        && !LOCALHOST.equals(profile.getType())) {
      out.add(
          new Finding(
              PssControl.APP_ARMOR,
              scope,
              prefix + "appArmorProfile.type",
              "runs with AppArmor profile '"
                  + profile.getType()
                  + "'"
                  + origin
                  + "; baseline allows only RuntimeDefault or Localhost."));
    }
  }

  private static void appArmorAnnotations(PodView pod, List<Finding> out) {
    Set<String> names = new HashSet<>();
    pod.containers().forEach(c -> names.add(c.name()));
    for (Map.Entry<String, String> e : new TreeMap<>(pod.annotations()).entrySet()) {
      String value = e.getValue() == null ? "" : e.getValue();
      if (!e.getKey().startsWith(APPARMOR_ANNOTATION)
          || value.isEmpty()
          || value.equals("runtime/default")
          || value.startsWith("localhost/")) {
        continue;
      }
      String container = e.getKey().substring(APPARMOR_ANNOTATION.length());
      out.add(
          new Finding(
              PssControl.APP_ARMOR,
              names.contains(container) ? container : PodSecurityReport.POD,
              "metadata.annotations['" + e.getKey() + "']",
              "asks for AppArmor profile '"
                  + value
                  + "'; baseline allows only runtime/default or"
                  + " localhost/<profile>."));
    }
  }

  private static void seLinux(
      SELinuxOptions options, String origin, String scope, String prefix, List<Finding> out) {
    if (options == null) {
      return;
    }
    String type = options.getType() == null ? "" : options.getType();
    if (!type.isEmpty() && !SELINUX_TYPES.contains(type)) {
      out.add(
          new Finding(
              PssControl.SE_LINUX,
              scope,
              prefix + "seLinuxOptions.type",
              "runs with SELinux type '"
                  + type
                  + "'"
                  + origin
                  + "; baseline allows only "
                  + String.join(", ", SELINUX_TYPES)
                  + " or none."));
    }
    for (String[] field :
        new String[][] {{"user", options.getUser()}, {"role", options.getRole()}}) {
      if (field[1] != null && !field[1].isEmpty()) {
        out.add(
            new Finding(
                PssControl.SE_LINUX,
                scope,
                prefix + "seLinuxOptions." + field[0],
                "sets SELinux "
                    + field[0]
                    + " '"
                    + field[1]
                    + "'"
                    + origin
                    + "; baseline requires it unset."));
      }
    }
  }

  /**
   * Since policy 1.35 baseline accepts any /proc mount type in a user-namespace pod, while
   * restricted (procMount_restricted) still wants Default; so the finding's level depends on it.
   */
  private static void procMount(PodView pod, ContainerView c, List<Finding> out) {
    String mount = c.context().getProcMount();
    if (mount == null || mount.equals("Default")) {
      return;
    }
    boolean userNamespaced = pod.userNamespaced();
    out.add(
        new Finding(
            userNamespaced ? PssControl.PROC_MOUNT_RESTRICTED : PssControl.PROC_MOUNT,
            c.name(),
            c.field("procMount"),
            userNamespaced
                ? "sets procMount "
                    + mount
                    + "; baseline accepts that in a user-namespace pod,"
                    + " restricted requires Default or unset."
                : "sets procMount "
                    + mount
                    + ", unmasking /proc paths the runtime hides; baseline"
                    + " requires Default or unset."));
  }

  static List<String> added(SecurityContext sc) {
    return sc.getCapabilities() == null
        ? List.of()
        : ContainerView.listOf(sc.getCapabilities().getAdd());
  }

  /** The capabilities a container drops; none when it sets no capabilities. */
  static List<String> dropped(SecurityContext sc) {
    return sc.getCapabilities() == null
        ? List.of()
        : ContainerView.listOf(sc.getCapabilities().getDrop());
  }

  private static boolean hostProcess(WindowsSecurityContextOptions options) {
    return options != null && Boolean.TRUE.equals(options.getHostProcess());
  }

  private static boolean unconfined(SeccompProfile profile) {
    return profile != null && UNCONFINED.equals(profile.getType());
  }

  private static Finding pod(PssControl control, String field, String sentence) {
    return new Finding(control, PodSecurityReport.POD, field, sentence);
  }

  private static String hostProcessSentence(String origin) {
    return "runs as a Windows HostProcess with full access to the node"
        + origin
        + "; baseline requires hostProcess unset or false.";
  }

  private static String unconfinedSentence(String origin) {
    return "runs without a seccomp filter (Unconfined)" + origin + "; baseline forbids Unconfined.";
  }
}
