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
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.render.RenderedSandbox;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.WorkspaceMode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
  private final boolean managed;
  private final SandboxStore store;
  private final SandboxCache cache;
  private final WatchHub hub;
  private final EventFeed events;
  private final StopWaiter stopWaiter;
  private final NamespaceManager namespaces;
  private final SecretCopier secrets;
  private final ClusterQueries queries;
  private final RuntimeStarts starts;
  private final SandboxAuthenticator authenticator;
  private final ScheduledExecutorService scheduler;
  private final Optional<KubernetesClient> ownedClient;

  private KubernetesSandboxBackend(Parts parts, Optional<KubernetesClient> ownedClient) {
    this.ownedClient = ownedClient;
    this.version = parts.version;
    this.managed = parts.managed;
    this.store = parts.store;
    this.cache = parts.cache;
    this.hub = parts.hub;
    this.events = parts.events;
    this.stopWaiter = parts.stopWaiter;
    this.namespaces = parts.namespaces;
    this.secrets = parts.secrets;
    this.queries = parts.queries;
    this.starts = parts.starts;
    this.authenticator = parts.authenticator;
    this.scheduler = parts.scheduler;
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
    Parts p = new Parts();
    p.version = new SandboxApiProbe(client, cluster.sandboxNamespace(), errors).detect();
    p.managed = cluster.workspaceMode() == WorkspaceMode.MANAGED;
    // Managed mode spreads sandboxes over one namespace per workspace; shared mode keeps them in
    // one.
    Optional<String> scope = p.managed ? Optional.empty() : Optional.of(cluster.sandboxNamespace());
    SandboxApi api = new SandboxApi(client, p.version, scope);
    p.store = new SandboxStore(api, cluster.gatewayId(), errors);
    if (!p.managed) {
      int relabelled = p.store.backfillGatewayId();
      if (relabelled > 0) {
        LOG.info(
            "Labelled {} existing sandboxes with gateway id {}", relabelled, cluster.gatewayId());
      }
    }
    p.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "berth-kubernetes");
              t.setDaemon(true);
              return t;
            });
    try {
      p.cache =
          new SandboxCache(
              api,
              cluster.gatewayId(),
              cluster.sandboxNamespace(),
              errors,
              p.scheduler,
              options.watchStallGrace());
      p.cache.start(options.syncTimeout());
    } catch (DriverException | RuntimeException e) {
      p.scheduler.shutdownNow();
      throw e;
    }
    p.hub = new WatchHub(p.cache, options.watchQueueCapacity());
    p.events = new EventFeed(client, scope, p.cache, p.hub::publish, p.scheduler);
    p.events.start();
    p.stopWaiter = new StopWaiter(client, p.cache, options.stopHeadroom());
    p.namespaces = new NamespaceManager(client, errors, cluster);
    p.secrets =
        new SecretCopier(
            client,
            errors,
            cluster.sandboxNamespace(),
            settings.gateway().clientTlsSecretName(),
            settings.images().imagePullSecrets());
    p.queries = new ClusterQueries(client, errors, options.namespaceAnnotationsTtl());
    p.starts = new RuntimeStarts(api, p.store, errors);
    p.authenticator = new SandboxAuthenticator(client, errors, api, settings);
    LOG.info(
        "Kubernetes backend ready: Sandbox API {}, {} workspace mode, {} sandboxes cached",
        p.version.apiVersion(),
        cluster.workspaceMode().value(),
        p.cache.list().size());
    return new KubernetesSandboxBackend(p, owned);
  }

  /** The Sandbox API version detected at startup. */
  public SandboxApiVersion apiVersion() {
    return version;
  }

  @Override
  public ClusterFacts prepare(String workspace, String namespace) throws DriverException {
    if (!managed) {
      return new ClusterFacts(version, queries.namespaceAnnotations(namespace));
    }
    requireManagedNamespace(workspace, namespace);
    Namespace ensured = namespaces.ensure(workspace);
    secrets.copyImagePullSecrets(namespace);
    secrets.copyClientTls(namespace);
    Map<String, String> annotations = ensured.getMetadata().getAnnotations();
    return new ClusterFacts(version, annotations == null ? Map.of() : annotations);
  }

  @Override
  public ClusterFacts inspect(String workspace, String namespace) throws DriverException {
    if (!managed) {
      return new ClusterFacts(version, queries.namespaceAnnotations(namespace));
    }
    requireManagedNamespace(workspace, namespace);
    return new ClusterFacts(version, namespaces.annotations(workspace));
  }

  private void requireManagedNamespace(String workspace, String namespace) throws DriverException {
    String expected = namespaces.namespaceFor(workspace);
    if (!expected.equals(namespace)) {
      throw new DriverException(
          DriverException.Kind.INTERNAL,
          "planned namespace "
              + namespace
              + " is not the managed namespace "
              + expected
              + " of workspace "
              + workspace);
    }
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
    GenericKubernetesResource resource = sandbox.sandbox();
    Optional<SandboxApiVersion> rendered = SandboxApi.versionOf(resource.getApiVersion());
    if (rendered.isEmpty() || rendered.get() != version) {
      throw new DriverException(
          DriverException.Kind.INTERNAL,
          "the rendered Sandbox uses "
              + resource.getApiVersion()
              + " but the cluster serves "
              + version.apiVersion());
    }
    GenericKubernetesResource created;
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
  public Optional<SandboxSnapshot> get(String sandboxId) {
    return cache.get(sandboxId).map(SandboxCache.Entry::snapshot);
  }

  @Override
  public List<SandboxSnapshot> list() {
    return cache.list();
  }

  @Override
  public void stop(String sandboxId) throws DriverException {
    GenericKubernetesResource patched = store.patchOperatingState(sandboxId, false);
    stopWaiter.await(sandboxId, patched, version);
  }

  @Override
  public RuntimeIdentity start(String sandboxId, RuntimeStart start) throws DriverException {
    return starts.start(sandboxId, start);
  }

  @Override
  public boolean delete(String sandboxId) throws DriverException {
    return store.delete(sandboxId);
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
    if (managed) {
      namespaces.ensure(workspace);
    }
  }

  @Override
  public void deleteWorkspace(String workspace) throws DriverException {
    if (managed) {
      namespaces.delete(workspace);
    }
  }

  @Override
  public void close() {
    hub.close();
    events.close();
    cache.close();
    scheduler.shutdownNow();
    ownedClient.ifPresent(KubernetesClient::close);
  }

  /** Collaborators, assembled by {@link #start} before the backend exists. */
  private static final class Parts {
    SandboxApiVersion version;
    boolean managed;
    SandboxStore store;
    SandboxCache cache;
    WatchHub hub;
    EventFeed events;
    StopWaiter stopWaiter;
    NamespaceManager namespaces;
    SecretCopier secrets;
    ClusterQueries queries;
    RuntimeStarts starts;
    SandboxAuthenticator authenticator;
    ScheduledExecutorService scheduler;
  }
}
