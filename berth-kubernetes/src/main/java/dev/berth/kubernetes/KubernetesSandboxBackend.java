package dev.berth.kubernetes;

import dev.berth.driver.AuthenticatedSandbox;
import dev.berth.driver.ClaimMetadata;
import dev.berth.driver.DriverException;
import dev.berth.driver.RuntimeIdentity;
import dev.berth.driver.RuntimeStart;
import dev.berth.driver.SandboxBackend;
import dev.berth.driver.SandboxCredential;
import dev.berth.driver.SandboxSnapshot;
import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.LaunchAuthentication;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.agentsandbox.AgentSandbox;
import dev.berth.render.isolation.RenderedIsolationSandbox;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.WorkspaceMode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SandboxBackend} on a Kubernetes cluster running agent-sandbox. Startup detects the served
 * Sandbox API version, backfills gateway-id labels (shared mode), and syncs one informer that
 * serves Get, List, Watch and Stop's wait from then on. The client is the caller's: {@link
 * #close()} stops the informer and the watches, not the client.
 */
public final class KubernetesSandboxBackend implements SandboxBackend {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesSandboxBackend.class);

  private final SandboxApiVersion version;
  private final Workspaces workspaces;
  private final SandboxStore store;
  private final SandboxCache cache;
  private final WatchHub hub;
  private final EventFeed events;
  private final StopWaiter stopWaiter;
  private final ClusterQueries queries;
  private final RuntimeStarts starts;
  private final SandboxAuthenticator authenticator;
  private final IsolationLifecycle isolation;
  private final ScheduledExecutorService scheduler;
  private final Optional<KubernetesClient> ownedClient;

  private KubernetesSandboxBackend(
      SandboxApiVersion version,
      Workspaces workspaces,
      SandboxStore store,
      SandboxCache cache,
      WatchHub hub,
      EventFeed events,
      StopWaiter stopWaiter,
      ClusterQueries queries,
      RuntimeStarts starts,
      SandboxAuthenticator authenticator,
      IsolationLifecycle isolation,
      ScheduledExecutorService scheduler,
      Optional<KubernetesClient> ownedClient) {
    this.version = version;
    this.workspaces = workspaces;
    this.store = store;
    this.cache = cache;
    this.hub = hub;
    this.events = events;
    this.stopWaiter = stopWaiter;
    this.queries = queries;
    this.starts = starts;
    this.authenticator = authenticator;
    this.isolation = isolation;
    this.scheduler = scheduler;
    this.ownedClient = ownedClient;
  }

  /**
   * Connects with the given kubeconfig (else in-cluster configuration, then the client's defaults)
   * and starts a backend that owns the client and closes it with itself.
   */
  public static KubernetesSandboxBackend connect(Optional<Path> kubeconfig, DriverSettings settings)
      throws DriverException {
    KubernetesClient client = KubernetesClients.create(KubernetesClients.config(kubeconfig));
    try {
      return start(client, settings, BackendOptions.defaults(), Optional.of(client));
    } catch (DriverException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** Starts a backend with the production options. */
  public static KubernetesSandboxBackend start(KubernetesClient client, DriverSettings settings)
      throws DriverException {
    return start(client, settings, BackendOptions.defaults());
  }

  /**
   * Probes the cluster and starts the informers; fails with a sentence when the cluster is
   * unreachable, serves no Sandbox API, or the backfill or first sync fails.
   */
  public static KubernetesSandboxBackend start(
      KubernetesClient client, DriverSettings settings, BackendOptions options)
      throws DriverException {
    return start(client, settings, options, Optional.empty());
  }

  private static KubernetesSandboxBackend start(
      KubernetesClient client,
      DriverSettings settings,
      BackendOptions options,
      Optional<KubernetesClient> owned)
      throws DriverException {
    ApiErrors errors = KubernetesClients.errors(client);
    DriverSettings.Cluster cluster = settings.cluster();
    SandboxApiVersion version =
        new SandboxApiProbe(client, cluster.sandboxNamespace(), errors).detect();
    ClusterQueries queries = new ClusterQueries(client, errors, options.namespaceAnnotationsTtl());
    Workspaces workspaces =
        cluster.workspaceMode() == WorkspaceMode.MANAGED
            ? new ManagedWorkspaces(
                version,
                new NamespaceManager(client, errors, cluster),
                new SecretCopier(
                    client,
                    errors,
                    cluster.sandboxNamespace(),
                    settings.gateway().clientTlsSecretName(),
                    settings.images().imagePullSecrets()))
            : new SharedWorkspaces(
                version, cluster.sandboxNamespace(), cluster.gatewayId(), queries);
    SandboxApi api = new SandboxApi(client, version, workspaces.scope());
    SandboxStore store = new SandboxStore(api, cluster.gatewayId(), errors);
    workspaces.adoptExisting(store);
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "berth-kubernetes");
              t.setDaemon(true);
              return t;
            });
    List<Generation> twoPod = GenerationInformers.served(settings.contract().pinnedGeneration());
    SandboxCache cache;
    try {
      cache =
          new SandboxCache(
              api,
              new GenerationInformers<>(
                  new SupervisorPods(client, workspaces.scope(), cluster.gatewayId()),
                  api.scopeDescription(),
                  twoPod),
              new GenerationInformers<>(
                  new WorkloadFences(client, workspaces.scope()), api.scopeDescription(), twoPod),
              cluster.gatewayId(),
              cluster.sandboxNamespace(),
              errors,
              scheduler,
              options.watchStallGrace());
      cache.start(options.syncTimeout());
    } catch (DriverException | RuntimeException e) {
      scheduler.shutdownNow();
      throw e;
    }
    new SupervisorLossGuard(cache, store, scheduler, options.supervisorLossGrace()).start();
    WatchHub hub = new WatchHub(cache, options.watchQueueCapacity());
    EventFeed events =
        new EventFeed(
            client, workspaces.scope(), new SandboxLookup(cache), hub::publish, scheduler);
    events.start();
    LOG.info(
        "Kubernetes backend ready: Sandbox API {}, {} workspace mode, {} sandboxes cached",
        version.apiVersion(),
        cluster.workspaceMode().value(),
        cache.list().size());
    return new KubernetesSandboxBackend(
        version,
        workspaces,
        store,
        cache,
        hub,
        events,
        new StopWaiter(client, cache, options.stopHeadroom()),
        queries,
        new RuntimeStarts(api, store, errors),
        new SandboxAuthenticator(client, errors, api, settings),
        new IsolationLifecycle(
            new IsolationLifecycle.Io(
                new IsolationObjects(client, errors),
                api,
                store,
                errors,
                new GeneratedBootstrapMaterial(
                    settings.isolation().proxyCaBundle(),
                    new StagedClientCa(client, errors, settings),
                    Clock.systemUTC())),
            client,
            settings.isolation().boundaryPort(),
            options.bringUpWait(),
            options.bootstrapGrace(),
            scheduler,
            IsolationLifecycle.StepHook.NONE),
        scheduler,
        owned);
  }

  /** The Sandbox API version detected at startup. */
  public SandboxApiVersion apiVersion() {
    return version;
  }

  @Override
  public ClusterFacts prepare(String workspace, String namespace) throws DriverException {
    return workspaces.prepare(workspace, namespace);
  }

  @Override
  public ClusterFacts inspect(String workspace, String namespace) throws DriverException {
    return workspaces.inspect(workspace, namespace);
  }

  @Override
  public List<String> missingClaims(String namespace, Collection<String> claimNames)
      throws DriverException {
    return queries.missingClaims(namespace, claimNames);
  }

  @Override
  public List<ClaimMetadata> claimMetadata(String namespace, Collection<String> claimNames)
      throws DriverException {
    return queries.claimMetadata(namespace, claimNames);
  }

  @Override
  public boolean hasGpuCapacity() throws DriverException {
    return queries.hasGpuCapacity();
  }

  @Override
  public RuntimeIdentity create(RenderedSandbox sandbox) throws DriverException {
    AgentSandbox resource = sandbox.sandbox();
    checkVersion(resource);
    AgentSandbox created;
    try {
      created = store.create(resource);
    } catch (DriverException e) {
      if (e.kind() != DriverException.Kind.NOT_FOUND) {
        throw e;
      }
      throw new DriverException(
          DriverException.Kind.FAILED_PRECONDITION,
          "could not create Sandbox "
              + resource.getMetadata().getName()
              + ": namespace "
              + resource.getMetadata().getNamespace()
              + " or the "
              + version.apiVersion()
              + " Sandbox API is missing",
          e);
    }
    cache.recordCreated(created);
    return RuntimeStarts.identity(created);
  }

  @Override
  public RuntimeIdentity createIsolated(
      RenderedIsolationSandbox sandbox, LaunchAuthentication launch) throws DriverException {
    checkVersion(sandbox.sandbox());
    BringUp run = isolation.create(sandbox, launch);
    cache.recordCreated(run.sandbox);
    return run.identity();
  }

  @Override
  public Optional<SandboxSnapshot> get(String sandboxId) {
    return cache.get(sandboxId).map(SandboxEntry::snapshot);
  }

  @Override
  public List<SandboxSnapshot> list() {
    return cache.list();
  }

  @Override
  public void stop(String sandboxId) throws DriverException {
    AgentSandbox found = store.find(sandboxId).orElseThrow(SandboxStore::notFound);
    Optional<IsolationNames> names = IsolationLifecycle.names(found);
    AgentSandbox patched =
        names.isPresent()
            ? isolation.stop(sandboxId, found, names.get())
            : store.patchOperatingState(sandboxId, found, false);
    stopWaiter.await(sandboxId, patched, version);
  }

  @Override
  public RuntimeIdentity start(String sandboxId, RuntimeStart start) throws DriverException {
    return starts.start(sandboxId, start);
  }

  @Override
  public RuntimeIdentity start(
      String sandboxId, RuntimeStart start, Optional<LaunchAuthentication> launch)
      throws DriverException {
    AgentSandbox found = store.find(sandboxId).orElseThrow(SandboxStore::notFound);
    Optional<IsolationNames> names = IsolationLifecycle.names(found);
    if (names.isEmpty()) {
      return starts.start(sandboxId, start);
    }
    return isolation.start(sandboxId, found, names.get(), start, launch);
  }

  @Override
  public boolean delete(String sandboxId) throws DriverException {
    Optional<AgentSandbox> found = store.find(sandboxId);
    if (found.isEmpty()) {
      return false;
    }
    Optional<IsolationNames> names = IsolationLifecycle.names(found.get());
    return names.isPresent()
        ? isolation.delete(sandboxId, found.get(), names.get())
        : store.delete(found.get());
  }

  private void checkVersion(AgentSandbox resource) throws DriverException {
    if (resource.version() != version) {
      throw new DriverException(
          DriverException.Kind.INTERNAL,
          "the rendered Sandbox uses "
              + resource.getApiVersion()
              + " but the cluster serves "
              + version.apiVersion());
    }
  }

  @Override
  public Subscription watch(Listener listener) {
    return hub.subscribe(listener);
  }

  @Override
  public AuthenticatedSandbox authenticate(SandboxCredential credential, Generation generation)
      throws DriverException {
    return authenticator.authenticate(credential, generation);
  }

  @Override
  public void ensureWorkspace(String workspace) throws DriverException {
    workspaces.ensure(workspace);
  }

  @Override
  public void deleteWorkspace(String workspace) throws DriverException {
    workspaces.delete(workspace);
  }

  @Override
  public void close() {
    hub.close();
    events.close();
    cache.close();
    scheduler.shutdownNow();
    ownedClient.ifPresent(KubernetesClient::close);
  }
}
