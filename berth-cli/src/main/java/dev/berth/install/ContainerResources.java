package dev.berth.install;

import dev.berth.naming.Quantities;
import dev.berth.result.Result;
import dev.berth.settings.Parsed;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests and limits of the Berth container.
 *
 * @param requests resource name to quantity
 * @param limits resource name to quantity
 */
public record ContainerResources(Map<String, String> requests, Map<String, String> limits) {

  /**
   * Measured for a driver serving a few hundred sandboxes: the JVM settles well under 200 MiB with
   * the default flags, and a create costs milliseconds of CPU.
   */
  static final String DEFAULT_TEXT = "requests.cpu=100m,requests.memory=256Mi,limits.memory=512Mi";

  private static final List<String> NAMES = List.of("cpu", "memory", "ephemeral-storage");

  public ContainerResources {
    requests = Map.copyOf(requests);
    limits = Map.copyOf(limits);
  }

  static ContainerResources defaults() {
    return parse(DEFAULT_TEXT).asOptional().orElseThrow();
  }

  /** {@code requests.cpu=100m,limits.memory=512Mi}: what a values map flattens to. */
  static Result<ContainerResources> parse(String text) {
    Map<String, String> requests = new TreeMap<>();
    Map<String, String> limits = new TreeMap<>();
    if (text.isEmpty()) {
      return Parsed.value(new ContainerResources(requests, limits));
    }
    for (String entry : text.split(",", -1)) {
      int eq = entry.indexOf('=');
      int dot = entry.indexOf('.');
      if (eq < 0 || dot < 0 || dot > eq) {
        return Parsed.problem("use requests and limits maps, such as {limits: {memory: 512Mi}}");
      }
      String kind = entry.substring(0, dot);
      String name = entry.substring(dot + 1, eq);
      String quantity = entry.substring(eq + 1);
      Map<String, String> target =
          kind.equals("requests") ? requests : kind.equals("limits") ? limits : null;
      if (target == null || !NAMES.contains(name)) {
        return Parsed.problem(
            "'" + kind + "." + name + "' is not a resource; use requests or limits of " + NAMES);
      }
      if (!Quantities.isValid(quantity) || amount(quantity).signum() <= 0) {
        return Parsed.problem(
            kind + "." + name + " '" + quantity + "' is not a positive Kubernetes quantity");
      }
      target.put(name, quantity);
    }
    for (var limit : limits.entrySet()) {
      String request = requests.get(limit.getKey());
      if (request != null && amount(request).compareTo(amount(limit.getValue())) > 0) {
        return Parsed.problem(
            "the request of " + limit.getKey() + " exceeds its limit, which Kubernetes refuses");
      }
    }
    return Parsed.value(new ContainerResources(requests, limits));
  }

  private static BigDecimal amount(String quantity) {
    return Quantity.getAmountInBytes(new Quantity(quantity));
  }

  ResourceRequirements requirements() {
    ResourceRequirementsBuilder b = new ResourceRequirementsBuilder();
    new TreeMap<>(requests).forEach((k, v) -> b.addToRequests(k, new Quantity(v)));
    new TreeMap<>(limits).forEach((k, v) -> b.addToLimits(k, new Quantity(v)));
    return b.build();
  }
}
