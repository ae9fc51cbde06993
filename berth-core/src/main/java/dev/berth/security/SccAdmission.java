package dev.berth.security;

import static dev.berth.security.PodView.POD_CONTEXT;

import dev.berth.naming.LinuxCapabilities;
import dev.berth.naming.SecurityProfiles;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether an SCC admits a pod <em>as rendered</em>. OpenShift's admission refuses some settings and
 * fills in others; a fill-in that changes what a container runs with (dropping a capability it
 * keeps, forcing a read-only root filesystem, a seccomp profile, a UID or {@code
 * allowPrivilegeEscalation: false}) counts as a denial here, because Berth renders exactly what
 * each container needs and a silent change either breaks the sandbox or hides what it runs with.
 * Fill-ins that only label the pod (an SELinux MCS level, a supplemental group) are notes.
 */
public final class SccAdmission {

  private SccAdmission() {}

  public static SccVerdict evaluate(PodSpec spec, Scc scc, SccNamespace namespace) {
    PodView pod = PodView.of(spec, Map.of());
    Run run = new Run(pod, scc, namespace, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    run.podLevel();
    pod.containers().forEach(run::container);
    return SccVerdict.of(scc.name(), run.denials, run.conditions, run.notes);
  }

  /** One evaluation; holds the lists so each rule is a short method. */
  private record Run(
      PodView pod,
      Scc scc,
      SccNamespace namespace,
      List<SccVerdict.Issue> denials,
      List<SccVerdict.Issue> conditions,
      List<String> notes) {

    void podLevel() {
      PodSpec s = pod.spec();
      for (var host :
          List.of(
              Map.entry("hostNetwork", Optional.ofNullable(s.getHostNetwork())),
              Map.entry("hostPID", Optional.ofNullable(s.getHostPID())),
              Map.entry("hostIPC", Optional.ofNullable(s.getHostIPC())))) {
        if (host.getValue().orElse(false)) {
          deny(PodSecurityReport.POD, "spec." + host.getKey(), "sets " + host.getKey() + ".");
        }
      }
      volumes();
      PodSecurityContext p = pod.context();
      groups("fsGroup", scc.fsGroup(), Optional.ofNullable(p.getFsGroup()).stream().toList());
      groups(
          "supplementalGroups",
          scc.supplementalGroups(),
          p.getSupplementalGroups() == null ? List.of() : p.getSupplementalGroups());
      List<Sysctl> sysctls = p.getSysctls() == null ? List.of() : p.getSysctls();
      for (int i = 0; i < sysctls.size(); i++) {
        if (!SecurityProfiles.SAFE_SYSCTLS.contains(sysctls.get(i).getName())) {
          deny(
              PodSecurityReport.POD,
              POD_CONTEXT + "sysctls[" + i + "]",
              "sets the unsafe sysctl " + sysctls.get(i).getName() + ".");
        }
      }
      if (p.getSeLinuxOptions() != null) {
        seLinux(PodSecurityReport.POD, POD_CONTEXT + "seLinuxOptions");
      }
    }

    private void volumes() {
      List<Volume> volumes = ContainerView.listOf(pod.spec().getVolumes());
      for (int i = 0; i < volumes.size(); i++) {
        Optional<String> type = VolumeTypes.of(volumes.get(i));
        if (type.isPresent()
            && !scc.volumes().contains("*")
            && !(scc.volumes().contains(type.get()) && !type.get().equals("hostPath"))) {
          deny(
              PodSecurityReport.POD,
              "spec.volumes[" + i + "]." + type.get(),
              "volume '"
                  + volumes.get(i).getName()
                  + "' is a "
                  + type.get()
                  + " volume, which is not among the allowed volume types "
                  + scc.volumes()
                  + ".");
        }
      }
    }

    private void groups(String field, Scc.Strategy strategy, List<Long> ids) {
      if (strategy != Scc.Strategy.MUST_RUN_AS) {
        return;
      }
      if (ids.isEmpty()) {
        notes.add("Admission sets " + field + " from the namespace's supplemental groups.");
      }
      for (long id : ids) {
        String where = POD_CONTEXT + field;
        if (namespace.groups().isEmpty()) {
          conditions.add(
              new SccVerdict.Issue(
                  PodSecurityReport.POD,
                  where,
                  "sets "
                      + field
                      + " "
                      + id
                      + ", admitted only if it lies in the namespace's supplemental groups."));
        } else if (namespace.groups().stream().noneMatch(r -> r.contains(id))) {
          deny(
              PodSecurityReport.POD,
              where,
              "sets "
                  + field
                  + " "
                  + id
                  + ", outside the namespace's supplemental groups "
                  + namespace.groups()
                  + " (MustRunAs).");
        }
      }
    }

    void container(ContainerView c) {
      SecurityContext sc = c.context();
      if (Boolean.TRUE.equals(sc.getPrivileged()) && !scc.allowPrivilegedContainer()) {
        deny(c.name(), c.field("privileged"), "runs privileged.");
      }
      capabilities(c, sc);
      if (!scc.allowPrivilegeEscalation()) {
        if (Boolean.TRUE.equals(sc.getAllowPrivilegeEscalation())) {
          deny(c.name(), c.field("allowPrivilegeEscalation"), "allows privilege escalation.");
        } else if (sc.getAllowPrivilegeEscalation() == null) {
          change(c, "allowPrivilegeEscalation", "would be set to false");
        }
      }
      runAsUser(c);
      seccomp(c);
      if (scc.readOnlyRootFilesystem() && !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
        if (sc.getReadOnlyRootFilesystem() == null) {
          change(c, "readOnlyRootFilesystem", "would be set to true");
        } else {
          deny(c.name(), c.field("readOnlyRootFilesystem"), "writes to its root filesystem.");
        }
      }
      if (sc.getSeLinuxOptions() != null) {
        seLinux(c.name(), c.field("seLinuxOptions"));
      }
      var ports = c.ports();
      for (int i = 0; i < ports.size(); i++) {
        Integer hostPort = ports.get(i).getHostPort();
        if (hostPort != null && hostPort != 0) {
          deny(c.name(), c.path() + ".ports[" + i + "].hostPort", "binds host port " + hostPort);
        }
      }
    }

    private void capabilities(ContainerView c, SecurityContext sc) {
      List<String> added = BaselineChecks.added(sc);
      List<String> dropped = BaselineChecks.dropped(sc);
      for (String cap : added) {
        if (!scc.allowedCapabilities().contains(cap)
            || scc.requiredDropCapabilities().contains(cap)) {
          deny(
              c.name(),
              c.field("capabilities.add"),
              "adds " + cap + ", which is not among the allowed capabilities.");
        }
      }
      for (String required : scc.requiredDropCapabilities()) {
        if (!dropped.contains(required) && !dropped.contains(LinuxCapabilities.ALL)) {
          change(c, "capabilities.drop", "would gain " + required + " (required drop)");
        }
      }
    }

    private void runAsUser(ContainerView c) {
      var uid =
          pod.effective(
              c, SecurityContext::getRunAsUser, PodSecurityContext::getRunAsUser, "runAsUser");
      switch (scc.runAsUser()) {
        case MUST_RUN_AS_RANGE -> {
          if (uid.value() == null) {
            change(c, "runAsUser", "would be set to the first UID of the namespace's range");
          } else if (uid.value() == 0) {
            deny(c.name(), uid.field(), "runs as root (MustRunAsRange).");
          } else if (namespace.uids().isEmpty()) {
            conditions.add(
                new SccVerdict.Issue(
                    c.name(),
                    uid.field(),
                    "runs as UID " + uid.value() + ", admitted only if it lies in the range."));
          } else if (namespace.uids().stream().noneMatch(r -> r.contains(uid.value()))) {
            deny(c.name(), uid.field(), "runs as UID " + uid.value() + ", outside the range.");
          }
        }
        case MUST_RUN_AS_NON_ROOT -> {
          if (uid.value() != null && uid.value() == 0) {
            deny(c.name(), uid.field(), "runs as root (MustRunAsNonRoot).");
          } else if (uid.value() == null) {
            change(c, "runAsNonRoot", "would be set to true for the image's user");
          }
        }
        default -> {
          // RunAsAny: any user, including root.
        }
      }
    }

    private void seccomp(ContainerView c) {
      if (scc.seccompProfiles().isEmpty()) {
        return;
      }
      List<String> allowed = scc.seccompProfiles().get();
      var profile =
          pod.effective(
              c, SecurityContext::getSeccompProfile, PodSecurityContext::getSeccompProfile, "");
      if (profile.value() == null) {
        change(c, "seccompProfile", "would be set to " + allowed.get(0));
        return;
      }
      String spelled = spelling(profile.value());
      boolean ok =
          allowed.contains("*")
              || allowed.contains(spelled)
              || (spelled.startsWith("localhost/") && allowed.contains("localhost/*"));
      if (!ok) {
        deny(
            c.name(),
            profile.field() + "seccompProfile.type",
            "uses seccomp profile " + spelled + ", which is not among " + allowed + ".");
      }
    }

    private void seLinux(String scope, String field) {
      if (scc.seLinuxContext() == Scc.Strategy.MUST_RUN_AS) {
        conditions.add(
            new SccVerdict.Issue(
                scope, field, "sets SELinux options, admitted only if they match the namespace."));
      }
    }

    private void change(ContainerView c, String field, String what) {
      denials.add(
          new SccVerdict.Issue(
              c.name(),
              c.field(field),
              field + " " + what + " by admission, which changes the container as rendered."));
    }

    private void deny(String scope, String field, String sentence) {
      denials.add(new SccVerdict.Issue(scope, field, sentence));
    }
  }

  /** A seccomp profile as SCCs spell it: {@code runtime/default}, {@code localhost/<file>}. */
  static String spelling(SeccompProfile profile) {
    String type = profile.getType() == null ? "" : profile.getType();
    if (type.equals(SecurityProfiles.RUNTIME_DEFAULT)) {
      return Scc.RUNTIME_DEFAULT;
    }
    if (type.equals(SecurityProfiles.LOCALHOST)) {
      return "localhost/" + profile.getLocalhostProfile();
    }
    return type.toLowerCase(Locale.ROOT);
  }
}
