package dev.berth.driver;

import dev.berth.naming.Generation;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.LaunchAuthentication;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.isolation.RenderedIsolationSandbox;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A backend that passes every call to another. Decorators (metrics, timing) extend it and override
 * only the operations they decorate, so a new backend operation reaches them without code.
 */
public abstract class ForwardingSandboxBackend implements SandboxBackend {

  private final SandboxBackend delegate;

  protected ForwardingSandboxBackend(SandboxBackend delegate) {
    this.delegate = delegate;
  }

  /** The backend every call goes to. */
  protected final SandboxBackend delegate() {
    return delegate;
  }

  @Override
  public ClusterFacts prepare(String workspace, String namespace) throws DriverException {
    return delegate.prepare(workspace, namespace);
  }

  @Override
  public ClusterFacts inspect(String workspace, String namespace) throws DriverException {
    return delegate.inspect(workspace, namespace);
  }

  @Override
  public List<String> missingClaims(String namespace, Collection<String> claimNames)
      throws DriverException {
    return delegate.missingClaims(namespace, claimNames);
  }

  @Override
  public List<ClaimMetadata> claimMetadata(String namespace, Collection<String> claimNames)
      throws DriverException {
    return delegate.claimMetadata(namespace, claimNames);
  }

  @Override
  public boolean hasGpuCapacity() throws DriverException {
    return delegate.hasGpuCapacity();
  }

  @Override
  public RuntimeIdentity create(RenderedSandbox sandbox) throws DriverException {
    return delegate.create(sandbox);
  }

  @Override
  public RuntimeIdentity createIsolated(
      RenderedIsolationSandbox sandbox, LaunchAuthentication launch) throws DriverException {
    return delegate.createIsolated(sandbox, launch);
  }

  @Override
  public RuntimeIdentity start(
      String sandboxId, RuntimeStart start, Optional<LaunchAuthentication> launch)
      throws DriverException {
    return delegate.start(sandboxId, start, launch);
  }

  @Override
  public Optional<SandboxSnapshot> get(String sandboxId) throws DriverException {
    return delegate.get(sandboxId);
  }

  @Override
  public List<SandboxSnapshot> list() throws DriverException {
    return delegate.list();
  }

  @Override
  public void stop(String sandboxId) throws DriverException {
    delegate.stop(sandboxId);
  }

  @Override
  public RuntimeIdentity start(String sandboxId, RuntimeStart start) throws DriverException {
    return delegate.start(sandboxId, start);
  }

  @Override
  public boolean delete(String sandboxId) throws DriverException {
    return delegate.delete(sandboxId);
  }

  @Override
  public Subscription watch(Listener listener) {
    return delegate.watch(listener);
  }

  @Override
  public AuthenticatedSandbox authenticate(SandboxCredential credential, Generation generation)
      throws DriverException {
    return delegate.authenticate(credential, generation);
  }

  @Override
  public void ensureWorkspace(String workspace) throws DriverException {
    delegate.ensureWorkspace(workspace);
  }

  @Override
  public void deleteWorkspace(String workspace) throws DriverException {
    delegate.deleteWorkspace(workspace);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
