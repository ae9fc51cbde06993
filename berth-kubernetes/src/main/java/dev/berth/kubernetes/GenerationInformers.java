package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Label-selected informers of one kind of object Berth makes for two-pod sandboxes, one per two-pod
 * generation this process may serve (each generation labels under its own prefix, and a label
 * selector cannot match either of two keys). Each object is reported as a small state {@code S};
 * the objects themselves are not kept.
 *
 * @param <T> the kind watched
 * @param <S> what the cache keeps of one object
 */
final class GenerationInformers<T extends HasMetadata, S> implements AutoCloseable {

  /** Receives the states; called on an informer's thread. */
  interface Listener<S> {
    void changed(S state);

    void removed(S state);
  }

  /** How one kind is watched and reduced. */
  interface Kind<T, S> {
    /** "ryno supervisor pods": for messages. */
    String describe(Generation generation);

    /** A started-nowhere informer of the objects {@code selector} matches, in scope. */
    SharedIndexInformer<T> informer(String selector);

    String selector(IsolationNames names);

    /** The state of {@code object}; empty when it is not one Berth can place. */
    Optional<S> state(T object, IsolationNames names);
  }

  private final Kind<T, S> kind;
  private final String scopeDescription;
  private final List<Generation> generations;
  private final List<SharedIndexInformer<T>> informers = new ArrayList<>();

  GenerationInformers(Kind<T, S> kind, String scopeDescription, List<Generation> generations) {
    this.kind = kind;
    this.scopeDescription = scopeDescription;
    this.generations = List.copyOf(generations);
  }

  /** The selector of the objects of one component that {@code names}' generation made. */
  static String componentSelector(IsolationNames names, String component) {
    return names.managedByLabel()
        + "="
        + names.generation().namespace()
        + ","
        + names.componentLabel()
        + "="
        + component;
  }

  /**
   * The two-pod generations a process serves: the pinned one when it is two-pod, else every two-pod
   * generation (a gateway's generation is learnt only when it calls).
   */
  static List<Generation> served(Optional<Generation> pinned) {
    List<Generation> out = new ArrayList<>();
    for (Generation g : Generation.values()) {
      if (g.runtimeShape() == Generation.RuntimeShape.ISOLATION_BACKEND
          && pinned.map(g::equals).orElse(true)) {
        out.add(g);
      }
    }
    return out;
  }

  /**
   * Starts every informer and returns once each has delivered its first list to {@code listener}; a
   * failure closes the ones already started.
   */
  void start(
      Listener<S> listener,
      ApiErrors errors,
      Consumer<Throwable> failedAfterStart,
      Duration timeout)
      throws DriverException {
    try {
      for (Generation g : generations) {
        IsolationNames names = new IsolationNames(g);
        SharedIndexInformer<T> informer = kind.informer(kind.selector(names));
        Handler handler = new Handler(names, listener);
        informer.addEventHandler(handler);
        informers.add(informer);
        String what = kind.describe(g);
        SandboxInformers.startAndSync(
            informer, what, scopeDescription, errors, failedAfterStart, timeout);
        handler.awaitDelivered(informer.getStore().listKeys(), what, timeout);
      }
    } catch (DriverException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** True while every informer has its watch open. */
  boolean watching() {
    return informers.stream().allMatch(SharedIndexInformer::isWatching);
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }

  /**
   * Forwards each object's state. It also counts the objects it has delivered: an informer reports
   * its first list synced before its handler has necessarily seen every object in it.
   */
  private final class Handler implements ResourceEventHandler<T> {
    private final IsolationNames names;
    private final Listener<S> listener;
    private final Set<String> delivered = new HashSet<>();
    private boolean counting = true;

    Handler(IsolationNames names, Listener<S> listener) {
      this.names = names;
      this.listener = listener;
    }

    @Override
    public void onAdd(T object) {
      kind.state(object, names).ifPresent(listener::changed);
      record(object);
    }

    @Override
    public void onUpdate(T old, T object) {
      kind.state(object, names).ifPresent(listener::changed);
    }

    @Override
    public void onDelete(T object, boolean finalStateUnknown) {
      kind.state(object, names).ifPresent(listener::removed);
      record(object);
    }

    private void record(T object) {
      synchronized (delivered) {
        if (counting) {
          delivered.add(Cache.metaNamespaceKeyFunc(object));
          delivered.notifyAll();
        }
      }
    }

    /** Waits until every object of {@code keys} (the first list) was delivered or deleted. */
    void awaitDelivered(List<String> keys, String what, Duration timeout) throws DriverException {
      synchronized (delivered) {
        SandboxInformers.awaitFirstList(delivered, keys, delivered::contains, what, timeout);
        counting = false;
        delivered.clear();
      }
    }
  }
}
