package dev.berth.driver;

import java.util.List;
import java.util.Optional;

/**
 * What Start needs to know about a sandbox as stored in the cluster, read just before it is
 * started.
 *
 * @param id sandbox id
 * @param namespace namespace of the Sandbox resource
 * @param uid UID of the Sandbox resource
 * @param workspace the sandbox's workspace
 * @param claims the PersistentVolumeClaims its pod template mounts, in order
 * @param runtimeGeneration the recorded runtime generation ({@link RuntimeGenerations#UNRECORDED}
 *     when none)
 * @param running true when the Sandbox asks for a running pod
 * @param callerDriverConfigUsed whether Create recorded a non-empty caller {@code driver_config};
 *     empty for sandboxes created before the record existed (G1)
 */
public record StoredSandbox(
    String id,
    String namespace,
    String uid,
    String workspace,
    List<String> claims,
    String runtimeGeneration,
    boolean running,
    Optional<Boolean> callerDriverConfigUsed) {

  public StoredSandbox {
    claims = List.copyOf(claims);
  }

  /** The identity of this sandbox's runtime of {@code generation}. */
  public RuntimeIdentity identity(String generation) {
    return new RuntimeIdentity(namespace, uid, generation);
  }
}
