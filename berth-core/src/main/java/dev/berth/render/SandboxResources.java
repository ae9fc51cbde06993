package dev.berth.render;

import static dev.berth.naming.ManagedNames.LABEL_GATEWAY_ID;
import static dev.berth.naming.ManagedNames.LABEL_MANAGED_BY;
import static dev.berth.naming.ManagedNames.LABEL_SANDBOX_ID;
import static dev.berth.naming.ManagedNames.LABEL_SANDBOX_NAME;
import static dev.berth.naming.ManagedNames.LABEL_WORKSPACE;
import static dev.berth.naming.ManagedNames.MANAGED_BY_VALUE;
import static dev.berth.naming.ManagedNames.SCC_SUPPLEMENTAL_GROUPS;
import static dev.berth.naming.ManagedNames.SCC_UID_RANGE;

import dev.berth.naming.IsolationNames;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.agentsandbox.AgentSandbox;
import dev.berth.render.agentsandbox.AgentSandboxSpec;
import dev.berth.settings.Topology;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wraps a pod template in the {@code agents.x-k8s.io} Sandbox resource, with the labels the driver
 * finds its sandboxes by and the annotations the gateway reads.
 */
final class SandboxResources {

  private SandboxResources() {}

  static AgentSandbox sandbox(
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

    if (plan.settings().supervisor().topology() == Topology.ISOLATION_BACKEND) {
      IsolationNames names = new IsolationNames(plan.runtime().generation());
      annotations.put(names.runtimeGenerationAnnotation(), plan.runtime().runtimeGeneration());
      annotations.put(names.bootstrapPhaseAnnotation(), BOOTSTRAP_PREPARING);
    }

    AgentSandbox sandbox = AgentSandbox.of(plan.facts().apiVersion());
    ObjectMeta metadata = sandbox.getMetadata();
    metadata.setName(id.resourceName());
    metadata.setNamespace(id.namespace());
    metadata.setLabels(labels);
    metadata.setAnnotations(annotations);
    AgentSandboxSpec spec = sandbox.getSpec();
    spec.setPodTemplate(podTemplate);
    plan.agent().agentSocketPath().ifPresent(spec::setAgentSocket);
    spec.setVolumeClaimTemplates(claimTemplates);
    if (plan.settings().supervisor().topology() == Topology.ISOLATION_BACKEND) {
      // Created suspended: the controller must not make the workload pod before the fence and
      // the supervisor exist. Resuming it is a step of the create, not of the render.
      suspend(sandbox);
    }
    return sandbox;
  }

  /** The bootstrap phase a freshly rendered two-pod sandbox is in. */
  static final String BOOTSTRAP_PREPARING = "preparing";

  /** v1beta1 says so with its operating mode, v1alpha1 with zero replicas. */
  static void suspend(AgentSandbox sandbox) {
    switch (sandbox.version()) {
      case V1BETA1 -> sandbox.getSpec().setOperatingMode(AgentSandboxSpec.SUSPENDED);
      case V1ALPHA1 -> sandbox.getSpec().setReplicas(0);
    }
  }
}
