package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.render.agentsandbox.AgentSandbox;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The informers {@link SandboxCache} reads, built, started and synced. */
final class SandboxInformers {

  private static final long LIST_PAGE = 500;

  private SandboxInformers() {}

  /**
   * Starts the informer of this gateway's Sandboxes and returns once its first list is in; a
   * failure before that ends the start, {@code failedAfterStart} hears of later ones.
   */
  static SharedIndexInformer<AgentSandbox> start(
      SandboxApi api,
      String gatewayId,
      ApiErrors errors,
      ResourceEventHandler<AgentSandbox> handler,
      Consumer<Throwable> failedAfterStart,
      Duration syncTimeout)
      throws DriverException {
    // Listed in pages: one response with every Sandbox (about 5 KB of JSON and 40 KB of objects
    // each) would not fit a bounded heap at 10,000 sandboxes.
    SharedIndexInformer<AgentSandbox> informer =
        api.inScope()
            .withLabelSelector(SandboxApi.gatewaySelector(gatewayId))
            .withLimit(LIST_PAGE)
            .runnableInformer(0);
    // The informer's own store keeps only what its relists and this cache's delete handling read;
    // the full objects (pod templates) would otherwise stay in memory twice over.
    informer.itemStore(
        new SlimSandboxStore(api.version(), api.client().getKubernetesSerialization()));
    informer.addEventHandler(handler);
    startAndSync(
        informer,
        "Sandbox resources",
        api.scopeDescription(),
        errors,
        failedAfterStart,
        syncTimeout);
    return informer;
  }

  /**
   * Starts {@code informer} (handlers added) and returns once its first list is in. Before that a
   * failure ends the start; afterwards the informer relists and rewatches on its own, and {@code
   * failedAfterStart} tells the watches that depend on it that they may have missed changes.
   */
  static void startAndSync(
      SharedIndexInformer<?> informer,
      String what,
      String scope,
      ApiErrors errors,
      Consumer<Throwable> failedAfterStart,
      Duration syncTimeout)
      throws DriverException {
    informer.exceptionHandler(
        (started, t) -> {
          if (started) {
            failedAfterStart.accept(t);
          }
          return started;
        });
    CompletableFuture<Void> synced = informer.start().toCompletableFuture();
    try {
      synced.get(syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      informer.close();
      throw new DriverException(
          DriverException.Kind.DEADLINE_EXCEEDED,
          "the informer of " + what + " did not sync within " + syncTimeout.toSeconds() + "s",
          e);
    } catch (ExecutionException e) {
      informer.close();
      Throwable cause = e.getCause();
      if (cause instanceof KubernetesClientException k) {
        throw errors.map(k, "list and watch " + what + " in " + scope);
      }
      throw new DriverException(
          DriverException.Kind.UNAVAILABLE,
          "could not list and watch " + what + " in " + scope + ": " + ApiErrors.describe(cause),
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      informer.close();
      throw new DriverException(
          DriverException.Kind.UNAVAILABLE,
          "interrupted while starting the informer of " + what,
          e);
    }
  }

  /**
   * Waits on {@code monitor}, which the caller holds and whose holders notify it as they deliver,
   * until {@code delivered} holds for every key of the first list: an informer reports its first
   * list synced before its handler has necessarily seen every object in it.
   */
  static void awaitFirstList(
      Object monitor,
      Collection<String> keys,
      Predicate<String> delivered,
      String what,
      Duration timeout)
      throws DriverException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String key : keys) {
      while (!delivered.test(key)) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new DriverException(
              DriverException.Kind.DEADLINE_EXCEEDED,
              "the informer of "
                  + what
                  + " did not deliver its first list within "
                  + timeout.toSeconds()
                  + "s");
        }
        try {
          monitor.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DriverException(
              DriverException.Kind.UNAVAILABLE, "interrupted while starting the informer", e);
        }
      }
    }
  }
}
