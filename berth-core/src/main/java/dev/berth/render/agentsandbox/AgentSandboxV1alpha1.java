package dev.berth.render.agentsandbox;

import dev.berth.plan.SandboxApiVersion;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Sandbox as {@code agents.x-k8s.io/v1alpha1} serves it (agent-sandbox before v0.5). */
@Group(SandboxApiVersion.GROUP)
@Version("v1alpha1")
@Kind(SandboxApiVersion.KIND)
@Plural(SandboxApiVersion.PLURAL)
public final class AgentSandboxV1alpha1 extends AgentSandbox {

  private static final long serialVersionUID = 1L;

  @Override
  public SandboxApiVersion version() {
    return SandboxApiVersion.V1ALPHA1;
  }
}
