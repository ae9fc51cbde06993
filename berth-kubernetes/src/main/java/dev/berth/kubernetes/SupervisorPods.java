package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Informers of this gateway's supervisor pods, one per two-pod generation this process may serve
 * (each generation labels its pods under its own prefix, and a label selector cannot match either
 * of two keys). They report each pod as a {@link SupervisorState}; the pods themselves are not
 * kept: the informers' stores hold only what a deletion needs to name its pod.
 */
final class SupervisorPods implements AutoCloseable {

  /** Receives the states; called on an informer's thread. */
  interface Listener {
    void changed(SupervisorState state);

    void removed(SupervisorState state);
  }

  private static final long LIST_PAGE = 500;

  private final KubernetesClient client;
  private final Optional<String> namespace;
  private final String scopeDescription;
  private final String gatewayId;
  private final List<Generation> generations;
  private final List<SharedIndexInformer<Pod>> informers = new ArrayList<>();

  SupervisorPods(
      KubernetesClient client,
      Optional<String> namespace,
      String scopeDescription,
      String gatewayId,
      List<Generation> generations) {
    this.client = client;
    this.namespace = namespace;
    this.scopeDescription = scopeDescription;
    this.gatewayId = gatewayId;
    this.generations = List.copyOf(generations);
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

  /** The label selector of one generation's supervisor pods of this gateway. */
  static String selector(IsolationNames names, String gatewayId) {
    return names.managedByLabel()
        + "="
        + names.generation().namespace()
        + ","
        + names.componentLabel()
        + "="
        + IsolationNames.COMPONENT_SUPERVISOR
        + ","
        + names.gatewayIdLabel()
        + "="
        + gatewayId;
  }

  /**
   * Starts every informer and returns once each has delivered its first list to {@code listener}; a
   * failure closes the ones already started.
   */
  void start(
      Listener listener, ApiErrors errors, Consumer<Throwable> failedAfterStart, Duration timeout)
      throws DriverException {
    try {
      for (Generation g : generations) {
        startOne(g, listener, errors, failedAfterStart, timeout);
      }
    } catch (DriverException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void startOne(
      Generation g,
      Listener listener,
      ApiErrors errors,
      Consumer<Throwable> failedAfterStart,
      Duration timeout)
      throws DriverException {
    IsolationNames names = new IsolationNames(g);
    SharedIndexInformer<Pod> informer =
        pods()
            .withLabelSelector(selector(names, gatewayId))
            .withLimit(LIST_PAGE)
            .runnableInformer(0);
    informer.itemStore(
        new ReducedStateItemStore<>(
            ReducedStateItemStore.NAME_KEY_STATE,
            Pod.class,
            client.getKubernetesSerialization(),
            // apiVersion and kind: the restored object is read back through the client's typed
            // deserializer, which finds the class by them
            "apiVersion",
            "kind",
            "metadata.uid",
            "metadata.resourceVersion",
            "metadata.annotations"));
    Handler handler = new Handler(names, listener);
    informer.addEventHandler(handler);
    informers.add(informer);
    String what = g.namespace() + " supervisor pods";
    SandboxInformers.startAndSync(
        informer, what, scopeDescription, errors, failedAfterStart, timeout);
    handler.awaitDelivered(informer.getStore().listKeys(), what, timeout);
  }

  /** True while every informer has its watch open. */
  boolean watching() {
    return informers.stream().allMatch(SharedIndexInformer::isWatching);
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }

  private FilterWatchListDeletable<Pod, PodList, PodResource> pods() {
    return namespace.isPresent()
        ? client.pods().inNamespace(namespace.get())
        : client.pods().inAnyNamespace();
  }

  /**
   * Forwards each pod's state. It also counts the pods it has delivered: an informer reports its
   * first list synced before its handler has necessarily seen every pod in it.
   */
  private static final class Handler implements ResourceEventHandler<Pod> {
    private final IsolationNames names;
    private final Listener listener;
    private final Set<String> delivered = new HashSet<>();
    private boolean counting = true;

    Handler(IsolationNames names, Listener listener) {
      this.names = names;
      this.listener = listener;
    }

    @Override
    public void onAdd(Pod pod) {
      SupervisorState.of(pod, names).ifPresent(listener::changed);
      record(pod);
    }

    private void record(Pod pod) {
      synchronized (delivered) {
        if (counting) {
          delivered.add(Cache.metaNamespaceKeyFunc(pod));
          delivered.notifyAll();
        }
      }
    }

    /** Waits until every pod of {@code keys} (the first list) has been delivered or deleted. */
    void awaitDelivered(List<String> keys, String what, Duration timeout) throws DriverException {
      synchronized (delivered) {
        SandboxInformers.awaitFirstList(delivered, keys, delivered::contains, what, timeout);
        counting = false;
        delivered.clear();
      }
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
      SupervisorState.of(pod, names).ifPresent(listener::changed);
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
      SupervisorState.of(pod, names).ifPresent(listener::removed);
      record(pod);
    }
  }
}
