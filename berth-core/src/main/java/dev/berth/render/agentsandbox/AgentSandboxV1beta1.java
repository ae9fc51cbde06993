package dev.berth.render.agentsandbox;

import dev.berth.plan.SandboxApiVersion;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Sandbox as {@code agents.x-k8s.io/v1beta1} serves it (agent-sandbox v0.5 and later). */
@Group(SandboxApiVersion.GROUP)
@Version("v1beta1")
@Kind(SandboxApiVersion.KIND)
@Plural(SandboxApiVersion.PLURAL)
public final class AgentSandboxV1beta1 extends AgentSandbox {

  private static final long serialVersionUID = 1L;

  @Override
  public SandboxApiVersion version() {
    return SandboxApiVersion.V1BETA1;
  }
}
