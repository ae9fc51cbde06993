package dev.berth.driver;

import dev.berth.naming.Generation;
import dev.berth.settings.AdmissionConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admission policy in force for one gateway generation: the operator's settings, with every
 * unset part taken from the generation's default.
 *
 * @param allowDriverConfig whether a caller may send a non-empty {@code driver_config}
 * @param enabled whether caller PersistentVolumeClaims must carry {@link #requiredLabels}
 * @param requiredLabels the labels, sorted by key; {@code ${workspace}} stands for the workspace
 */
public record AdmissionPolicy(
    boolean allowDriverConfig, boolean enabled, SortedMap<String, String> requiredLabels) {

  /** Prefix of the acknowledgement, naming the policy format's version. */
  public static final String ACKNOWLEDGEMENT_VERSION = "v1:";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public AdmissionPolicy {
    requiredLabels = Collections.unmodifiableSortedMap(new TreeMap<>(requiredLabels));
  }

  /** The policy for a gateway of {@code generation} under the operator's configuration. */
  public static AdmissionPolicy of(AdmissionConfig configured, Generation generation) {
    return new AdmissionPolicy(
        configured.allowDriverConfig().orElse(generation.defaultAllowDriverConfig()),
        configured.enabled().orElse(generation.defaultAdmissionEnabled()),
        configured.requiredLabels().orElseGet(generation::defaultRequiredLabels));
  }

  /**
   * What GetCapabilities reports as {@code resource_admission_policy}: {@code v1:} and compact JSON
   * with the keys in the gateway's order and the labels sorted. The gateway keeps the first string
   * it receives and compares every later one byte for byte, so the same policy must always give the
   * same bytes; the record's sorted map and the fixed key order make sure it does.
   */
  public String acknowledgement() {
    Map<String, Object> admission = new LinkedHashMap<>();
    admission.put("enabled", enabled);
    admission.put("required_labels", requiredLabels);
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("allow_driver_config", allowDriverConfig);
    policy.put("resource_admission", admission);
    return ACKNOWLEDGEMENT_VERSION + JSON.writeValueAsString(policy);
  }

  /** The labels a claim of {@code workspace} must carry, with the workspace filled in. */
  public SortedMap<String, String> labelsFor(String workspace) {
    SortedMap<String, String> labels = new TreeMap<>();
    requiredLabels.forEach(
        (k, v) -> labels.put(k, v.equals(Generation.WORKSPACE_PLACEHOLDER) ? workspace : v));
    return labels;
  }
}
