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
 * Everything the ComputeDriver service needs from the cluster. The Kubernetes implementation is the
 * only code that talks to the API server; tests of the service may use a fake.
 */
public interface SandboxBackend extends AutoCloseable {

  /**
   * What planning a sandbox of this workspace needs to know: the served Sandbox API version and the
   * target namespace's annotations. In managed mode this also ensures the workspace's namespace
   * exists (with its service account and secret copies).
   *
   * @param workspace OpenShell workspace of the sandbox
   * @param namespace namespace the plan puts the sandbox in
   */
  ClusterFacts prepare(String workspace, String namespace) throws DriverException;

  /**
   * The same facts as {@link #prepare}, read without writing anything (no namespace, service
   * account or secret copy is created), for ValidateSandboxCreate: upstream's validation has no
   * side effects, and a gateway may validate sandboxes it never creates.
   */
  ClusterFacts inspect(String workspace, String namespace) throws DriverException;

  /** The names among {@code claimNames} that have no PersistentVolumeClaim in the namespace. */
  List<String> missingClaims(String namespace, Collection<String> claimNames)
      throws DriverException;

  /**
   * One metadata-only read per claim, for resource admission: each claim is found (with its
   * labels), missing or forbidden, so that every offending claim can be named at once.
   *
   * @throws DriverException only for failures other than 404 and 403 (an outage, a timeout)
   */
  List<ClaimMetadata> claimMetadata(String namespace, Collection<String> claimNames)
      throws DriverException;

  /** True when some node has allocatable NVIDIA GPUs. */
  boolean hasGpuCapacity() throws DriverException;

  /**
   * Creates the Sandbox resource; ALREADY_EXISTS when one of that name exists.
   *
   * @return the identity of the runtime it will run: its namespace, its new UID and the runtime
   *     generation recorded on it
   */
  RuntimeIdentity create(RenderedSandbox sandbox) throws DriverException;

  /**
   * Creates a two-pod sandbox (G2 and later gateways) by following {@code sandbox}'s create steps:
   * fences, the suspended Sandbox, the boundary Service, the gated supervisor pod, resume, the
   * generation's bootstrap Secrets, release. Every step adopts an object it finds already made as
   * it would have made it, so a create that died part-way is completed by the next call.
   *
   * @param launch the gateway's launch authentication; its supervisor bundle reaches the
   *     supervisor's Secret and nothing else
   * @return the identity of the runtime it started
   */
  default RuntimeIdentity createIsolated(
      RenderedIsolationSandbox sandbox, LaunchAuthentication launch) throws DriverException {
    throw new DriverException(
        DriverException.Kind.FAILED_PRECONDITION, "this backend cannot run two-pod sandboxes");
  }

  /** The sandbox with this id, served from the informer cache once it is synced. */
  Optional<SandboxSnapshot> get(String sandboxId) throws DriverException;

  /** Every sandbox of this gateway, sorted by name then id. */
  List<SandboxSnapshot> list() throws DriverException;

  /** Suspends the sandbox and returns once it is stopped, or fails at the deadline. */
  void stop(String sandboxId) throws DriverException;

  /**
   * Resumes a stopped sandbox, treating its runtime generation as {@code start} decides (see {@link
   * RuntimeStart#decide}); returns without waiting for the pod.
   *
   * @return the identity of the runtime after the start
   */
  RuntimeIdentity start(String sandboxId, RuntimeStart start) throws DriverException;

  /**
   * {@link #start(String, RuntimeStart)} with the gateway's fresh launch authentication, which a
   * two-pod sandbox's new generation needs for its supervisor Secret; a single-pod sandbox ignores
   * it.
   */
  default RuntimeIdentity start(
      String sandboxId, RuntimeStart start, Optional<LaunchAuthentication> launch)
      throws DriverException {
    return start(sandboxId, start);
  }

  /** Deletes the sandbox; false when it was already gone or changed underneath. */
  boolean delete(String sandboxId) throws DriverException;

  /**
   * Streams events to the listener: first an {@link SandboxSnapshot.Updated} for every current
   * sandbox, then changes. Several watches share one informer.
   */
  Subscription watch(Listener listener);

  /**
   * Checks a sandbox's bootstrap credential (a projected service account token) with a TokenReview
   * for {@code generation}'s audience and follows it to the pod and the Sandbox it belongs to (see
   * {@link SandboxAuthentication}).
   *
   * @throws DriverException UNAUTHENTICATED or PERMISSION_DENIED for a credential that is not a
   *     sandbox runtime's, INTERNAL when the cluster could not be asked; never quoting the
   *     credential
   */
  AuthenticatedSandbox authenticate(SandboxCredential credential, Generation generation)
      throws DriverException;

  /** Makes sure a workspace can take sandboxes (managed mode: its namespace). Idempotent. */
  void ensureWorkspace(String workspace) throws DriverException;

  /** Removes what {@link #ensureWorkspace} created (managed mode only). Idempotent. */
  void deleteWorkspace(String workspace) throws DriverException;

  @Override
  void close();

  /** Receives watch events; called from a single thread per subscription. */
  interface Listener {
    void onEvent(SandboxSnapshot.Event event);

    /** The stream cannot continue; no more events follow. */
    void onError(DriverException error);
  }

  /** A running watch; closing it stops delivery. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
