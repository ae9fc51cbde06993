package dev.berth.settings;

import dev.berth.naming.Generation;
import java.util.List;

/** Where the OpenShell supervisor runs relative to the agent. */
public enum Topology {
  /** The supervisor runs inside the agent container as root with four added capabilities. */
  COMBINED("combined"),
  /** The agent runs non-root; network enforcement lives in a separate sidecar container. */
  SIDECAR("sidecar"),
  /**
   * Two pods: a workload pod running the static sandbox runtime with no gateway credential and no
   * egress, and a supervisor pod holding the gateway session. Never configured: it is what G2 and
   * G3 supervisor images need, so the gateway's generation chooses it.
   */
  ISOLATION_BACKEND("isolation-backend");

  /** The topologies an operator may configure; they are what G1 gateways run. */
  public static final List<Topology> SINGLE_POD = List.of(COMBINED, SIDECAR);

  private final String value;

  Topology(String value) {
    this.value = value;
  }

  /** The spelling used in flags, environment variables and Helm values. */
  public String value() {
    return value;
  }

  /**
   * The topology a sandbox of {@code generation} runs: the configured single-pod one for G1, whose
   * supervisor image runs inside the sandbox pod, and {@link #ISOLATION_BACKEND} for G2 and G3,
   * whose supervisor refuses to start without its backend descriptor and auth bundle.
   */
  public static Topology forGeneration(Generation generation, Topology configured) {
    return switch (generation.runtimeShape()) {
      case SINGLE_POD -> configured;
      case ISOLATION_BACKEND -> ISOLATION_BACKEND;
    };
  }
}
