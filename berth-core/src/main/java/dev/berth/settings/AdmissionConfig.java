package dev.berth.settings;

import java.util.Optional;
import java.util.SortedMap;

/**
 * The resource admission policy as the operator configured it, from either of its two forms (the
 * separate settings or upstream's one JSON object). Every part may be unset; an unset part takes
 * the default of the gateway's contract generation, so the same configuration matches a G2 and a G3
 * gateway, and says nothing new to a G1 gateway.
 *
 * @param allowDriverConfig whether callers may send a non-empty {@code driver_config}
 * @param enabled whether caller PersistentVolumeClaims must carry the required labels
 * @param requiredLabels the labels they must carry; a value {@code ${workspace}} stands for the
 *     sandbox's workspace name
 */
public record AdmissionConfig(
    Optional<Boolean> allowDriverConfig,
    Optional<Boolean> enabled,
    Optional<SortedMap<String, String>> requiredLabels) {

  /** Nothing configured: every part follows the generation. */
  public static final AdmissionConfig UNSET =
      new AdmissionConfig(Optional.empty(), Optional.empty(), Optional.empty());

  public AdmissionConfig {
    requiredLabels = requiredLabels.map(RequiredLabels::copy);
  }

  /** True when no part is configured. */
  public boolean isUnset() {
    return allowDriverConfig.isEmpty() && enabled.isEmpty() && requiredLabels.isEmpty();
  }
}
