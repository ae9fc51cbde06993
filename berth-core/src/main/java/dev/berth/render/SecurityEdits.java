package dev.berth.render;

import io.fabric8.kubernetes.api.model.AppArmorProfileBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.Optional;

/** Small security-context conversions shared by the late decorators. */
final class SecurityEdits {

  static final String RUNTIME_DEFAULT = "RuntimeDefault";

  private SecurityEdits() {}

  /** A builder seeded with a copy of {@code sc}, or an empty one. */
  static SecurityContextBuilder edit(SecurityContext sc) {
    return sc == null ? new SecurityContextBuilder() : new SecurityContextBuilder(sc);
  }

  static SeccompProfile seccomp(String type, Optional<String> localhostProfile) {
    return new SeccompProfileBuilder()
        .withType(type)
        .withLocalhostProfile(localhostProfile.orElse(null))
        .build();
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
