package dev.berth.render.isolation;

/**
 * One step of bringing up (or restarting) a two-pod sandbox, as a value the lifecycle code follows
 * in order. Every step is idempotent: a create that finds its object already there checks it is the
 * rendered one and goes on, so a call that died between any two steps is completed by the next.
 *
 * @param action what to do
 * @param kind the Kubernetes kind of the object acted on
 * @param name the object's name
 * @param owner whose owner reference the object gets before it is created
 */
public record CreateStep(Action action, String kind, String name, Owner owner) {

  /** What a step does. */
  public enum Action {
    /** Create the namespace-wide policy, or check an existing one matches the rendered one. */
    ENSURE_FENCE,
    /** Create the rendered object (after setting its owner reference). */
    CREATE,
    /** Point the stopped Sandbox's pod template at the new generation's bootstrap Secret. */
    ROTATE_TEMPLATE,
    /** Let the controller make the workload pod, which is still gated. */
    RESUME_SANDBOX,
    /** Wait for the gated workload pod, check it is the rendered one, record both pods' UIDs. */
    OBSERVE_WORKLOAD,
    /** Remove Berth's scheduling gate from a pod ({@link ReleasePatches#release}). */
    RELEASE,
    /** Record on the Sandbox that the generation was released. */
    MARK_RELEASED
  }

  /** Whose owner reference an object carries ({@link Owners}). */
  public enum Owner {
    NONE,
    SANDBOX,
    WORKLOAD_POD,
    SUPERVISOR_POD
  }

  /** True for the steps that let a pod run. */
  public boolean releases() {
    return action == Action.RELEASE;
  }
}
