package dev.berth.kubernetes;

import dev.berth.driver.SandboxSnapshot;
import dev.berth.naming.IsolationNames;
import dev.berth.render.agentsandbox.AgentSandbox;
import dev.berth.render.isolation.ReleasePatches;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Ready condition of a two-pod sandbox as the gateway derives it: the agent-sandbox
 * controller's Ready covers the workload pod alone, so a sandbox is reported Ready only while that
 * is True, its bring-up has released both pods, and the supervisor pod of its current runtime
 * generation is available. Otherwise a True Ready is reported False with upstream's reason, {@value
 * #REASON}, and (better than upstream's one fixed sentence) a message naming what is missing. Every
 * other condition passes through verbatim, and single-pod sandboxes are not touched.
 */
final class SupervisorReadiness {

  /** Upstream's reason for a Ready its sandbox-runtime dependencies hold back. */
  static final String REASON = "DependenciesNotReady";

  private static final String READY = "Ready";
  private static final String TRUE = "True";

  private SupervisorReadiness() {}

  /**
   * What a two-pod Sandbox says about its pair.
   *
   * @param runtimeGeneration the runtime generation the Sandbox currently runs
   * @param released the bring-up of that generation released both pods
   * @param running the Sandbox asks for its workload pod (not suspended)
   * @param fence the name of its generation's workload fence in the Sandbox's namespace
   */
  record Pairing(String runtimeGeneration, boolean released, boolean running, String fence) {}

  /**
   * What the cache has seen of a pair's dependencies.
   *
   * @param supervisor the supervisor pod of the sandbox, if there is one
   * @param fence the workload fence of the sandbox's namespace, if there is one
   */
  record Dependencies(Optional<SupervisorState> supervisor, Optional<FenceState> fence) {}

  /** The pairing of a two-pod Sandbox; empty for a single-pod one. */
  static Optional<Pairing> pairing(AgentSandbox sandbox) {
    return IsolationLifecycle.names(sandbox).map(names -> pairing(sandbox, names));
  }

  private static Pairing pairing(AgentSandbox sandbox, IsolationNames names) {
    return new Pairing(
        BringUp.annotation(sandbox, names.runtimeGenerationAnnotation()),
        ReleasePatches.PHASE_RELEASED.equals(
            BringUp.annotation(sandbox, names.bootstrapPhaseAnnotation())),
        RuntimeStarts.running(sandbox),
        // one instance for the thousands of pairings that name the same fence
        names.workloadPolicy().intern());
  }

  /**
   * True when a released, running sandbox's boundary is broken for good: its workload fence is gone
   * or no longer denies workload egress, or its supervisor pod is gone or the current generation's
   * one deleted or ended. Upstream then suspends the workload (it fails closed); a supervisor that
   * runs but is not Ready is only reported.
   */
  static boolean broken(Pairing pairing, Dependencies dependencies) {
    if (!pairing.released() || !pairing.running()) {
      return false;
    }
    if (dependencies.fence().filter(FenceState::intact).isEmpty()) {
      return true;
    }
    Optional<SupervisorState> supervisor = dependencies.supervisor();
    return supervisor.isEmpty()
        || (supervisor.get().runtimeGeneration().equals(pairing.runtimeGeneration())
            && supervisor.get().ended());
  }

  /**
   * The snapshot the gateway sees: {@code reported} as the controller wrote it, its Ready gated on
   * the supervisor when {@code pairing} is present.
   */
  static SandboxSnapshot apply(
      SandboxSnapshot reported, Optional<Pairing> pairing, Dependencies dependencies) {
    if (pairing.isEmpty() || reported.status().isEmpty()) {
      return reported;
    }
    SandboxSnapshot.Status status = reported.status().get();
    List<SandboxSnapshot.Condition> conditions =
        gate(status.conditions(), pairing.get(), dependencies);
    if (conditions.equals(status.conditions())) {
      return reported;
    }
    return new SandboxSnapshot(
        reported.id(),
        reported.name(),
        reported.namespace(),
        reported.workspace(),
        Optional.of(
            new SandboxSnapshot.Status(
                status.sandboxName(),
                status.instanceId(),
                status.agentFd(),
                status.sandboxFd(),
                conditions,
                status.deleting())));
  }

  static List<SandboxSnapshot.Condition> gate(
      List<SandboxSnapshot.Condition> conditions, Pairing pairing, Dependencies dependencies) {
    List<SandboxSnapshot.Condition> out = new ArrayList<>(conditions.size());
    for (SandboxSnapshot.Condition c : conditions) {
      out.add(
          READY.equals(c.type()) && TRUE.equals(c.status()) ? gate(c, pairing, dependencies) : c);
    }
    return out;
  }

  private static SandboxSnapshot.Condition gate(
      SandboxSnapshot.Condition ready, Pairing pairing, Dependencies dependencies) {
    if (!pairing.released()) {
      return notReady(
          ready,
          "the supervisor pod and the workload pod are not both released yet",
          ready.lastTransitionTime());
    }
    Optional<FenceState> fence = dependencies.fence();
    if (fence.filter(FenceState::intact).isEmpty()) {
      return notReady(
          ready,
          "the workload fence NetworkPolicy "
              + pairing.fence()
              + (fence.isEmpty()
                  ? " is gone from the sandbox's namespace"
                  : " was changed and no longer denies the workload pods' egress")
              + "; Berth makes it again at the next Start",
          ready.lastTransitionTime());
    }
    Optional<SupervisorState> supervisor = dependencies.supervisor();
    if (supervisor.isEmpty()) {
      return notReady(
          ready,
          "the supervisor pod does not exist; the workload pod has no gateway session without it",
          ready.lastTransitionTime());
    }
    SupervisorState s = supervisor.get();
    if (!s.runtimeGeneration().equals(pairing.runtimeGeneration())) {
      return notReady(
          ready,
          "supervisor pod "
              + s.name()
              + " belongs to runtime generation "
              + s.runtimeGeneration()
              + ", not to the current "
              + pairing.runtimeGeneration(),
          ready.lastTransitionTime());
    }
    if (!s.available()) {
      return notReady(ready, s.message(), later(ready.lastTransitionTime(), s.since()));
    }
    // Ready since both were: the later of the two transitions.
    String since = later(ready.lastTransitionTime(), s.since());
    return since.equals(ready.lastTransitionTime())
        ? ready
        : new SandboxSnapshot.Condition(READY, TRUE, ready.reason(), ready.message(), since);
  }

  private static SandboxSnapshot.Condition notReady(
      SandboxSnapshot.Condition ready, String message, String since) {
    return new SandboxSnapshot.Condition(READY, "False", REASON, message, since);
  }

  /**
   * The later of two RFC 3339 times as Kubernetes writes them (UTC, second precision, so the text
   * orders as the time); an empty one never wins.
   */
  static String later(String a, String b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.compareTo(a) > 0 ? b : a;
  }
}
