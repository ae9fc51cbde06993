package dev.berth.kubernetes.doctor;

import dev.berth.driver.AdmissionPolicy;
import dev.berth.naming.Generation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The admission settings in force (issue 13): what callers' {@code driver_config} may do and which
 * labels their PersistentVolumeClaims need. It reads no cluster state; it says, per gateway
 * generation the driver may serve, what the settings mean, so an operator sees the policy before a
 * sandbox is refused by it.
 */
final class AdmissionCheck implements DoctorCheck {

  @Override
  public String name() {
    return "admission";
  }

  @Override
  public String action() {
    return "read the admission settings";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    var contract = context.settings().contract();
    List<Generation> generations =
        contract.pinnedGeneration().map(List::of).orElse(List.of(Generation.values()));
    Map<AdmissionPolicy, List<String>> byPolicy = new LinkedHashMap<>();
    for (Generation g : generations) {
      byPolicy
          .computeIfAbsent(AdmissionPolicy.of(contract.admission(), g), p -> new ArrayList<>())
          .add(g.value().toUpperCase(Locale.ROOT));
    }
    List<String> parts = new ArrayList<>();
    byPolicy.forEach(
        (policy, gens) -> parts.add(String.join("/", gens) + " gateways: " + describe(policy)));
    return CheckResult.ok(name(), String.join("; ", parts) + ".");
  }

  static String describe(AdmissionPolicy policy) {
    String config =
        policy.allowDriverConfig()
            ? "callers may send driver_config"
            : "allow_driver_config=false, so a sandbox whose driver_config is not empty (its own"
                + " volumes, mounts or pod settings) is refused with FAILED_PRECONDITION";
    String labels =
        policy.enabled()
            ? "resource admission on: every PersistentVolumeClaim a caller mounts must carry "
                + policy.requiredLabels().entrySet().stream()
                    .map(
                        e ->
                            e.getKey()
                                + "="
                                + (e.getValue().equals(Generation.WORKSPACE_PLACEHOLDER)
                                    ? "<the sandbox's workspace>"
                                    : e.getValue()))
                    .collect(Collectors.joining(", "))
            : "resource admission off";
    return config + ", " + labels;
  }
}
