package dev.berth.settings;

import dev.berth.naming.Generation;
import dev.berth.naming.LabelRules;
import dev.berth.result.Result;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rules for the labels an admission policy may require of a caller's PersistentVolumeClaim, the
 * same the gateway applies to its own copy of the policy: Kubernetes label keys, values that are
 * label values or exactly {@code ${workspace}}, no key the driver sets itself, and at least one
 * fixed value (a claim must be approved for sandboxes, not merely named after a workspace).
 */
final class RequiredLabels {

  private RequiredLabels() {}

  static final String WORKSPACE = Generation.WORKSPACE_PLACEHOLDER;

  /** An unmodifiable, key-sorted copy. */
  static SortedMap<String, String> copy(Map<String, String> labels) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(labels));
  }

  /** Why {@code labels} cannot be required, or empty when they can. An empty map is fine here. */
  static Optional<String> problem(Map<String, String> labels) {
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      String key = e.getKey();
      Optional<String> keyProblem = LabelRules.qualifiedName(key).problem();
      if (keyProblem.isPresent()) {
        return Optional.of(
            "label key '" + Setting.printable(key) + "' is not a label key: " + keyProblem.get());
      }
      for (Generation g : Generation.values()) {
        if (g.reservedLabelKeys().contains(key)) {
          return Optional.of(
              "label key '"
                  + key
                  + "' is set by the driver itself and cannot be required; choose another key");
        }
      }
      String value = e.getValue();
      if (!value.equals(WORKSPACE) && !LabelRules.isLabelValue(value)) {
        return Optional.of(
            "the value of '"
                + key
                + "' is '"
                + Setting.printable(value)
                + "'; use a label value (at most 63 letters, digits, '-', '_' or '.', starting and"
                + " ending with a letter or digit) or exactly "
                + WORKSPACE);
      }
    }
    if (!labels.isEmpty() && labels.values().stream().allMatch(WORKSPACE::equals)) {
      return Optional.of(
          "every required label is "
              + WORKSPACE
              + "; add one with a fixed value, such as 'openshell.ai/sandbox-attachable=true', so"
              + " that a claim must be approved for sandboxes and not merely named after a"
              + " workspace");
    }
    return Optional.empty();
  }

  /** {@code key=value,key2=value2}, where a value may be {@code ${workspace}}. */
  static Result<SortedMap<String, String>> parseText(String text) {
    String form =
        "use key=value pairs separated by commas, such as"
            + " 'openshell.ai/sandbox-attachable=true,openshell.ai/sandbox-attachable-workspace="
            + WORKSPACE
            + "'";
    Map<String, String> labels = new TreeMap<>();
    for (String raw : text.split(",", -1)) {
      String entry = raw.strip();
      int eq = entry.indexOf('=');
      if (eq < 0) {
        return Parsed.problem("entry '" + Setting.printable(entry) + "' is not key=value; " + form);
      }
      String key = entry.substring(0, eq).strip();
      if (labels.put(key, entry.substring(eq + 1).strip()) != null) {
        return Parsed.problem(
            "it sets key '" + Setting.printable(key) + "' twice, so give each key once");
      }
    }
    return checked(labels);
  }

  static Result<SortedMap<String, String>> checked(Map<String, String> labels) {
    Optional<String> problem = problem(labels);
    return problem.isPresent() ? Parsed.problem(problem.get()) : Parsed.value(copy(labels));
  }
}
