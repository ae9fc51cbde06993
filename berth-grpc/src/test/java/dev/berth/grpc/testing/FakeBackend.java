package dev.berth.grpc.testing;

import static dev.berth.naming.ManagedNames.LABEL_SANDBOX_ID;
import static dev.berth.naming.ManagedNames.LABEL_SANDBOX_NAME;
import static dev.berth.naming.ManagedNames.LABEL_WORKSPACE;

import dev.berth.driver.AuthenticatedSandbox;
import dev.berth.driver.ClaimMetadata;
import dev.berth.driver.DriverException;
import dev.berth.driver.RuntimeGenerations;
import dev.berth.driver.RuntimeIdentity;
import dev.berth.driver.RuntimeStart;
import dev.berth.driver.SandboxBackend;
import dev.berth.driver.SandboxCredential;
import dev.berth.driver.SandboxSnapshot;
import dev.berth.driver.StoredSandbox;
import dev.berth.naming.Generation;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.LaunchAuthentication;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.isolation.RenderedIsolationSandbox;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link SandboxBackend} for service, server and CLI tests. It keeps created sandboxes
 * as snapshots, records what the service asked, and lets a test inject failures and watch events.
 */
public final class FakeBackend implements SandboxBackend {

  private final Map<String, SandboxSnapshot> sandboxes = new LinkedHashMap<>();
  private final Set<String> claims = new HashSet<>();
  private final Map<String, Map<String, String>> claimLabels = new HashMap<>();
  private final Map<String, String> generations = new HashMap<>();
  private final Map<String, AuthenticatedSandbox> credentials = new HashMap<>();
  private final Map<String, Exception> failures = new HashMap<>();
  private final List<Listener> watchers = new CopyOnWriteArrayList<>();

  /** Everything the service created, in order. */
  public final List<RenderedSandbox> created = new CopyOnWriteArrayList<>();

  /** The two-pod renders among them, in order. */
  public final List<RenderedIsolationSandbox> createdIsolated = new CopyOnWriteArrayList<>();

  /** {@code workspace/namespace} of every prepare call. */
  public final List<String> prepared = new CopyOnWriteArrayList<>();

  /** {@code workspace/namespace} of every read-only inspect call. */
  public final List<String> inspected = new CopyOnWriteArrayList<>();

  /** Every start the service asked for, in order. */
  public final List<RuntimeStart> starts = new CopyOnWriteArrayList<>();

  /** The generation of every authenticate call, in order. */
  public final List<Generation> authentications = new CopyOnWriteArrayList<>();

  /** Workspaces passed to ensure/delete. */
  public final List<String> ensured = new CopyOnWriteArrayList<>();

  public final List<String> deletedWorkspaces = new CopyOnWriteArrayList<>();

  private volatile boolean gpus = true;
  private volatile ClusterFacts facts = ClusterFacts.DEFAULT;
  private volatile CountDownLatch stopGate;
  private volatile CountDownLatch stopEntered;
  private final AtomicInteger closedSubscriptions = new AtomicInteger();

  public FakeBackend withClaim(String namespace, String claim) {
    claims.add(namespace + "/" + claim);
    return this;
  }

  /** A claim that exists with these labels (for resource admission). */
  public synchronized FakeBackend withClaim(
      String namespace, String claim, Map<String, String> labels) {
    claims.add(namespace + "/" + claim);
    claimLabels.put(namespace + "/" + claim, Map.copyOf(labels));
    return this;
  }

  /** Authenticate answers {@code sandbox} for this token, and UNAUTHENTICATED for any other. */
  public synchronized FakeBackend withCredential(String token, AuthenticatedSandbox sandbox) {
    credentials.put(token, sandbox);
    return this;
  }

  /** The identity of the sandbox's current runtime, as create and start report it. */
  public synchronized RuntimeIdentity identity(String id) {
    SandboxSnapshot s = sandboxes.get(id);
    return new RuntimeIdentity(
        s.namespace(), "uid-" + id, generations.getOrDefault(id, RuntimeGenerations.UNRECORDED));
  }

  public FakeBackend withoutGpus() {
    gpus = false;
    return this;
  }

  public FakeBackend withFacts(ClusterFacts facts) {
    this.facts = facts;
    return this;
  }

  /**
   * The next call of {@code operation} (a method name) fails with this error: a {@link
   * DriverException}, or a RuntimeException to play a bug.
   */
  public synchronized FakeBackend failNext(String operation, Exception error) {
    failures.put(operation, error);
    return this;
  }

  /** Makes stop() wait for the returned latch; {@code entered} counts down when stop starts. */
  public CountDownLatch holdStops(CountDownLatch entered) {
    stopEntered = entered;
    stopGate = new CountDownLatch(1);
    return stopGate;
  }

  public synchronized FakeBackend put(SandboxSnapshot snapshot) {
    sandboxes.put(snapshot.id(), snapshot);
    return this;
  }

  public synchronized Optional<SandboxSnapshot> sandbox(String id) {
    return Optional.ofNullable(sandboxes.get(id));
  }

  public int watchers() {
    return watchers.size();
  }

  public int closedSubscriptions() {
    return closedSubscriptions.get();
  }

  /** Delivers an event to every watcher, on the caller's thread. */
  public void emit(SandboxSnapshot.Event event) {
    watchers.forEach(w -> w.onEvent(event));
  }

  /** Ends every watch with an error, as a dropped API server connection would. */
  public void failWatches(DriverException error) {
    List<Listener> all = List.copyOf(watchers);
    watchers.clear();
    all.forEach(w -> w.onError(error));
  }

  private synchronized void maybeFail(String operation) throws DriverException {
    Exception e = failures.remove(operation);
    if (e instanceof DriverException d) {
      throw d;
    }
    if (e != null) {
      throw (RuntimeException) e;
    }
  }

  @Override
  public ClusterFacts prepare(String workspace, String namespace) throws DriverException {
    maybeFail("prepare");
    prepared.add(workspace + "/" + namespace);
    return facts;
  }

  @Override
  public ClusterFacts inspect(String workspace, String namespace) throws DriverException {
    maybeFail("inspect");
    inspected.add(workspace + "/" + namespace);
    return facts;
  }

  @Override
  public List<String> missingClaims(String namespace, Collection<String> claimNames)
      throws DriverException {
    maybeFail("missingClaims");
    return claimNames.stream().filter(c -> !claims.contains(namespace + "/" + c)).toList();
  }

  @Override
  public synchronized List<ClaimMetadata> claimMetadata(
      String namespace, Collection<String> claimNames) throws DriverException {
    maybeFail("claimMetadata");
    List<ClaimMetadata> found = new ArrayList<>();
    for (String claim : claimNames) {
      String key = namespace + "/" + claim;
      found.add(
          claims.contains(key)
              ? new ClaimMetadata.Found(claim, claimLabels.getOrDefault(key, Map.of()), false)
              : new ClaimMetadata.Missing(claim));
    }
    return found;
  }

  @Override
  public boolean hasGpuCapacity() throws DriverException {
    maybeFail("hasGpuCapacity");
    return gpus;
  }

  @Override
  public RuntimeIdentity create(RenderedSandbox sandbox) throws DriverException {
    maybeFail("create");
    ObjectMeta meta = sandbox.sandbox().getMetadata();
    SandboxSnapshot snapshot;
    synchronized (this) {
      boolean exists =
          sandboxes.values().stream()
              .anyMatch(
                  s ->
                      s.namespace().equals(meta.getNamespace())
                          && resourceName(s).equals(meta.getName()));
      if (exists) {
        throw new DriverException(DriverException.Kind.ALREADY_EXISTS, "sandbox already exists");
      }
      snapshot =
          new SandboxSnapshot(
              meta.getLabels().get(LABEL_SANDBOX_ID),
              meta.getLabels().get(LABEL_SANDBOX_NAME),
              meta.getNamespace(),
              meta.getLabels().get(LABEL_WORKSPACE),
              Optional.empty());
      sandboxes.put(snapshot.id(), snapshot);
      generations.put(snapshot.id(), RuntimeGenerations.recorded(meta.getAnnotations()));
      created.add(sandbox);
    }
    emit(new SandboxSnapshot.Updated(snapshot));
    return identity(snapshot.id());
  }

  /** A two-pod create is recorded as the workload's Sandbox, the supervisor aside. */
  @Override
  public RuntimeIdentity createIsolated(
      RenderedIsolationSandbox sandbox, LaunchAuthentication launch) throws DriverException {
    RuntimeIdentity identity =
        create(new RenderedSandbox(sandbox.sandbox(), sandbox.workloadTemplate()));
    createdIsolated.add(sandbox);
    return identity;
  }

  private String resourceName(SandboxSnapshot s) {
    return created.stream()
        .map(r -> r.sandbox().getMetadata())
        .filter(m -> s.id().equals(m.getLabels().get(LABEL_SANDBOX_ID)))
        .map(ObjectMeta::getName)
        .findFirst()
        .orElse(s.workspace() + "--" + s.name());
  }

  @Override
  public synchronized Optional<SandboxSnapshot> get(String sandboxId) throws DriverException {
    maybeFail("get");
    return Optional.ofNullable(sandboxes.get(sandboxId));
  }

  @Override
  public synchronized List<SandboxSnapshot> list() throws DriverException {
    maybeFail("list");
    List<SandboxSnapshot> all = new ArrayList<>(sandboxes.values());
    all.sort(SandboxSnapshot.ORDER);
    return all;
  }

  @Override
  public void stop(String sandboxId) throws DriverException {
    maybeFail("stop");
    CountDownLatch entered = stopEntered;
    if (entered != null) {
      entered.countDown();
    }
    CountDownLatch gate = stopGate;
    if (gate != null) {
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    setSuspended(sandboxId, "True");
  }

  @Override
  public RuntimeIdentity start(String sandboxId, RuntimeStart start) throws DriverException {
    maybeFail("start");
    starts.add(start);
    StoredSandbox stored;
    synchronized (this) {
      SandboxSnapshot s = sandboxes.get(sandboxId);
      if (s == null) {
        throw new DriverException(DriverException.Kind.NOT_FOUND, "sandbox not found");
      }
      boolean suspended =
          s.status().stream()
              .flatMap(st -> st.conditions().stream())
              .anyMatch(c -> c.type().equals("Suspended") && c.status().equals("True"));
      stored =
          new StoredSandbox(
              sandboxId,
              s.namespace(),
              "uid-" + sandboxId,
              s.workspace(),
              List.of(),
              generations.getOrDefault(sandboxId, RuntimeGenerations.UNRECORDED),
              !suspended,
              Optional.empty());
    }
    RuntimeStart.Decision decision = RuntimeStart.decide(stored, start);
    synchronized (this) {
      generations.put(sandboxId, decision.generation());
    }
    if (decision.patch()) {
      setSuspended(sandboxId, "False");
    }
    return identity(sandboxId);
  }

  private void setSuspended(String id, String value) throws DriverException {
    SandboxSnapshot updated;
    synchronized (this) {
      SandboxSnapshot s = sandboxes.get(id);
      if (s == null) {
        throw new DriverException(DriverException.Kind.NOT_FOUND, "sandbox not found");
      }
      updated =
          new SandboxSnapshot(
              s.id(),
              s.name(),
              s.namespace(),
              s.workspace(),
              Optional.of(
                  new SandboxSnapshot.Status(
                      s.workspace() + "--" + s.name(),
                      "",
                      "",
                      "",
                      List.of(new SandboxSnapshot.Condition("Suspended", value, "", "", "")),
                      false)));
      sandboxes.put(id, updated);
    }
    emit(new SandboxSnapshot.Updated(updated));
  }

  @Override
  public boolean delete(String sandboxId) throws DriverException {
    maybeFail("delete");
    boolean removed;
    synchronized (this) {
      removed = sandboxes.remove(sandboxId) != null;
    }
    if (removed) {
      emit(new SandboxSnapshot.Deleted(sandboxId));
    }
    return removed;
  }

  @Override
  public Subscription watch(Listener listener) {
    List<SandboxSnapshot> current;
    synchronized (this) {
      current = List.copyOf(sandboxes.values());
    }
    current.forEach(s -> listener.onEvent(new SandboxSnapshot.Updated(s)));
    watchers.add(listener);
    return () -> {
      if (watchers.remove(listener)) {
        closedSubscriptions.incrementAndGet();
      }
    };
  }

  @Override
  public synchronized AuthenticatedSandbox authenticate(
      SandboxCredential credential, Generation generation) throws DriverException {
    maybeFail("authenticate");
    authentications.add(generation);
    AuthenticatedSandbox sandbox = credentials.get(credential.reveal());
    if (sandbox == null) {
      throw new DriverException(
          DriverException.Kind.UNAUTHENTICATED, "the sandbox credential was not accepted");
    }
    return sandbox;
  }

  @Override
  public void ensureWorkspace(String workspace) throws DriverException {
    maybeFail("ensureWorkspace");
    ensured.add(workspace);
  }

  @Override
  public void deleteWorkspace(String workspace) throws DriverException {
    maybeFail("deleteWorkspace");
    deletedWorkspaces.add(workspace);
  }

  @Override
  public void close() {
    watchers.clear();
  }
}
