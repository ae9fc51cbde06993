package dev.berth.security;

import static dev.berth.naming.SecurityProfiles.LOCALHOST;
import static dev.berth.naming.SecurityProfiles.RUNTIME_DEFAULT;
import static dev.berth.naming.SecurityProfiles.UNCONFINED;
import static dev.berth.security.PodView.POD_CONTEXT;

import dev.berth.naming.LinuxCapabilities;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks restricted adds on top of baseline: current pod-hardening best practice. Where
 * restricted replaces a baseline check with a stricter one, only what baseline did not already
 * report is reported here, so each problem appears once, at the weakest profile that forbids it.
 */
final class RestrictedChecks {

  private RestrictedChecks() {}

  private static final List<String> SECCOMP_TYPES = List.of(RUNTIME_DEFAULT, LOCALHOST);

  static List<Finding> check(PodView pod) {
    List<Finding> out = new ArrayList<>();
    volumes(pod, out);
    podIdentity(pod, out);
    for (ContainerView c : pod.containers()) {
      // Since policy 1.25 the Linux-only controls do not apply to Windows pods.
      if (!pod.windows()) {
        privilegeEscalation(c, out);
        seccomp(pod, c, out);
        capabilities(c, out);
      }
      // Since policy 1.35 a user-namespace pod's root is not the node's root.
      if (!pod.userNamespaced()) {
        runAsNonRoot(pod, c, out);
        runAsUser(pod, c, out);
      }
    }
    return out;
  }

  private static void volumes(PodView pod, List<Finding> out) {
    List<Volume> volumes = ContainerView.listOf(pod.spec().getVolumes());
    for (int i = 0; i < volumes.size(); i++) {
      Volume v = volumes.get(i);
      Optional<String> type = VolumeTypes.of(v);
      // hostPath is baseline's finding already.
      if (type.isPresent()
          && !type.get().equals("hostPath")
          && !VolumeTypes.RESTRICTED_ALLOWED.contains(type.get())) {
        out.add(
            new Finding(
                PssControl.RESTRICTED_VOLUMES,
                PodSecurityReport.POD,
                "spec.volumes[" + i + "]." + type.get(),
                "volume '"
                    + v.getName()
                    + "' is a "
                    + type.get()
                    + " volume; restricted allows"
                    + " only "
                    + String.join(", ", VolumeTypes.RESTRICTED_ALLOWED)
                    + "."));
      }
    }
  }

  private static void podIdentity(PodView pod, List<Finding> out) {
    if (pod.userNamespaced()) {
      return;
    }
    PodSecurityContext p = pod.context();
    if (Boolean.FALSE.equals(p.getRunAsNonRoot())) {
      out.add(
          new Finding(
              PssControl.RUN_AS_NON_ROOT,
              PodSecurityReport.POD,
              POD_CONTEXT + "runAsNonRoot",
              "sets runAsNonRoot: false; restricted requires true, at pod or container level."));
    }
    if (Long.valueOf(0).equals(p.getRunAsUser())) {
      out.add(
          new Finding(
              PssControl.RUN_AS_USER,
              PodSecurityReport.POD,
              POD_CONTEXT + "runAsUser",
              "runs as root (runAsUser 0); restricted requires a non-zero runAsUser or none."));
    }
  }

  private static void privilegeEscalation(ContainerView c, List<Finding> out) {
    Boolean value = c.context().getAllowPrivilegeEscalation();
    if (Boolean.FALSE.equals(value)) {
      return;
    }
    out.add(
        new Finding(
            PssControl.PRIVILEGE_ESCALATION,
            c.name(),
            c.field("allowPrivilegeEscalation"),
            (value == null
                    ? "leaves allowPrivilegeEscalation unset, so setuid binaries can gain"
                        + " privileges"
                    : "sets allowPrivilegeEscalation: true")
                + "; restricted requires it set to false."));
  }

  private static void runAsNonRoot(PodView pod, ContainerView c, List<Finding> out) {
    var nonRoot =
        pod.effective(
            c,
            SecurityContext::getRunAsNonRoot,
            PodSecurityContext::getRunAsNonRoot,
            "runAsNonRoot");
    if (Boolean.TRUE.equals(nonRoot.value())) {
      return;
    }
    out.add(
        new Finding(
            PssControl.RUN_AS_NON_ROOT,
            c.name(),
            nonRoot.field(),
            (nonRoot.value() == null
                    ? "sets runAsNonRoot neither on the container nor on the pod, so nothing stops"
                        + " an image that runs as root"
                    : "sets runAsNonRoot: false" + nonRoot.origin())
                + "; restricted requires runAsNonRoot: true."));
  }

  private static void runAsUser(PodView pod, ContainerView c, List<Finding> out) {
    var user =
        pod.effective(
            c, SecurityContext::getRunAsUser, PodSecurityContext::getRunAsUser, "runAsUser");
    if (Long.valueOf(0).equals(user.value())) {
      out.add(
          new Finding(
              PssControl.RUN_AS_USER,
              c.name(),
              user.field(),
              "runs as root (runAsUser 0)"
                  + user.origin()
                  + "; restricted requires a non-zero runAsUser or none."));
    }
  }

  private static void seccomp(PodView pod, ContainerView c, List<Finding> out) {
    var profile =
        pod.effective(
            c,
            SecurityContext::getSeccompProfile,
            PodSecurityContext::getSeccompProfile,
            "seccompProfile.type");
    SeccompProfile value = profile.value();
    if (value == null) {
      out.add(
          new Finding(
              PssControl.SECCOMP_RESTRICTED,
              c.name(),
              profile.field(),
              "sets no seccomp profile and neither does the pod; restricted requires RuntimeDefault"
                  + " or Localhost."));
    } else if (!SECCOMP_TYPES.contains(value.getType()) && !UNCONFINED.equals(value.getType())) {
      // Unconfined is baseline's finding already.
      out.add(
          new Finding(
              PssControl.SECCOMP_RESTRICTED,
              c.name(),
              profile.field(),
              "uses seccomp profile type '"
                  + value.getType()
                  + "'"
                  + profile.origin()
                  + "; restricted requires RuntimeDefault or Localhost."));
    }
  }

  private static void capabilities(ContainerView c, List<Finding> out) {
    SecurityContext sc = c.context();
    List<String> drop = BaselineChecks.dropped(sc);
    if (!drop.contains(LinuxCapabilities.ALL)) {
      out.add(
          new Finding(
              PssControl.CAPABILITIES_RESTRICTED,
              c.name(),
              c.field("capabilities.drop"),
              "keeps the runtime's default capabilities; restricted requires capabilities.drop to"
                  + " include ALL."));
    }
    // Capabilities outside the baseline set are baseline's finding already.
    List<String> extra =
        BaselineChecks.added(sc).stream()
            .filter(LinuxCapabilities.BASELINE_ADDABLE::contains)
            .filter(cap -> !LinuxCapabilities.RESTRICTED_ADDABLE.contains(cap))
            .toList();
    if (!extra.isEmpty()) {
      out.add(
          new Finding(
              PssControl.CAPABILITIES_RESTRICTED,
              c.name(),
              c.field("capabilities.add"),
              "adds "
                  + String.join(", ", extra)
                  + "; restricted allows adding only "
                  + String.join(", ", LinuxCapabilities.RESTRICTED_ADDABLE)
                  + "."));
    }
  }
}
