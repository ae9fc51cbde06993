package dev.berth.kubernetes;

import dev.berth.driver.SandboxSnapshot;
import dev.berth.render.agentsandbox.AgentSandbox;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Optional;

/**
 * A sandbox: its snapshot and the few fields of the resource the driver reads again (Stop's wait
 * reads the version and the Suspended condition). The resource itself is not kept: its pod template
 * is most of its size, and nothing served from the cache needs it. A two-pod sandbox also keeps
 * what the controller reported and its pairing, so that a change of its supervisor pod can be
 * applied without the resource; for a single-pod one both are the snapshot and empty.
 */
record SandboxEntry(
    String uid,
    String resourceVersion,
    String resourceName,
    SandboxSnapshot snapshot,
    Optional<Condition> suspended,
    SandboxSnapshot reported,
    Optional<SupervisorReadiness.Pairing> pairing) {

  static SandboxEntry of(AgentSandbox resource, SandboxSnapshot reported, SandboxView view) {
    ObjectMeta meta = resource.getMetadata();
    Optional<SupervisorReadiness.Pairing> pairing = SupervisorReadiness.pairing(resource);
    return new SandboxEntry(
        meta.getUid(),
        meta.getResourceVersion(),
        meta.getName(),
        derive(reported, pairing, view),
        SandboxMapper.condition(resource, StopWaiter.SUSPENDED),
        reported,
        pairing);
  }

  /** This entry with its dependencies applied again; itself when nothing changes. */
  SandboxEntry with(SandboxView view) {
    SandboxSnapshot derived = derive(reported, pairing, view);
    return derived.equals(snapshot)
        ? this
        : new SandboxEntry(
            uid, resourceVersion, resourceName, derived, suspended, reported, pairing);
  }

  private static SandboxSnapshot derive(
      SandboxSnapshot reported, Optional<SupervisorReadiness.Pairing> pairing, SandboxView view) {
    return pairing
        .map(
            p ->
                SupervisorReadiness.apply(
                    reported, pairing, view.dependencies(reported.id(), reported.namespace(), p)))
        .orElse(reported);
  }
}
