package dev.berth.plan;

import dev.berth.naming.Generation;
import java.util.Objects;

/**
 * Which gateway generation a plan renders for, and the runtime generation it starts. The generation
 * decides the pod shape ({@link Generation#runtimeShape()}) and every name that differs between
 * OpenShell and Ryno; the runtime generation names the per-start bootstrap Secrets of the two-pod
 * shape.
 *
 * @param generation the gateway's contract generation
 * @param runtimeGeneration the runtime generation this render starts: {@link #UNRECORDED} for a
 *     single-pod sandbox, otherwise the id the gateway or the driver chose for this Create or Start
 */
public record RuntimePlan(Generation generation, String runtimeGeneration) {

  /** The runtime generation of a sandbox that records none (a G1 sandbox). */
  public static final String UNRECORDED = "0";

  /**
   * What the validator plans: the single-pod shape, exactly as before generations existed. A caller
   * serving a G2 or G3 gateway applies the call's generation with {@link
   * SandboxPlan#forRuntime(RuntimePlan)}.
   */
  public static final RuntimePlan SINGLE_POD = new RuntimePlan(Generation.G1, UNRECORDED);

  public RuntimePlan {
    Objects.requireNonNull(generation, "generation");
    Objects.requireNonNull(runtimeGeneration, "runtimeGeneration");
  }
}
