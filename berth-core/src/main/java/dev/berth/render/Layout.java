package dev.berth.render;

import static dev.berth.naming.ManagedNames.SIDECAR_SSH_SOCKET;

import dev.berth.plan.SandboxPlan;

/**
 * Where the topology puts things, decided once from the plan so each decorator can add its part to
 * the right container without looking at what others added.
 *
 * @param agentHoldsCredentials whether the agent container talks to the gateway itself (combined:
 *     the supervisor inside it does) and so gets the gateway credentials, endpoint and token; in
 *     the sidecar topology only the network sidecar holds them
 * @param credentialFileMode mode of mounted credential files: owner-only where root reads them,
 *     group-readable where the sidecar may run as the non-root proxy user
 * @param agentSshSocketPath the SSH socket path the agent's supervisor serves on
 * @param isolation the two-pod isolation backend: the pod rendered here is the workload pod, which
 *     holds no supervisor, no gateway credential and no gateway address at all
 */
record Layout(
    boolean agentHoldsCredentials,
    int credentialFileMode,
    String agentSshSocketPath,
    boolean isolation) {

  /** Secret files readable by the owner only. */
  static final int OWNER_READ = 0400;

  /** Secret files readable by the fsGroup too. */
  static final int GROUP_READ = 0440;

  static Layout of(SandboxPlan plan) {
    return switch (plan.settings().supervisor().topology()) {
      case COMBINED ->
          new Layout(true, OWNER_READ, plan.settings().gateway().sshSocketPath(), false);
      case SIDECAR -> new Layout(false, GROUP_READ, SIDECAR_SSH_SOCKET, false);
      // The supervisor pod serves SSH; the workload pod has no socket of its own.
      case ISOLATION_BACKEND -> new Layout(false, GROUP_READ, "", true);
    };
  }
}
