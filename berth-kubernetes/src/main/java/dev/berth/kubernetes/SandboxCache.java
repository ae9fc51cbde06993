package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.driver.SandboxSnapshot;
import dev.berth.render.agentsandbox.AgentSandbox;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This gateway's sandboxes as one shared informer sees them. Get, List, Stop's wait and every Watch
 * read from here instead of calling the API server. The informer is filtered by the managed-by,
 * sandbox-id and gateway-id labels in every workspace mode (upstream's shared-mode watch forgets
 * the gateway id).
 *
 * <p>The cache keeps its own view, updated on the informer's handler thread under one lock, and
 * calls its listeners under that lock: a listener added together with a copy of the view sees every
 * later change exactly once and in order.
 */
final class SandboxCache implements EventMapper.Lookup, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxCache.class);
  private static final int TOMBSTONES = 4096;

  /** Receives changes; called with the cache lock held, so it must not block. */
  interface Listener {
    default void updated(Entry entry) {}

    default void deleted(Entry entry) {}

    /** The cache lost the API server; later changes may be missing until it recovers. */
    default void failed(DriverException error) {}
  }

  /**
   * A sandbox: its snapshot and the few fields of the resource the driver reads again (Stop's wait
   * reads the version and the Suspended condition). The resource itself is not kept: its pod
   * template is most of its size, and nothing served from the cache needs it.
   */
  record Entry(
      String uid,
      String resourceVersion,
      String resourceName,
      SandboxSnapshot snapshot,
      Optional<Condition> suspended) {

    static Entry of(AgentSandbox resource, SandboxSnapshot snapshot) {
      ObjectMeta meta = resource.getMetadata();
      return new Entry(
          meta.getUid(),
          meta.getResourceVersion(),
          meta.getName(),
          snapshot,
          SandboxMapper.condition(resource, StopWaiter.SUSPENDED));
    }
  }

  private final SandboxApi api;
  private final String gatewayId;
  private final String fallbackNamespace;
  private final ApiErrors errors;
  private final ScheduledExecutorService scheduler;
  private final Duration stallGrace;

  private final Object lock = new Object();
  private final Map<String, Entry> byId = new HashMap<>();
  private final Map<String, String> idByResource = new HashMap<>();
  private final Map<String, String> idByPod = new HashMap<>();
  private final Map<String, Boolean> tombstones =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > TOMBSTONES;
        }
      };
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  // Until start() returns: ids deleted while the initial list was being delivered.
  private final Set<String> removedIds = new HashSet<>();
  private boolean starting = true;

  private SharedIndexInformer<AgentSandbox> informer;
  private ScheduledFuture<?> watchdog;
  private long notWatchingSinceNanos = -1;
  private volatile boolean stalled;

  SandboxCache(
      SandboxApi api,
      String gatewayId,
      String fallbackNamespace,
      ApiErrors errors,
      ScheduledExecutorService scheduler,
      Duration stallGrace) {
    this.api = api;
    this.gatewayId = gatewayId;
    this.fallbackNamespace = fallbackNamespace;
    this.errors = errors;
    this.scheduler = scheduler;
    this.stallGrace = stallGrace;
  }

  /** Lists, starts watching, and returns once the view holds every sandbox. */
  void start(Duration syncTimeout) throws DriverException {
    informer =
        SandboxInformers.start(
            api,
            gatewayId,
            errors,
            new Handler(),
            t -> {
              LOG.warn("Sandbox informer failed, retrying: {}", t.toString());
              fail("watch of Sandbox resources ended: " + ApiErrors.describe(t));
            },
            syncTimeout);
    try {
      awaitHandler(syncTimeout);
    } catch (DriverException e) {
      informer.close();
      throw e;
    }
    long period = Math.max(50, Math.min(1000, stallGrace.toMillis() / 4));
    watchdog =
        scheduler.scheduleWithFixedDelay(
            this::checkWatching, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * The handler may not have seen the whole initial list yet when the informer reports it synced.
   * The store holds only reduced objects (no status), so the view cannot be seeded from it; instead
   * wait until the handler has delivered every sandbox the store holds (or its deletion).
   */
  private void awaitHandler(Duration timeout) throws DriverException {
    List<String> expected = new ArrayList<>();
    for (AgentSandbox r : informer.getStore().list()) {
      SandboxMapper.snapshot(r, fallbackNamespace).ifPresent(s -> expected.add(s.id()));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      for (String id : expected) {
        while (!byId.containsKey(id) && !removedIds.contains(id)) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0) {
            throw new DriverException(
                DriverException.Kind.DEADLINE_EXCEEDED,
                "the Sandbox informer did not deliver its first list within "
                    + timeout.toSeconds()
                    + "s");
          }
          try {
            lock.wait(left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(
                DriverException.Kind.UNAVAILABLE, "interrupted while starting the informer", e);
          }
        }
      }
      removedIds.clear();
      starting = false;
    }
  }

  Optional<Entry> get(String sandboxId) {
    synchronized (lock) {
      return Optional.ofNullable(byId.get(sandboxId));
    }
  }

  /** Every sandbox, sorted by name then id. */
  List<SandboxSnapshot> list() {
    List<SandboxSnapshot> out;
    synchronized (lock) {
      out = new ArrayList<>(byId.size());
      for (Entry e : byId.values()) {
        out.add(e.snapshot());
      }
    }
    out.sort(SandboxSnapshot.ORDER);
    return out;
  }

  @Override
  public Optional<String> byResourceName(String namespace, String name) {
    synchronized (lock) {
      return Optional.ofNullable(idByResource.get(key(namespace, name)));
    }
  }

  @Override
  public Optional<String> byAgentPod(String namespace, String pod) {
    synchronized (lock) {
      return Optional.ofNullable(idByPod.get(key(namespace, pod)));
    }
  }

  /**
   * Adds a listener; {@code current} receives the view first, under the same lock, so that no
   * change falls between the copy and the listener.
   */
  void addListener(Listener listener, Consumer<Collection<Entry>> current) {
    synchronized (lock) {
      current.accept(List.copyOf(byId.values()));
      listeners.add(listener);
    }
  }

  void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  /**
   * Puts a Sandbox the driver just created into the view, so that a Get right after Create finds it
   * before the informer reports it. Ignored when the informer already knows it or saw it go.
   */
  void recordCreated(AgentSandbox created) {
    Optional<SandboxSnapshot> snapshot = SandboxMapper.snapshot(created, fallbackNamespace);
    if (snapshot.isEmpty()) {
      return;
    }
    synchronized (lock) {
      String uid = created.getMetadata().getUid();
      if ((uid != null && tombstones.containsKey(uid)) || byId.containsKey(snapshot.get().id())) {
        return;
      }
      put(Entry.of(created, snapshot.get()));
    }
  }

  /** False while the informer has lost the API server; new watches are refused then. */
  boolean live() {
    return !stalled;
  }

  @Override
  public void close() {
    if (watchdog != null) {
      watchdog.cancel(false);
    }
    if (informer != null) {
      informer.close();
    }
    listeners.clear();
  }

  private void apply(AgentSandbox r) {
    Optional<SandboxSnapshot> snapshot = SandboxMapper.snapshot(r, fallbackNamespace);
    if (snapshot.isEmpty()) {
      LOG.debug("Skipping unrecognized Sandbox resource {}", r.getMetadata().getName());
      return;
    }
    synchronized (lock) {
      Entry current = byId.get(snapshot.get().id());
      if (current != null
          && Objects.equals(current.uid(), r.getMetadata().getUid())
          && !SandboxMapper.atLeast(
              r.getMetadata().getResourceVersion(), current.resourceVersion())) {
        return; // older than what the view holds
      }
      Entry entry = Entry.of(r, snapshot.get());
      put(entry);
      if (starting) {
        lock.notifyAll();
      }
      for (Listener l : listeners) {
        l.updated(entry);
      }
    }
  }

  private void remove(AgentSandbox r) {
    Optional<String> id = SandboxMapper.sandboxId(r);
    if (id.isEmpty()) {
      return;
    }
    synchronized (lock) {
      String uid = r.getMetadata().getUid();
      if (uid != null) {
        tombstones.put(uid, Boolean.TRUE);
      }
      if (starting) {
        removedIds.add(id.get());
        lock.notifyAll();
      }
      Entry current = byId.get(id.get());
      if (current == null || (uid != null && !uid.equals(current.uid()))) {
        return;
      }
      unindex(current);
      byId.remove(id.get());
      for (Listener l : listeners) {
        l.deleted(current);
      }
    }
  }

  private void put(Entry entry) {
    Entry previous = byId.put(entry.snapshot().id(), entry);
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

  private void unindex(Entry entry) {
    String id = entry.snapshot().id();
    String namespace = entry.snapshot().namespace();
    idByResource.remove(key(namespace, entry.resourceName()), id);
    entry
        .snapshot()
        .status()
        .map(SandboxSnapshot.Status::instanceId)
        .ifPresent(pod -> idByPod.remove(key(namespace, pod), id));
  }

  private void checkWatching() {
    try {
      if (informer.isWatching()) {
        notWatchingSinceNanos = -1;
        stalled = false;
        return;
      }
      long now = System.nanoTime();
      if (notWatchingSinceNanos < 0) {
        notWatchingSinceNanos = now;
      } else if (!stalled && now - notWatchingSinceNanos >= stallGrace.toNanos()) {
        LOG.warn("Sandbox watch has been disconnected for {}", span(stallGrace));
        fail(
            "watch of Sandbox resources ended: no connection to the Kubernetes API for "
                + span(stallGrace));
      }
    } catch (RuntimeException e) {
      LOG.warn("Sandbox watch check failed", e);
    }
  }

  private void fail(String message) {
    stalled = true;
    DriverException error = new DriverException(DriverException.Kind.UNAVAILABLE, message);
    synchronized (lock) {
      for (Listener l : listeners) {
        l.failed(error);
      }
    }
  }

  /** "15s", or "500ms" for a grace below a second (tests), which whole seconds would call 0s. */
  private static String span(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private final class Handler implements ResourceEventHandler<AgentSandbox> {
    @Override
    public void onAdd(AgentSandbox r) {
      apply(r);
    }

    @Override
    public void onUpdate(AgentSandbox old, AgentSandbox r) {
      apply(r);
    }

    @Override
    public void onDelete(AgentSandbox r, boolean finalStateUnknown) {
      remove(r);
    }
  }
}
