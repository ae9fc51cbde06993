package dev.berth.render;

import static dev.berth.naming.ManagedNames.*;

import dev.berth.plan.SandboxApiVersion;
import dev.berth.plan.SandboxPlan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wraps a pod template in the {@code agents.x-k8s.io} Sandbox resource, with the labels the driver
 * finds its sandboxes by and the annotations the gateway reads.
 */
final class SandboxResources {

  private SandboxResources() {}

  static GenericKubernetesResource sandbox(
      SandboxPlan plan, PodTemplateSpec podTemplate, List<PersistentVolumeClaim> claimTemplates) {
    SandboxPlan.Identity id = plan.identity();
    Map<String, String> labels = new TreeMap<>();
    labels.put(LABEL_SANDBOX_ID, id.id());
    labels.put(LABEL_SANDBOX_NAME, id.name());
    labels.put(LABEL_WORKSPACE, id.workspace());
    labels.put(LABEL_MANAGED_BY, MANAGED_BY_VALUE);
    labels.put(LABEL_GATEWAY_ID, plan.settings().cluster().gatewayId());

    Map<String, String> annotations = new TreeMap<>();
    annotations.put(LABEL_SANDBOX_ID, id.id());
    annotations.put(LABEL_SANDBOX_NAME, id.name());
    annotations.put(LABEL_WORKSPACE, id.workspace());
    // OpenShift assigns ranges per namespace; copying them makes the Sandbox self-describing.
    for (String key : List.of(SCC_UID_RANGE, SCC_SUPPLEMENTAL_GROUPS)) {
      String value = plan.facts().namespaceAnnotations().get(key);
      if (value != null) {
        annotations.put(key, value);
      }
    }

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("podTemplate", podTemplate);
    plan.agent().agentSocketPath().ifPresent(socket -> spec.put("agentSocket", socket));
    if (!claimTemplates.isEmpty()) {
      spec.put("volumeClaimTemplates", claimTemplates);
    }

    return new GenericKubernetesResourceBuilder()
        .withApiVersion(plan.facts().apiVersion().apiVersion())
        .withKind(SandboxApiVersion.KIND)
        .withNewMetadata()
        .withName(id.resourceName())
        .withNamespace(id.namespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }
}
