package dev.berth.naming;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A generation of the gateway's compute-driver contract, and every name that differs between
 * generations. One Berth process serves all three; which one a call belongs to is decided from what
 * the gateway sent (see berth-grpc's {@code GenerationResolver}), never hard-coded.
 *
 * <ul>
 *   <li>{@link #G1}: NVIDIA/OpenShell 2f7fb65 (releases up to about v0.0.116). No negotiation, no
 *       sandbox authentication by the driver, no resource admission; one sandbox pod whose
 *       supervisor runs combined with the agent or as a sidecar.
 *   <li>{@link #G2}: NVIDIA/OpenShell v0.1.2. Negotiates capabilities, delegates sandbox bootstrap
 *       authentication to the driver, expects a runtime identity from Create and Start, compares
 *       resource admission policies, and runs the two-pod "isolation backend" shape.
 *   <li>{@link #G3}: the same contract after upstream's rename to Ryno: {@code ryno.*} packages,
 *       capability names, labels, audience and environment variables.
 * </ul>
 */
public enum Generation {
  G1("openshell", RuntimeShape.SINGLE_POD),
  G2("openshell", RuntimeShape.ISOLATION_BACKEND),
  G3("ryno", RuntimeShape.ISOLATION_BACKEND);

  /** The pod arrangement a generation's supervisor image needs. */
  public enum RuntimeShape {
    /** One pod: the configured combined or sidecar topology. */
    SINGLE_POD,
    /** A workload pod plus a supervisor pod, with bootstrap secrets and a boundary service. */
    ISOLATION_BACKEND
  }

  /** The label value a required label may take to mean "the sandbox's workspace name". */
  public static final String WORKSPACE_PLACEHOLDER = "${workspace}";

  private final String namespace;
  private final RuntimeShape shape;

  Generation(String namespace, RuntimeShape shape) {
    this.namespace = namespace;
    this.shape = shape;
  }

  /** How settings and documents spell it: {@code g1}, {@code g2}, {@code g3}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The generation spelled {@code text} ({@code g1}...), if any. */
  public static Optional<Generation> parse(String text) {
    for (Generation g : values()) {
      if (g.value().equals(text)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  /** The upstream project name its packages start with: {@code openshell} or {@code ryno}. */
  public String namespace() {
    return namespace;
  }

  /** What every capability name of this generation starts with: {@code openshell.}. */
  public String capabilityPrefix() {
    return namespace + ".";
  }

  /** The capability a gateway of this generation requires: {@code openshell.compute.contract}. */
  public String contractCapability() {
    return capabilityPrefix() + "compute.contract";
  }

  /** Prefix of this generation's labels and annotations: {@code openshell.ai/}. */
  public String labelPrefix() {
    return namespace + ".ai/";
  }

  /** Audience of the service account tokens sandboxes present: {@code openshell-gateway}. */
  public String tokenAudience() {
    return namespace + "-gateway";
  }

  /** Prefix of the environment variables the supervisor reads: {@code OPENSHELL_}. */
  public String envPrefix() {
    return namespace.toUpperCase(Locale.ROOT) + "_";
  }

  /**
   * Prefixes of the environment variable names a caller may not set, in this order: {@link
   * EnvNames#PREFIX} in every generation, and this generation's own {@link #envPrefix()} when it
   * differs. A G3 gateway refuses its own prefix; {@code OPENSHELL_} stays reserved there because
   * Ryno's binaries copy every {@code OPENSHELL_X} to an unset {@code RYNO_X} at start-up.
   */
  public List<String> reservedEnvPrefixes() {
    return envPrefix().equals(EnvNames.PREFIX)
        ? List.of(EnvNames.PREFIX)
        : List.of(EnvNames.PREFIX, envPrefix());
  }

  /** The pod arrangement this generation's supervisor needs. */
  public RuntimeShape runtimeShape() {
    return shape;
  }

  /** True for generations that negotiate and compare admission policies (G2 and later). */
  public boolean negotiates() {
    return this != G1;
  }

  /**
   * Whether callers may send {@code driver_config} when the operator says nothing. G1 had no such
   * gate; later gateways default it to false, and the driver must agree.
   */
  public boolean defaultAllowDriverConfig() {
    return this == G1;
  }

  /** Whether PVC labels are checked when the operator says nothing; off for G1, as it had none. */
  public boolean defaultAdmissionEnabled() {
    return this != G1;
  }

  /**
   * The labels a caller's PersistentVolumeClaim must carry when the operator names none: a fixed
   * approval label and one naming the workspace. G1 has no default of its own; an operator who
   * turns admission on for a G1 gateway gets the G2 labels.
   */
  public SortedMap<String, String> defaultRequiredLabels() {
    SortedMap<String, String> labels = new TreeMap<>();
    labels.put(labelPrefix() + "sandbox-attachable", "true");
    labels.put(labelPrefix() + "sandbox-attachable-workspace", WORKSPACE_PLACEHOLDER);
    return labels;
  }

  /** Label keys the driver sets itself, which therefore cannot be required of a caller's claim. */
  public List<String> reservedLabelKeys() {
    return List.of(
        labelPrefix() + "managed-by",
        labelPrefix() + "gateway-id",
        labelPrefix() + "sandbox-workspace");
  }
}
