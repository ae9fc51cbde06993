package dev.berth.kubernetes;

import dev.berth.driver.SandboxSnapshot;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams core/v1 Events about this gateway's sandboxes and their pods as platform events, in every
 * workspace mode (upstream has them only in shared mode): the sandbox namespace in shared mode,
 * every namespace in managed mode.
 *
 * <p>It watches from the collection's current resource version instead of running an informer: an
 * informer would keep every Event in scope in memory (cluster-wide in managed mode) and replay old
 * events after each relist, while platform events only need what happens from now on. Upstream's
 * watcher likewise ignores the initial list. A dropped connection is resumed by fabric8 from the
 * last version seen; an expired version (410) or a closed watch starts over from "now" after a
 * backoff. Platform events are best effort: a gap is logged, never fatal.
 */
final class EventFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final Optional<String> namespace;
  private final EventMapper.Lookup lookup;
  private final Consumer<SandboxSnapshot.Platform> sink;
  private final ScheduledExecutorService scheduler;
  private volatile boolean closed;
  private Watch watch;
  private int failures;

  EventFeed(
      KubernetesClient client,
      Optional<String> namespace,
      EventMapper.Lookup lookup,
      Consumer<SandboxSnapshot.Platform> sink,
      ScheduledExecutorService scheduler) {
    this.client = client;
    this.namespace = namespace;
    this.lookup = lookup;
    this.sink = sink;
    this.scheduler = scheduler;
  }

  /** Starts watching; failures are retried in the background. */
  synchronized void start() {
    if (closed) {
      return;
    }
    try {
      EventList current = events().list(new ListOptionsBuilder().withLimit(1L).build());
      String version =
          current.getMetadata() == null ? null : current.getMetadata().getResourceVersion();
      watch =
          events()
              .watch(
                  new ListOptionsBuilder().withResourceVersion(version).build(), new Forwarder());
      failures = 0;
    } catch (RuntimeException e) {
      LOG.warn("Could not watch Kubernetes events; platform events paused: {}", e.toString());
      restartLater();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (watch != null) {
      watch.close();
      watch = null;
    }
  }

  void handle(Event event) {
    try {
      EventMapper.map(event, lookup).ifPresent(sink);
    } catch (RuntimeException e) {
      LOG.warn("Could not map Kubernetes event {}", event.getMetadata().getName(), e);
    }
  }

  private FilterWatchListDeletable<Event, EventList, Resource<Event>> events() {
    return namespace.isPresent()
        ? client.v1().events().inNamespace(namespace.get())
        : client.v1().events().inAnyNamespace();
  }

  private synchronized void restartLater() {
    if (closed) {
      return;
    }
    watch = null;
    long delay =
        Math.min(
            MAX_BACKOFF.toMillis(),
            KubernetesClients.WATCH_RECONNECT_INTERVAL.toMillis() << Math.min(failures, 5));
    failures++;
    scheduler.schedule(this::start, delay, TimeUnit.MILLISECONDS);
  }

  private final class Forwarder implements Watcher<Event> {
    @Override
    public void eventReceived(Action action, Event event) {
      if (action == Action.ADDED || action == Action.MODIFIED) {
        handle(event);
      }
    }

    @Override
    public void onClose(WatcherException cause) {
      if (closed) {
        return;
      }
      if (cause.isHttpGone()) {
        LOG.debug("Kubernetes event watch expired; restarting from now");
      } else {
        LOG.warn("Kubernetes event watch ended; restarting: {}", cause.toString());
      }
      restartLater();
    }

    @Override
    public void onClose() {
      if (!closed) {
        restartLater();
      }
    }
  }
}
