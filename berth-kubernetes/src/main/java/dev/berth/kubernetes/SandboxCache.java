package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.driver.SandboxSnapshot;
import dev.berth.render.agentsandbox.AgentSandbox;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
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

  /** Receives changes; called with the cache lock held, so it must not block. */
  interface Listener {
    default void updated(SandboxEntry entry) {}

    default void deleted(SandboxEntry entry) {}

    /** The cache lost the API server; later changes may be missing until it recovers. */
    default void failed(DriverException error) {}
  }

  private final SandboxApi api;
  private final GenerationInformers<Pod, SupervisorState> supervisors;
  private final GenerationInformers<NetworkPolicy, FenceState> fences;
  private final String gatewayId;
  private final String fallbackNamespace;
  private final ApiErrors errors;
  private final ScheduledExecutorService scheduler;
  private final Duration stallGrace;

  private final Object lock = new Object();
  private final SandboxView view = new SandboxView();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  // Until start() returns: ids deleted while the initial list was being delivered.
  private final Set<String> removedIds = new HashSet<>();
  private boolean starting = true;

  private SharedIndexInformer<AgentSandbox> informer;
  private InformerWatchdog watchdog;

  SandboxCache(
      SandboxApi api,
      GenerationInformers<Pod, SupervisorState> supervisors,
      GenerationInformers<NetworkPolicy, FenceState> fences,
      String gatewayId,
      String fallbackNamespace,
      ApiErrors errors,
      ScheduledExecutorService scheduler,
      Duration stallGrace) {
    this.api = api;
    this.supervisors = supervisors;
    this.fences = fences;
    this.gatewayId = gatewayId;
    this.fallbackNamespace = fallbackNamespace;
    this.errors = errors;
    this.scheduler = scheduler;
    this.stallGrace = stallGrace;
  }

  /**
   * Lists, starts watching, and returns once the view holds every sandbox. The supervisor pods come
   * first, so that no two-pod sandbox is reported without its supervisor when the view opens.
   */
  void start(Duration syncTimeout) throws DriverException {
    try {
      supervisors.start(
          new Dependency<SupervisorState>(
              view::putSupervisor,
              view::removeSupervisor,
              state -> view.reapply(state.sandboxId())),
          errors,
          t -> {
            LOG.warn("Supervisor pod informer failed, retrying: {}", t.toString());
            fail("watch of supervisor pods ended: " + ApiErrors.describe(t));
          },
          syncTimeout);
      fences.start(
          new Dependency<FenceState>(view::putFence, view::removeFence, view::reapply),
          errors,
          t -> {
            LOG.warn("Workload fence informer failed, retrying: {}", t.toString());
            fail("watch of workload fences ended: " + ApiErrors.describe(t));
          },
          syncTimeout);
      startSandboxes(syncTimeout);
    } catch (DriverException | RuntimeException e) {
      supervisors.close();
      fences.close();
      throw e;
    }
    watchdog =
        new InformerWatchdog(
            () -> informer.isWatching() && supervisors.watching() && fences.watching(),
            stallGrace,
            this::fail,
            scheduler);
  }

  private void startSandboxes(Duration syncTimeout) throws DriverException {
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
    synchronized (lock) {
      SandboxInformers.awaitFirstList(
          lock,
          expected,
          id -> view.contains(id) || removedIds.contains(id),
          "Sandbox resources",
          timeout);
      removedIds.clear();
      starting = false;
    }
  }

  Optional<SandboxEntry> get(String sandboxId) {
    synchronized (lock) {
      return view.get(sandboxId);
    }
  }

  /** Every sandbox, sorted by name then id. */
  List<SandboxSnapshot> list() {
    List<SandboxSnapshot> out;
    synchronized (lock) {
      out = new ArrayList<>(view.size());
      for (SandboxEntry e : view.entries()) {
        out.add(e.snapshot());
      }
    }
    out.sort(SandboxSnapshot.ORDER);
    return out;
  }

  @Override
  public Optional<String> byResourceName(String namespace, String name) {
    synchronized (lock) {
      return view.byResourceName(namespace, name);
    }
  }

  @Override
  public Optional<String> byAgentPod(String namespace, String pod) {
    synchronized (lock) {
      return view.byAgentPod(namespace, pod);
    }
  }

  /**
   * Adds a listener; {@code current} receives the view first, under the same lock, so that no
   * change falls between the copy and the listener.
   */
  void addListener(Listener listener, Consumer<Collection<SandboxEntry>> current) {
    synchronized (lock) {
      current.accept(List.copyOf(view.entries()));
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
      if ((uid != null && view.deleted(uid)) || view.contains(snapshot.get().id())) {
        return;
      }
      String id = snapshot.get().id();
      view.put(SandboxEntry.of(created, snapshot.get(), view));
    }
  }

  /**
   * True when the sandbox in {@code namespace}, as {@code pairing} describes it, has its boundary
   * broken for good ({@link SupervisorReadiness#broken}), by the supervisor pods and fences this
   * cache has seen.
   */
  boolean boundaryBroken(String sandboxId, String namespace, SupervisorReadiness.Pairing pairing) {
    synchronized (lock) {
      return SupervisorReadiness.broken(pairing, view.dependencies(sandboxId, namespace, pairing));
    }
  }

  /** False while the informer has lost the API server; new watches are refused then. */
  boolean live() {
    return watchdog == null || watchdog.live();
  }

  @Override
  public void close() {
    if (watchdog != null) {
      watchdog.close();
    }
    if (informer != null) {
      informer.close();
    }
    supervisors.close();
    fences.close();
    listeners.clear();
  }

  private void apply(AgentSandbox r) {
    Optional<SandboxSnapshot> snapshot = SandboxMapper.snapshot(r, fallbackNamespace);
    if (snapshot.isEmpty()) {
      LOG.debug("Skipping unrecognized Sandbox resource {}", r.getMetadata().getName());
      return;
    }
    synchronized (lock) {
      SandboxEntry current = view.get(snapshot.get().id()).orElse(null);
      if (current != null
          && Objects.equals(current.uid(), r.getMetadata().getUid())
          && !SandboxMapper.atLeast(
              r.getMetadata().getResourceVersion(), current.resourceVersion())) {
        return; // older than what the view holds
      }
      SandboxEntry entry = SandboxEntry.of(r, snapshot.get(), view);
      view.put(entry);
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
      if (starting) {
        removedIds.add(id.get());
        lock.notifyAll();
      }
      Optional<SandboxEntry> removed =
          view.remove(id.get(), Optional.ofNullable(r.getMetadata().getUid()));
      for (Listener l : listeners) {
        removed.ifPresent(l::deleted);
      }
    }
  }

  private void fail(String message) {
    if (watchdog != null) {
      watchdog.markDown();
    }
    DriverException error = new DriverException(DriverException.Kind.UNAVAILABLE, message);
    synchronized (lock) {
      for (Listener l : listeners) {
        l.failed(error);
      }
    }
  }

  private void notifyUpdated(List<SandboxEntry> changed) {
    for (SandboxEntry entry : changed) {
      for (Listener l : listeners) {
        l.updated(entry);
      }
    }
  }

  /**
   * Keeps one kind of dependency's states in the view and applies each change to the sandboxes it
   * concerns. A replaced object's deletion (same name, another UID) does not take its successor's
   * state with it: {@code remove} says whether it forgot anything.
   */
  private final class Dependency<S> implements GenerationInformers.Listener<S> {
    private final Consumer<S> put;
    private final Predicate<S> remove;
    private final Function<S, List<SandboxEntry>> reapply;

    Dependency(Consumer<S> put, Predicate<S> remove, Function<S, List<SandboxEntry>> reapply) {
      this.put = put;
      this.remove = remove;
      this.reapply = reapply;
    }

    @Override
    public void changed(S state) {
      synchronized (lock) {
        put.accept(state);
        notifyUpdated(reapply.apply(state));
      }
    }

    @Override
    public void removed(S state) {
      synchronized (lock) {
        if (remove.test(state)) {
          notifyUpdated(reapply.apply(state));
        }
      }
    }
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
