package dev.berth.settings;

import java.util.Optional;

/**
 * The AppArmor profile for sandbox containers: {@code RuntimeDefault}, {@code Unconfined} or {@code
 * Localhost/<profile>}.
 *
 * @param type the Kubernetes profile type
 * @param localhostProfile the profile name, present only for {@code Localhost}
 */
public record AppArmorProfile(String type, Optional<String> localhostProfile) {

  public static final String RUNTIME_DEFAULT = "RuntimeDefault";
  public static final String UNCONFINED = "Unconfined";
  public static final String LOCALHOST = "Localhost";

  /** Parses the setting's spelling; empty when it is not one of the three forms. */
  public static Optional<AppArmorProfile> parse(String value) {
    if (value.equals(RUNTIME_DEFAULT) || value.equals(UNCONFINED)) {
      return Optional.of(new AppArmorProfile(value, Optional.empty()));
    }
    String prefix = LOCALHOST + "/";
    if (value.startsWith(prefix) && value.length() > prefix.length()) {
      String name = value.substring(prefix.length());
      if (name.strip().equals(name) && name.chars().noneMatch(Character::isISOControl)) {
        return Optional.of(new AppArmorProfile(LOCALHOST, Optional.of(name)));
      }
    }
    return Optional.empty();
  }

  /** The setting's spelling, the inverse of {@link #parse}. */
  public String value() {
    return localhostProfile.map(p -> LOCALHOST + "/" + p).orElse(type);
  }
}
