package dev.berth.render.isolation;

import dev.berth.naming.IsolationNames;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.agentsandbox.AgentSandbox;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;

/**
 * Every desired object of one runtime generation of a two-pod sandbox, and the order to make them
 * in. The lifecycle stores these objects as they are (after setting the owner reference each {@link
 * CreateStep} names); the bootstrap Secrets are {@link #secrets rendered} once the create has
 * learnt the UIDs and addresses their contents bind to.
 *
 * @param workloadFence namespace policy: workloads reach nothing, only supervisors reach them
 * @param supervisorFence namespace policy: supervisors keep their egress
 * @param sandbox the Sandbox resource, created suspended, whose pod template is the workload pod
 * @param workloadTemplate the same pod template, for inspection (security report, tests)
 * @param boundaryService the Service in front of the workload's boundary listener
 * @param supervisorPod the gated supervisor pod
 * @param createSteps the bring-up of a new sandbox, in order
 * @param startSteps the bring-up of a new generation of a stopped sandbox, in order
 */
public record RenderedIsolationSandbox(
    NetworkPolicy workloadFence,
    NetworkPolicy supervisorFence,
    AgentSandbox sandbox,
    PodTemplateSpec workloadTemplate,
    Service boundaryService,
    Pod supervisorPod,
    List<CreateStep> createSteps,
    List<CreateStep> startSteps,
    IsolationNames names,
    SandboxPlan plan) {

  public RenderedIsolationSandbox {
    createSteps = List.copyOf(createSteps);
    startSteps = List.copyOf(startSteps);
  }

  /** The generation's two immutable bootstrap Secrets, filled with {@code material}. */
  public BootstrapSecrets secrets(BootstrapMaterial material) {
    return BootstrapSecrets.render(names, plan, material);
  }
}
