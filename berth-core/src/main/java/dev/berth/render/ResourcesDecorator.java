package dev.berth.render;

import dev.berth.plan.ResourcesPlan;
import dev.berth.plan.SandboxPlan;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.Map;

/** The agent's requests and limits, already merged and checked by the validator. */
final class ResourcesDecorator implements PodDecorator {

  @Override
  public PodContribution contribute(SandboxPlan plan) {
    ResourcesPlan r = plan.resources();
    PodContribution.Builder out = PodContribution.of(Concern.RESOURCES);
    if (r.requests().isEmpty() && r.limits().isEmpty()) {
      return out.build();
    }
    ResourceRequirements resources = new ResourceRequirements();
    resources.setRequests(quantities(r.requests()));
    resources.setLimits(quantities(r.limits()));
    return out.container(ContainerSlot.AGENT, c -> c.setResources(resources)).build();
  }

  private static Map<String, Quantity> quantities(Map<String, String> values) {
    Map<String, Quantity> out = new LinkedHashMap<>();
    values.forEach((name, value) -> out.put(name, new Quantity(value)));
    return out;
  }
}
