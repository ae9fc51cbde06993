package dev.berth.settings;

import static dev.berth.naming.SecurityProfiles.LOCALHOST;
import static dev.berth.naming.SecurityProfiles.RUNTIME_DEFAULT;
import static dev.berth.naming.SecurityProfiles.UNCONFINED;

import java.util.Optional;

/**
 * The AppArmor profile for sandbox containers: {@code RuntimeDefault}, {@code Unconfined} or {@code
 * Localhost/<profile>}.
 *
 * @param type the Kubernetes profile type
 * @param localhostProfile the profile name, present only for {@code Localhost}
 */
public record AppArmorChoice(String type, Optional<String> localhostProfile) {

  /** Parses the setting's spelling; empty when it is not one of the three forms. */
  public static Optional<AppArmorChoice> parse(String value) {
    if (value.equals(RUNTIME_DEFAULT) || value.equals(UNCONFINED)) {
      return Optional.of(new AppArmorChoice(value, Optional.empty()));
    }
    String prefix = LOCALHOST + "/";
    if (value.startsWith(prefix) && value.length() > prefix.length()) {
      String name = value.substring(prefix.length());
      if (name.strip().equals(name) && name.chars().noneMatch(Character::isISOControl)) {
        return Optional.of(new AppArmorChoice(LOCALHOST, Optional.of(name)));
      }
    }
    return Optional.empty();
  }

  /** The setting's spelling, the inverse of {@link #parse}. */
  public String value() {
    return localhostProfile.map(p -> LOCALHOST + "/" + p).orElse(type);
  }
}
