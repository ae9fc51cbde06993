package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.render.agentsandbox.AgentSandbox;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails a two-pod sandbox closed when it loses its supervisor for good, as upstream's driver does:
 * a released, running sandbox whose supervisor pod is gone or has ended (supervisor pods do not
 * restart) is suspended, so that its workload pod stops holding the node's resources without a
 * gateway session, and the gateway sees it stopped; a Start brings up a new pair. A supervisor that
 * runs but is not Ready is only reported.
 *
 * <p>The suspension waits a grace period and then judges again from a fresh read of the Sandbox,
 * patching only the version it read: Berth's own Delete removes the supervisor pod moments before
 * the Sandbox, and a Start or Stop in between changes the Sandbox, so neither is suspended.
 */
final class SupervisorLossGuard implements SandboxCache.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(SupervisorLossGuard.class);

  private final SandboxCache cache;
  private final SandboxStore store;
  private final ScheduledExecutorService scheduler;
  private final Duration grace;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();

  SupervisorLossGuard(
      SandboxCache cache, SandboxStore store, ScheduledExecutorService scheduler, Duration grace) {
    this.cache = cache;
    this.store = store;
    this.scheduler = scheduler;
    this.grace = grace;
  }

  /** Starts guarding every sandbox, those the cache holds now included. */
  void start() {
    cache.addListener(this, this::judgeAll);
  }

  private void judgeAll(Collection<SandboxEntry> entries) {
    entries.forEach(this::updated);
  }

  /** Called under the cache's lock: only schedules. */
  @Override
  public void updated(SandboxEntry entry) {
    String id = entry.snapshot().id();
    String namespace = entry.snapshot().namespace();
    if (entry.pairing().filter(p -> cache.boundaryBroken(id, namespace, p)).isPresent()
        && pending.add(id)) {
      scheduler.schedule(() -> check(id), grace.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void check(String sandboxId) {
    pending.remove(sandboxId);
    try {
      Optional<AgentSandbox> found = store.find(sandboxId);
      if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null) {
        return;
      }
      boolean lost =
          SupervisorReadiness.pairing(found.get())
              .filter(
                  p -> cache.boundaryBroken(sandboxId, found.get().getMetadata().getNamespace(), p))
              .isPresent();
      if (lost && store.suspendUnchanged(found.get())) {
        LOG.warn(
            "Sandbox {} lost its supervisor pod for good (gone or ended); suspended its workload, as"
                + " the gateway can no longer reach it. Start the sandbox to bring up a new pair.",
            sandboxId);
      }
    } catch (DriverException | RuntimeException e) {
      LOG.warn(
          "Could not suspend sandbox {} after losing its supervisor: {}",
          sandboxId,
          e.getMessage());
    }
  }
}
