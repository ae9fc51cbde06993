package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.plan.ClusterFacts;
import java.util.Optional;

/**
 * Where a workspace's sandboxes live and what their namespace must hold: one namespace for all
 * ({@link SharedWorkspaces}) or one per workspace that the driver creates and owns ({@link
 * ManagedWorkspaces}). Everything else the backend does is the same in both modes.
 */
sealed interface Workspaces permits SharedWorkspaces, ManagedWorkspaces {

  /** The namespace every sandbox is in, or empty when sandboxes span namespaces. */
  Optional<String> scope();

  /** Brings sandboxes made before this process into view; called once at startup. */
  void adoptExisting(SandboxStore store) throws DriverException;

  /** What planning needs; may create the namespace and what sandboxes need in it. */
  ClusterFacts prepare(String workspace, String namespace) throws DriverException;

  /** The same facts as {@link #prepare}, read without writing anything. */
  ClusterFacts inspect(String workspace, String namespace) throws DriverException;

  /** Makes sure the workspace can take sandboxes. Idempotent. */
  void ensure(String workspace) throws DriverException;

  /** Removes what {@link #ensure} created. Idempotent. */
  void delete(String workspace) throws DriverException;
}
