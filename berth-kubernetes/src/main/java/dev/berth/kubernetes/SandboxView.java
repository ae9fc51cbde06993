package dev.berth.kubernetes;

import dev.berth.driver.SandboxSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data behind {@link SandboxCache}: the entries by sandbox id, the two indexes platform events
 * are mapped with, the supervisor pods' and workload fences' states, and the UIDs of recently
 * deleted Sandboxes. Not thread-safe: the cache guards it with its lock.
 */
final class SandboxView {

  private static final int TOMBSTONES = 4096;

  private final Map<String, SandboxEntry> byId = new HashMap<>();
  private final Map<String, String> idByResource = new HashMap<>();
  private final Map<String, String> idByPod = new HashMap<>();
  private final Map<String, SupervisorState> supervisorById = new HashMap<>();
  private final Map<String, FenceState> fenceByKey = new HashMap<>();
  private final Map<String, Boolean> tombstones =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > TOMBSTONES;
        }
      };

  Optional<SandboxEntry> get(String sandboxId) {
    return Optional.ofNullable(byId.get(sandboxId));
  }

  boolean contains(String sandboxId) {
    return byId.containsKey(sandboxId);
  }

  Collection<SandboxEntry> entries() {
    return byId.values();
  }

  int size() {
    return byId.size();
  }

  Optional<String> byResourceName(String namespace, String name) {
    return Optional.ofNullable(idByResource.get(key(namespace, name)));
  }

  Optional<String> byAgentPod(String namespace, String pod) {
    return Optional.ofNullable(idByPod.get(key(namespace, pod)));
  }

  /**
   * True when a Sandbox of this UID was deleted lately (a late Create record must not revive it).
   */
  boolean deleted(String uid) {
    return tombstones.containsKey(uid);
  }

  void put(SandboxEntry entry) {
    SandboxEntry previous = byId.put(entry.snapshot().id(), entry);
    if (previous != null) {
      unindex(previous);
    }
    String namespace = entry.snapshot().namespace();
    idByResource.put(key(namespace, entry.resourceName()), entry.snapshot().id());
    entry
        .snapshot()
        .status()
        .map(SandboxSnapshot.Status::instanceId)
        .filter(pod -> !pod.isEmpty())
        .ifPresent(pod -> idByPod.put(key(namespace, pod), entry.snapshot().id()));
  }

  /**
   * Records the deletion of the Sandbox {@code uid} (when known) and removes its entry if it is the
   * one the view holds; returns the removed entry.
   */
  Optional<SandboxEntry> remove(String sandboxId, Optional<String> uid) {
    uid.ifPresent(u -> tombstones.put(u, Boolean.TRUE));
    SandboxEntry current = byId.get(sandboxId);
    if (current == null || (uid.isPresent() && !uid.get().equals(current.uid()))) {
      return Optional.empty();
    }
    unindex(current);
    byId.remove(sandboxId);
    return Optional.of(current);
  }

  Optional<SupervisorState> supervisor(String sandboxId) {
    return Optional.ofNullable(supervisorById.get(sandboxId));
  }

  void putSupervisor(SupervisorState state) {
    supervisorById.put(state.sandboxId(), state);
  }

  /** Forgets the pod's state unless a successor of another UID has replaced it; true if it did. */
  boolean removeSupervisor(SupervisorState state) {
    SupervisorState current = supervisorById.get(state.sandboxId());
    if (current == null || !current.uid().equals(state.uid())) {
      return false;
    }
    supervisorById.remove(state.sandboxId());
    return true;
  }

  /** What the view has seen of the pair's dependencies: its supervisor pod and workload fence. */
  SupervisorReadiness.Dependencies dependencies(
      String sandboxId, String namespace, SupervisorReadiness.Pairing pairing) {
    return new SupervisorReadiness.Dependencies(
        supervisor(sandboxId),
        Optional.ofNullable(fenceByKey.get(FenceState.key(namespace, pairing.fence()))));
  }

  void putFence(FenceState state) {
    fenceByKey.put(state.key(), state);
  }

  /**
   * Forgets the fence's state unless a successor of another UID has replaced it; true if it did.
   */
  boolean removeFence(FenceState state) {
    FenceState current = fenceByKey.get(state.key());
    if (current == null || !current.uid().equals(state.uid())) {
      return false;
    }
    fenceByKey.remove(state.key());
    return true;
  }

  /**
   * Applies the view's dependencies again to the two-pod sandbox {@code sandboxId}; returns the
   * entry when its snapshot changed (and puts it), else nothing.
   */
  List<SandboxEntry> reapply(String sandboxId) {
    Optional<SandboxEntry> current = get(sandboxId).filter(e -> e.pairing().isPresent());
    if (current.isEmpty()) {
      return List.of();
    }
    SandboxEntry entry = current.get().with(this);
    if (entry == current.get()) {
      return List.of();
    }
    put(entry);
    return List.of(entry);
  }

  /** {@link #reapply(String)} for every two-pod sandbox of the fence's namespace and generation. */
  List<SandboxEntry> reapply(FenceState fence) {
    List<String> ids = new ArrayList<>();
    for (SandboxEntry e : byId.values()) {
      if (e.snapshot().namespace().equals(fence.namespace())
          && e.pairing().filter(p -> p.fence().equals(fence.name())).isPresent()) {
        ids.add(e.snapshot().id());
      }
    }
    List<SandboxEntry> changed = new ArrayList<>();
    ids.forEach(id -> changed.addAll(reapply(id)));
    return changed;
  }

  private void unindex(SandboxEntry entry) {
    String id = entry.snapshot().id();
    String namespace = entry.snapshot().namespace();
    idByResource.remove(key(namespace, entry.resourceName()), id);
    entry
        .snapshot()
        .status()
        .map(SandboxSnapshot.Status::instanceId)
        .ifPresent(pod -> idByPod.remove(key(namespace, pod), id));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
