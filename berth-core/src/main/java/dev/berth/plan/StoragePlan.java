package dev.berth.plan;

import java.util.List;
import java.util.Optional;

/**
 * User volumes, their mounts on the agent container and the workspace decision.
 *
 * @param volumes user volumes in the order declared
 * @param mounts user mounts with normalized paths and resolved read-only flags, ordered parent
 *     first so that a mount under {@code /sandbox} lands on top of the workspace
 * @param workspace the {@code /sandbox} workspace
 */
public record StoragePlan(
    List<PlannedVolume> volumes, List<PlannedMount> mounts, WorkspacePlan workspace) {

  public StoragePlan {
    volumes = List.copyOf(volumes);
    mounts = List.copyOf(mounts);
  }

  /**
   * A checked user volume.
   *
   * @param name DNS-1123 label, not reserved
   * @param source the one source, with every field checked
   * @param readOnly whether mounts default to read-only (a claim is also mounted read-only then)
   */
  public record PlannedVolume(String name, VolumeSourcePlan source, boolean readOnly) {}

  /**
   * A checked mount.
   *
   * @param volume name of a declared user volume
   * @param mountPath normalized absolute path
   * @param subPath relative path inside the volume
   * @param readOnly resolved: the mount's own value, else its volume's
   */
  public record PlannedMount(
      String volume, String mountPath, Optional<String> subPath, boolean readOnly) {}

  /**
   * The workspace at {@code /sandbox}.
   *
   * @param persistent true for a claim that survives restarts, false for an emptyDir
   * @param storageSize size of the claim
   * @param storageClass storage class of the claim; empty means the cluster default
   */
  public record WorkspacePlan(
      boolean persistent, String storageSize, Optional<String> storageClass) {}
}
