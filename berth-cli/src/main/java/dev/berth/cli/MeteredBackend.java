package dev.berth.cli;

import dev.berth.driver.AuthenticatedSandbox;
import dev.berth.driver.ClaimMetadata;
import dev.berth.driver.DriverException;
import dev.berth.driver.ForwardingSandboxBackend;
import dev.berth.driver.RuntimeIdentity;
import dev.berth.driver.RuntimeStart;
import dev.berth.driver.SandboxBackend;
import dev.berth.driver.SandboxCredential;
import dev.berth.naming.Generation;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.LaunchAuthentication;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.isolation.RenderedIsolationSandbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Times every backend operation that reaches the Kubernetes API, by operation and outcome, and
 * exposes how many sandboxes the informer cache holds. Get and List are cache reads, so they are
 * not timed as API calls; the cache size gauge is what tells an operator how big that cache is.
 */
final class MeteredBackend extends ForwardingSandboxBackend {

  static final String CALLS = "berth.kubernetes.call.duration";
  static final String CACHED = "berth.kubernetes.sandboxes.cached";

  private final MeterRegistry registry;

  MeteredBackend(SandboxBackend delegate, MeterRegistry registry) {
    super(delegate);
    this.registry = registry;
    Gauge.builder(CACHED, delegate, MeteredBackend::cachedCount)
        .description("Sandboxes in the driver's informer cache")
        .register(registry);
  }

  private static double cachedCount(SandboxBackend backend) {
    try {
      return backend.list().size();
    } catch (DriverException e) {
      return Double.NaN;
    }
  }

  /** One operation that may fail with a driver error. */
  private interface Operation<T> {
    T run() throws DriverException;
  }

  /** An operation without a result. */
  private interface Action {
    void run() throws DriverException;
  }

  private void run(String operation, Action action) throws DriverException {
    timed(
        operation,
        () -> {
          action.run();
          return null;
        });
  }

  private <T> T timed(String operation, Operation<T> op) throws DriverException {
    long start = System.nanoTime();
    String outcome = "ok";
    try {
      return op.run();
    } catch (DriverException e) {
      outcome = e.kind().name().toLowerCase(Locale.ROOT);
      throw e;
    } catch (RuntimeException e) {
      outcome = "error";
      throw e;
    } finally {
      Timer.builder(CALLS)
          .description("Kubernetes API work per driver operation")
          .tag("operation", operation)
          .tag("outcome", outcome)
          .register(registry)
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public ClusterFacts prepare(String workspace, String namespace) throws DriverException {
    return timed("prepare", () -> delegate().prepare(workspace, namespace));
  }

  @Override
  public ClusterFacts inspect(String workspace, String namespace) throws DriverException {
    return timed("inspect", () -> delegate().inspect(workspace, namespace));
  }

  @Override
  public List<String> missingClaims(String namespace, Collection<String> claimNames)
      throws DriverException {
    return timed("missing_claims", () -> delegate().missingClaims(namespace, claimNames));
  }

  @Override
  public List<ClaimMetadata> claimMetadata(String namespace, Collection<String> claimNames)
      throws DriverException {
    return timed("claim_metadata", () -> delegate().claimMetadata(namespace, claimNames));
  }

  @Override
  public boolean hasGpuCapacity() throws DriverException {
    return timed("gpu_capacity", delegate()::hasGpuCapacity);
  }

  @Override
  public RuntimeIdentity create(RenderedSandbox sandbox) throws DriverException {
    return timed("create", () -> delegate().create(sandbox));
  }

  /** A two-pod create is a create: the same operation on dashboards whatever the shape. */
  @Override
  public RuntimeIdentity createIsolated(
      RenderedIsolationSandbox sandbox, LaunchAuthentication launch) throws DriverException {
    return timed("create", () -> delegate().createIsolated(sandbox, launch));
  }

  @Override
  public void stop(String sandboxId) throws DriverException {
    run("stop", () -> delegate().stop(sandboxId));
  }

  @Override
  public RuntimeIdentity start(String sandboxId, RuntimeStart start) throws DriverException {
    return timed("start", () -> delegate().start(sandboxId, start));
  }

  @Override
  public RuntimeIdentity start(
      String sandboxId, RuntimeStart start, Optional<LaunchAuthentication> launch)
      throws DriverException {
    return timed("start", () -> delegate().start(sandboxId, start, launch));
  }

  @Override
  public boolean delete(String sandboxId) throws DriverException {
    return timed("delete", () -> delegate().delete(sandboxId));
  }

  @Override
  public AuthenticatedSandbox authenticate(SandboxCredential credential, Generation generation)
      throws DriverException {
    return timed("authenticate", () -> delegate().authenticate(credential, generation));
  }

  @Override
  public void ensureWorkspace(String workspace) throws DriverException {
    run("ensure_workspace", () -> delegate().ensureWorkspace(workspace));
  }

  @Override
  public void deleteWorkspace(String workspace) throws DriverException {
    run("delete_workspace", () -> delegate().deleteWorkspace(workspace));
  }
}
