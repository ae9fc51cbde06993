package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.render.agentsandbox.AgentSandbox;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits, after Stop's patch, until agent-sandbox reports the sandbox stopped: the {@code
 * Suspended=True} condition on the Sandbox, or for {@code v1alpha1} (whose status never shows the
 * scale-down) the sandbox pod gone. {@code Suspended=False} with reason {@code PodNotOwned} is a
 * refusal. Both signals come from watches (the Sandbox informer, a watch on the one pod), never
 * from polling. The deadline is upstream's: the pod's grace period plus reconcile headroom.
 */
final class StopWaiter {

  /** The condition agent-sandbox reports a stop by. */
  static final String SUSPENDED = "Suspended";

  private final KubernetesClient client;
  private final SandboxCache cache;
  private final Duration headroom;

  StopWaiter(KubernetesClient client, SandboxCache cache, Duration headroom) {
    this.client = client;
    this.cache = cache;
    this.headroom = headroom;
  }

  /** How long Stop waits for this sandbox. */
  Duration deadline(AgentSandbox sandbox) {
    return Duration.ofSeconds(SandboxMapper.terminationGracePeriodSeconds(sandbox)).plus(headroom);
  }

  /**
   * Returns once {@code patched} (the object Stop's patch returned) is reported stopped.
   *
   * @throws DriverException INTERNAL when agent-sandbox refuses, NOT_FOUND when the sandbox
   *     disappears, DEADLINE_EXCEEDED at the deadline
   */
  void await(String sandboxId, AgentSandbox patched, SandboxApiVersion version)
      throws DriverException {
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    String patchedVersion = patched.getMetadata().getResourceVersion();
    Long patchedGeneration = patched.getMetadata().getGeneration();

    SandboxCache.Listener listener =
        new SandboxCache.Listener() {
          @Override
          public void updated(SandboxEntry entry) {
            if (entry.snapshot().id().equals(sandboxId)) {
              check(entry, patchedVersion, patchedGeneration, stopped);
            }
          }

          @Override
          public void deleted(SandboxEntry entry) {
            if (entry.snapshot().id().equals(sandboxId)) {
              stopped.completeExceptionally(SandboxStore.notFound());
            }
          }
        };
    cache.addListener(
        listener,
        current ->
            current.stream()
                .filter(e -> e.snapshot().id().equals(sandboxId))
                .findFirst()
                .ifPresent(e -> check(e, patchedVersion, patchedGeneration, stopped)));

    CompletableFuture<List<Pod>> podGone = null;
    if (version == SandboxApiVersion.V1ALPHA1) {
      podGone =
          client
              .pods()
              .inNamespace(patched.getMetadata().getNamespace())
              .withName(SandboxMapper.podName(patched))
              .informOnCondition(List::isEmpty);
      podGone.whenComplete(
          (pods, error) -> {
            if (error == null) {
              stopped.complete(null);
            }
          });
    }

    Duration deadline = deadline(patched);
    try {
      stopped.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new DriverException(
          DriverException.Kind.DEADLINE_EXCEEDED,
          "timed out after " + deadline.toSeconds() + "s waiting for Kubernetes sandbox to stop",
          e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof DriverException d) {
        throw d;
      }
      throw new DriverException(
          DriverException.Kind.INTERNAL, "waiting for the sandbox to stop failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException(
          DriverException.Kind.UNAVAILABLE, "interrupted while waiting for the sandbox to stop", e);
    } finally {
      cache.removeListener(listener);
      if (podGone != null) {
        podGone.cancel(true);
      }
    }
  }

  /**
   * Judges one observed state. States older than the patch are ignored, and so are conditions the
   * controller wrote for an older generation (when it records one), so that a {@code
   * Suspended=True} left over from an earlier stop does not end this one early.
   */
  static void check(
      SandboxEntry observed,
      String patchedVersion,
      Long patchedGeneration,
      CompletableFuture<Void> stopped) {
    if (!SandboxMapper.atLeast(observed.resourceVersion(), patchedVersion)) {
      return;
    }
    observed
        .suspended()
        .filter(c -> current(c, patchedGeneration))
        .ifPresent(
            c -> {
              if ("True".equals(c.getStatus())) {
                stopped.complete(null);
              } else if ("False".equals(c.getStatus()) && "PodNotOwned".equals(c.getReason())) {
                stopped.completeExceptionally(
                    new DriverException(
                        DriverException.Kind.INTERNAL,
                        "Kubernetes sandbox stop rejected: "
                            + Objects.requireNonNullElse(c.getMessage(), "")));
              }
            });
  }

  private static boolean current(Condition condition, Long patchedGeneration) {
    Long observed = condition.getObservedGeneration();
    if (patchedGeneration == null || observed == null) {
      return true;
    }
    return observed >= patchedGeneration || observed == 0;
  }
}
