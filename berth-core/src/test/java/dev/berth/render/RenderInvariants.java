package dev.berth.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.ContainerPaths;
import dev.berth.naming.LinuxCapabilities;
import dev.berth.naming.ManagedNames;
import dev.berth.plan.SandboxPlan;
import dev.berth.plan.StoragePlan;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Properties every rendered sandbox must have, whatever the plan. */
final class RenderInvariants {

  private RenderInvariants() {}

  static void check(SandboxPlan plan, RenderedSandbox rendered) {
    PodSpec pod = rendered.podTemplate().getSpec();
    List<PersistentVolumeClaim> claims = rendered.sandbox().getSpec().getVolumeClaimTemplates();

    List<String> volumeNames = pod.getVolumes().stream().map(Volume::getName).toList();
    assertThat(volumeNames).as("pod volume names are unique").doesNotHaveDuplicates();
    Set<String> claimNames =
        claims.stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
    assertThat(volumeNames.stream().filter(claimNames::contains).toList())
        .as(
            "a claim template and a pod volume never share a name (the controller would replace it)")
        .isEmpty();

    Set<String> mountable = new HashSet<>(volumeNames);
    mountable.addAll(claimNames);
    for (Container c : allContainers(pod)) {
      List<String> paths = c.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList();
      assertThat(paths).as("mount paths of %s are unique", c.getName()).doesNotHaveDuplicates();
      for (VolumeMount m : c.getVolumeMounts()) {
        assertThat(mountable)
            .as("mount %s of %s references a volume", m.getMountPath(), c.getName())
            .contains(m.getName());
      }
      assertParentFirst(c);
    }

    Set<String> userVolumes =
        plan.storage().volumes().stream()
            .map(StoragePlan.PlannedVolume::name)
            .collect(Collectors.toSet());
    for (String name : volumeNames) {
      if (!userVolumes.contains(name)) {
        assertThat(ManagedNames.RESERVED_VOLUME_NAMES)
            .as("driver-managed volume %s is reserved", name)
            .contains(name);
      }
    }
    assertThat(ManagedNames.RESERVED_VOLUME_NAMES).containsAll(claimNames);
    assertThat(pod.getVolumes()).as("no hostPath, ever").allMatch(v -> v.getHostPath() == null);

    List<Container> hardened = new ArrayList<>(pod.getInitContainers());
    pod.getContainers().stream()
        .filter(c -> ManagedNames.NETWORK_SIDECAR_CONTAINER.equals(c.getName()))
        .forEach(hardened::add);
    for (Container c : hardened) {
      SecurityContext sc = c.getSecurityContext();
      assertThat(sc).as("%s has a security context", c.getName()).isNotNull();
      assertThat(sc.getAllowPrivilegeEscalation())
          .as("%s: allowPrivilegeEscalation", c.getName())
          .isFalse();
      assertThat(sc.getCapabilities()).as("%s: capabilities", c.getName()).isNotNull();
      assertThat(sc.getCapabilities().getDrop())
          .as("%s: capabilities.drop", c.getName())
          .contains(LinuxCapabilities.ALL);
      SeccompProfile effective = effectiveSeccomp(c, pod);
      assertThat(effective).as("%s: effective seccomp profile", c.getName()).isNotNull();
      if (pod.getSecurityContext() == null
          || pod.getSecurityContext().getSeccompProfile() == null) {
        // Nothing to inherit: the driver's own choice must be there.
        assertThat(effective.getType())
            .as("%s: effective seccomp type", c.getName())
            .isEqualTo("RuntimeDefault");
      } else {
        // The user's pod-wide choice, which the validator limits to these two.
        assertThat(effective.getType())
            .as("%s: effective seccomp type", c.getName())
            .isIn("RuntimeDefault", "Localhost");
      }
    }
  }

  /**
   * The profile the kubelet applies to {@code c}: the container's own, else the pod's; null when
   * neither chose one (the runtime's default, which is Unconfined for most runtimes).
   */
  static SeccompProfile effectiveSeccomp(Container c, PodSpec pod) {
    SecurityContext sc = c.getSecurityContext();
    if (sc != null && sc.getSeccompProfile() != null) {
      return sc.getSeccompProfile();
    }
    PodSecurityContext podSc = pod.getSecurityContext();
    return podSc == null ? null : podSc.getSeccompProfile();
  }

  static List<Container> allContainers(PodSpec pod) {
    List<Container> all = new ArrayList<>(pod.getInitContainers());
    all.addAll(pod.getContainers());
    return all;
  }

  /** A mount nested under another mount of the same container must come after it. */
  private static void assertParentFirst(Container c) {
    List<VolumeMount> mounts = c.getVolumeMounts();
    for (int i = 0; i < mounts.size(); i++) {
      for (int j = i + 1; j < mounts.size(); j++) {
        String earlier = mounts.get(i).getMountPath();
        String later = mounts.get(j).getMountPath();
        assertThat(ContainerPaths.isOrUnder(earlier, later) && !earlier.equals(later))
            .as("%s: %s is under %s but mounted before it", c.getName(), earlier, later)
            .isFalse();
      }
    }
  }
}
