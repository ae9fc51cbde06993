package dev.berth.security;

import static dev.berth.naming.SecurityProfiles.RUNTIME_DEFAULT;
import static dev.berth.security.PodView.POD_CONTEXT;

import dev.berth.naming.LinuxCapabilities;
import dev.berth.naming.ManagedNames;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenShift's {@code restricted-v2} SCC, the default for authenticated users: no host access, no
 * privileged containers, no privilege escalation, {@code drop: [ALL]} with only NET_BIND_SERVICE
 * addable, a UID from the namespace's range ({@code MustRunAsRange}), fsGroup from its supplemental
 * groups, seccomp {@code runtime/default}, and the restricted volume types.
 *
 * <p>SCC admission also mutates: it fills in what a pod leaves unset (the UID, {@code drop: [ALL]},
 * {@code allowPrivilegeEscalation: false}, the seccomp profile) instead of rejecting it. Those
 * become notes; only explicit settings the SCC cannot accept deny the pod.
 */
public final class RestrictedV2 {

  public static final String NAME = "restricted-v2";

  private RestrictedV2() {}

  public static SccVerdict evaluate(PodSpec spec, SccNamespace namespace) {
    PodView pod = PodView.of(spec, Map.of());
    List<SccVerdict.Issue> denials = new ArrayList<>();
    List<SccVerdict.Issue> conditions = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    new Run(pod, namespace, denials, conditions).check();
    mutations(pod, notes);
    if (pod.userNamespaced()) {
      notes.add(
          "The pod sets hostUsers: false (a user namespace). restricted-v2 is written for host-level"
              + " pods and judges UIDs and capabilities as if they were the node's; OpenShift's SCCs"
              + " for user-namespace pods are restricted-v3 and nested-container (userNamespaceLevel:"
              + " RequirePodLevel), so grant one of those to the sandbox service account instead.");
    }
    return SccVerdict.of(NAME, denials, conditions, notes);
  }

  /** One evaluation; holds the lists so each rule is a short method. */
  private record Run(
      PodView pod,
      SccNamespace namespace,
      List<SccVerdict.Issue> denials,
      List<SccVerdict.Issue> conditions) {

    void check() {
      hostAccess();
      volumes();
      PodSecurityContext p = pod.context();
      if (p.getRunAsUser() != null) {
        uid(PodSecurityReport.POD, POD_CONTEXT + "runAsUser", p.getRunAsUser());
      }
      if (p.getFsGroup() != null) {
        fsGroup(p.getFsGroup());
      }
      seccomp(PodSecurityReport.POD, POD_CONTEXT, p.getSeccompProfile());
      if (p.getSeLinuxOptions() != null) {
        seLinux(PodSecurityReport.POD, POD_CONTEXT + "seLinuxOptions");
      }
      pod.containers().forEach(this::container);
    }

    private void hostAccess() {
      PodSpec s = pod.spec();
      hostNamespace("hostNetwork", s.getHostNetwork());
      hostNamespace("hostPID", s.getHostPID());
      hostNamespace("hostIPC", s.getHostIPC());
    }

    private void hostNamespace(String field, Boolean value) {
      if (Boolean.TRUE.equals(value)) {
        deny(
            PodSecurityReport.POD,
            "spec." + field,
            "sets " + field + "; restricted-v2 allows no host namespaces.");
      }
    }

    private void volumes() {
      List<Volume> volumes = ContainerView.listOf(pod.spec().getVolumes());
      for (int i = 0; i < volumes.size(); i++) {
        Volume v = volumes.get(i);
        Optional<String> type = VolumeTypes.of(v);
        String field = "spec.volumes[" + i + "]." + type.orElse("");
        if (type.isEmpty()) {
          continue;
        }
        if (type.get().equals("hostPath")) {
          deny(
              PodSecurityReport.POD,
              field,
              "volume '"
                  + v.getName()
                  + "' is a hostPath volume; restricted-v2 forbids them"
                  + " (allowHostDirVolumePlugin: false).");
        } else if (type.get().equals("image")) {
          conditions.add(
              new SccVerdict.Issue(
                  PodSecurityReport.POD,
                  field,
                  "volume '"
                      + v.getName()
                      + "' is an image volume; current OpenShift releases list"
                      + " image among restricted-v2's volumes, older ones do not (check with oc get scc"
                      + " restricted-v2 -o jsonpath='{.volumes}', or use the init-container"
                      + " sideload)."));
        } else if (!VolumeTypes.RESTRICTED_ALLOWED.contains(type.get())) {
          deny(
              PodSecurityReport.POD,
              field,
              "volume '"
                  + v.getName()
                  + "' is a "
                  + type.get()
                  + " volume; restricted-v2 allows only "
                  + String.join(", ", VolumeTypes.RESTRICTED_ALLOWED)
                  + ".");
        }
      }
    }

    private void container(ContainerView c) {
      SecurityContext sc = c.context();
      if (Boolean.TRUE.equals(sc.getPrivileged())) {
        deny(
            c.name(),
            c.field("privileged"),
            "runs privileged; restricted-v2 allows no privileged containers.");
      }
      List<String> added = new ArrayList<>(BaselineChecks.added(sc));
      added.removeAll(LinuxCapabilities.RESTRICTED_ADDABLE);
      if (!added.isEmpty()) {
        deny(
            c.name(),
            c.field("capabilities.add"),
            "adds "
                + String.join(", ", added)
                + "; restricted-v2 allows adding only NET_BIND_SERVICE.");
      }
      if (Boolean.TRUE.equals(sc.getAllowPrivilegeEscalation())) {
        deny(
            c.name(),
            c.field("allowPrivilegeEscalation"),
            "sets allowPrivilegeEscalation: true; restricted-v2 forbids privilege escalation.");
      }
      if (sc.getRunAsUser() != null) {
        uid(c.name(), c.field("runAsUser"), sc.getRunAsUser());
      }
      seccomp(c.name(), c.path() + ".securityContext.", sc.getSeccompProfile());
      if (sc.getSeLinuxOptions() != null) {
        seLinux(c.name(), c.field("seLinuxOptions"));
      }
      List<ContainerPort> ports = c.ports();
      for (int i = 0; i < ports.size(); i++) {
        Integer hostPort = ports.get(i).getHostPort();
        if (hostPort != null && hostPort != 0) {
          deny(
              c.name(),
              c.path() + ".ports[" + i + "].hostPort",
              "binds host port " + hostPort + "; restricted-v2 allows no host ports.");
        }
      }
    }

    private void uid(String scope, String field, long uid) {
      if (uid == 0) {
        deny(
            scope,
            field,
            "runs as root (runAsUser 0); restricted-v2 requires a UID from the namespace's "
                + ManagedNames.SCC_UID_RANGE
                + " (MustRunAsRange).");
      } else if (namespace.uids().isEmpty()) {
        conditions.add(
            new SccVerdict.Issue(
                scope,
                field,
                "runs as UID "
                    + uid
                    + ", which restricted-v2 admits only if it lies in the"
                    + " namespace's "
                    + ManagedNames.SCC_UID_RANGE
                    + "."));
      } else if (namespace.uids().stream().noneMatch(r -> r.contains(uid))) {
        deny(
            scope,
            field,
            "runs as UID "
                + uid
                + ", outside the namespace's "
                + ManagedNames.SCC_UID_RANGE
                + " "
                + namespace.uids()
                + "; restricted-v2 requires a UID inside it.");
      }
    }

    private void fsGroup(long gid) {
      String field = POD_CONTEXT + "fsGroup";
      if (namespace.groups().isEmpty()) {
        conditions.add(
            new SccVerdict.Issue(
                PodSecurityReport.POD,
                field,
                "sets fsGroup "
                    + gid
                    + ", which restricted-v2 admits only if it lies in the"
                    + " namespace's "
                    + ManagedNames.SCC_SUPPLEMENTAL_GROUPS
                    + "."));
      } else if (namespace.groups().stream().noneMatch(r -> r.contains(gid))) {
        deny(
            PodSecurityReport.POD,
            field,
            "sets fsGroup "
                + gid
                + ", outside the namespace's "
                + ManagedNames.SCC_SUPPLEMENTAL_GROUPS
                + " "
                + namespace.groups()
                + "; restricted-v2 requires an fsGroup inside it.");
      }
    }

    private void seccomp(String scope, String prefix, SeccompProfile profile) {
      if (profile != null && !RUNTIME_DEFAULT.equals(profile.getType())) {
        deny(
            scope,
            prefix + "seccompProfile.type",
            "uses seccomp profile "
                + profile.getType()
                + "; restricted-v2 allows only"
                + " runtime/default (RuntimeDefault).");
      }
    }

    private void seLinux(String scope, String field) {
      conditions.add(
          new SccVerdict.Issue(
              scope,
              field,
              "sets SELinux options, which restricted-v2 (MustRunAs) admits only if they match the"
                  + " namespace's openshift.io/sa.scc.mcs level."));
    }

    private void deny(String scope, String field, String sentence) {
      denials.add(new SccVerdict.Issue(scope, field, sentence));
    }
  }

  /** What admission fills in rather than rejects, so an administrator is not surprised by it. */
  private static void mutations(PodView pod, List<String> notes) {
    List<String> uid = new ArrayList<>();
    List<String> drop = new ArrayList<>();
    List<String> escalation = new ArrayList<>();
    for (ContainerView c : pod.containers()) {
      SecurityContext sc = c.context();
      if (sc.getRunAsUser() == null && pod.context().getRunAsUser() == null) {
        uid.add(c.name());
      }
      if (!BaselineChecks.dropped(sc).contains(LinuxCapabilities.ALL)) {
        drop.add(c.name());
      }
      if (sc.getAllowPrivilegeEscalation() == null) {
        escalation.add(c.name());
      }
    }
    note(notes, uid, "runAsUser to the first UID of the namespace's range");
    note(notes, drop, "capabilities.drop: [ALL]");
    note(notes, escalation, "allowPrivilegeEscalation: false");
  }

  private static void note(List<String> notes, List<String> containers, String what) {
    if (!containers.isEmpty()) {
      notes.add("Admission sets " + what + " on " + String.join(", ", containers) + ".");
    }
  }
}
