package dev.berth.render;

import static dev.berth.naming.SecurityProfiles.RUNTIME_DEFAULT;

import io.fabric8.kubernetes.api.model.AppArmorProfileBuilder;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.Optional;

/** Small security-context conversions shared by the late decorators. */
final class SecurityEdits {

  private SecurityEdits() {}

  /** A shallow copy of {@code sc} to set fields on, or a new one. */
  static SecurityContext edit(SecurityContext sc) {
    return sc == null ? new SecurityContext() : Copies.copy(sc);
  }

  /** A shallow copy of the capabilities of {@code sc} to set fields on, or new ones. */
  static Capabilities capabilities(SecurityContext sc) {
    return sc == null || sc.getCapabilities() == null
        ? new Capabilities()
        : Copies.copy(sc.getCapabilities());
  }

  /** A copy of the pod security context (or a new one) with {@code fsGroup} set. */
  static PodSecurityContext withFsGroup(PodSecurityContext current, long fsGroup) {
    PodSecurityContext out = current == null ? new PodSecurityContext() : Copies.copy(current);
    out.setFsGroup(fsGroup);
    return out;
  }

  static SeccompProfile seccomp(String type, Optional<String> localhostProfile) {
    return new SeccompProfile(localhostProfile.orElse(null), type);
  }

  static SeccompProfile runtimeDefaultSeccomp() {
    return seccomp(RUNTIME_DEFAULT, Optional.empty());
  }

  /** The configured AppArmor profile as a Kubernetes field, or null when none is configured. */
  static io.fabric8.kubernetes.api.model.AppArmorProfile appArmor(
      Optional<dev.berth.settings.AppArmorProfile> profile) {
    return profile
        .map(
            p ->
                new AppArmorProfileBuilder()
                    .withType(p.type())
                    .withLocalhostProfile(p.localhostProfile().orElse(null))
                    .build())
        .orElse(null);
  }

  /** True when the pod already chose a seccomp profile every container without one inherits. */
  static boolean podHasSeccomp(PodSecurityContext pod) {
    return pod != null && pod.getSeccompProfile() != null;
  }
}
