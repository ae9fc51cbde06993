package dev.berth.render;

import dev.berth.plan.ResourcesPlan;
import dev.berth.plan.SandboxPlan;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** The agent's requests and limits, already merged and checked by the validator. */
final class ResourcesDecorator implements PodDecorator {

  @Override
  public PodParts apply(PodParts parts, SandboxPlan plan) {
    ResourcesPlan r = plan.resources();
    if (r.requests().isEmpty() && r.limits().isEmpty()) {
      return parts;
    }
    ResourceRequirementsBuilder resources = new ResourceRequirementsBuilder();
    if (!r.requests().isEmpty()) {
      resources.withRequests(quantities(r.requests()));
    }
    if (!r.limits().isEmpty()) {
      resources.withLimits(quantities(r.limits()));
    }
    ResourceRequirements built = resources.build();
    return parts.withAgent(Copies.edit(parts.agent(), c -> c.setResources(built)));
  }

  private static Map<String, Quantity> quantities(Map<String, String> values) {
    Map<String, Quantity> out = new LinkedHashMap<>();
    values.forEach((name, value) -> out.put(name, new Quantity(value)));
    return out;
  }
}
