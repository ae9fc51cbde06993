package dev.berth.render;

import static dev.berth.naming.SecurityProfiles.RUNTIME_DEFAULT;

import dev.berth.plan.SecurityPlan.SeLinuxChoice;
import dev.berth.plan.SecurityPlan.SeccompChoice;
import dev.berth.settings.AppArmorChoice;
import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import java.util.Optional;

/** Security-profile conversions shared by the decorators that build security contexts. */
public final class SecurityEdits {

  private SecurityEdits() {}

  static SeccompProfile seccomp(SeccompChoice s) {
    return new SeccompProfile(s.localhostProfile().orElse(null), s.type());
  }

  public static SeccompProfile runtimeDefaultSeccomp() {
    return new SeccompProfile(null, RUNTIME_DEFAULT);
  }

  static SELinuxOptions seLinux(SeLinuxChoice s) {
    SELinuxOptions out = new SELinuxOptions();
    s.user().ifPresent(out::setUser);
    s.role().ifPresent(out::setRole);
    s.type().ifPresent(out::setType);
    s.level().ifPresent(out::setLevel);
    return out;
  }

  /** The configured AppArmor profile as a Kubernetes field; null (left out) when none is set. */
  static AppArmorProfile appArmor(Optional<AppArmorChoice> profile) {
    return profile
        .map(p -> new AppArmorProfile(p.localhostProfile().orElse(null), p.type()))
        .orElse(null);
  }
}
