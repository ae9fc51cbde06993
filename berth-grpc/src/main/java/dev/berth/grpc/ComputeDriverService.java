package dev.berth.grpc;

import dev.berth.driver.AuthenticatedSandbox;
import dev.berth.driver.DriverException;
import dev.berth.driver.RuntimeGenerations;
import dev.berth.driver.RuntimeIdentity;
import dev.berth.driver.RuntimeStart;
import dev.berth.driver.SandboxAdmission;
import dev.berth.driver.SandboxBackend;
import dev.berth.driver.SandboxCredential;
import dev.berth.driver.SandboxSnapshot;
import dev.berth.grpc.convert.ProtoRequests;
import dev.berth.grpc.convert.ProtoSnapshots;
import dev.berth.grpc.proto.AuthenticateSandboxRequest;
import dev.berth.grpc.proto.AuthenticateSandboxResponse;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.CreateSandboxResponse;
import dev.berth.grpc.proto.DeleteSandboxRequest;
import dev.berth.grpc.proto.DeleteSandboxResponse;
import dev.berth.grpc.proto.DeleteWorkspaceRequest;
import dev.berth.grpc.proto.DeleteWorkspaceResponse;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.EnsureWorkspaceRequest;
import dev.berth.grpc.proto.EnsureWorkspaceResponse;
import dev.berth.grpc.proto.GetCapabilitiesRequest;
import dev.berth.grpc.proto.GetCapabilitiesResponse;
import dev.berth.grpc.proto.GetGatewayListenerRequirementsRequest;
import dev.berth.grpc.proto.GetGatewayListenerRequirementsResponse;
import dev.berth.grpc.proto.GetSandboxRequest;
import dev.berth.grpc.proto.GetSandboxResponse;
import dev.berth.grpc.proto.ListSandboxesRequest;
import dev.berth.grpc.proto.ListSandboxesResponse;
import dev.berth.grpc.proto.StartSandboxRequest;
import dev.berth.grpc.proto.StartSandboxResponse;
import dev.berth.grpc.proto.StopSandboxRequest;
import dev.berth.grpc.proto.StopSandboxResponse;
import dev.berth.grpc.proto.ValidateSandboxCreateRequest;
import dev.berth.grpc.proto.ValidateSandboxCreateResponse;
import dev.berth.grpc.proto.WatchSandboxesEvent;
import dev.berth.grpc.proto.WatchSandboxesRequest;
import dev.berth.naming.Generation;
import dev.berth.plan.LaunchAuthentication;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.SandboxRenderer;
import dev.berth.render.isolation.RenderedIsolationSandbox;
import dev.berth.request.SandboxRequest;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import dev.berth.validate.IdentityRules;
import dev.berth.validate.ObjectBudget;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The ComputeDriver service of every contract generation: upstream's semantics, status codes and
 * messages, on top of a {@link SandboxBackend}. {@link #definitions()} serves it as {@code
 * openshell.compute.v1.ComputeDriver} (G1, G2) and {@code ryno.compute.v1.ComputeDriver} (G3); the
 * {@link GenerationResolver} tells each handler which generation it is answering. Errors are
 * returned, not logged: the logging interceptor writes the one line per call.
 */
public final class ComputeDriverService extends ComputeDriverGrpc.ComputeDriverImplBase {

  /** Upstream's driver name; the gateway selects drivers by it. */
  public static final String DRIVER_NAME = "kubernetes";

  static final String SANDBOX_NOT_FOUND = "sandbox not found";

  private final SandboxBackend backend;
  private final DriverSettings settings;
  private final String version;
  private final SandboxAdmission admission;
  private final GenerationResolver generations;
  private final Capabilities capabilities;
  private final SecureRandom random = new SecureRandom();
  private final WatchStreams watches = new WatchStreams();

  /**
   * @param backend the cluster
   * @param settings the settings sandboxes are planned under
   * @param version driver version reported by GetCapabilities
   */
  public ComputeDriverService(SandboxBackend backend, DriverSettings settings, String version) {
    this.backend = backend;
    this.settings = settings;
    this.version = version;
    this.admission = new SandboxAdmission(backend, settings);
    this.generations = new GenerationResolver(settings.contract().pinnedGeneration());
    Map<Generation, String> policies = new EnumMap<>(Generation.class);
    for (Generation g : Generation.values()) {
      policies.put(g, admission.policy(g).acknowledgement());
    }
    this.capabilities =
        new Capabilities(DRIVER_NAME, version, settings.images().sandboxImage(), policies);
  }

  /**
   * The service under both names a gateway calls, each call tagged with the service it came through
   * so that its handler knows the generation.
   */
  public List<ServerServiceDefinition> definitions() {
    return ContractServices.of(ServerInterceptors.intercept(bindService(), generations));
  }

  /** Ends every watch stream (UNAVAILABLE) and refuses new ones; part of graceful shutdown. */
  public void closeWatches() {
    watches.closeAll();
  }

  /** Number of WatchSandboxes streams currently open. */
  public int openWatches() {
    return watches.openCount();
  }

  @Override
  public void getCapabilities(
      GetCapabilitiesRequest request, StreamObserver<GetCapabilitiesResponse> observer) {
    unary(
        observer,
        () -> {
          Generation generation = generations.observe(request);
          // A gateway without metadata is a G1 gateway (or one pinned by the operator): never
          // refused. Metadata that is present must be acceptable.
          if (request.hasGateway()) {
            List<String> problems = Negotiation.problems(request.getGateway(), generation);
            if (!problems.isEmpty()) {
              throw new DriverException(
                  DriverException.Kind.FAILED_PRECONDITION, Negotiation.refusal(problems));
            }
          }
          return capabilities.answer(generation);
        });
  }

  @Override
  public void authenticateSandbox(
      AuthenticateSandboxRequest request, StreamObserver<AuthenticateSandboxResponse> observer) {
    unary(
        observer,
        () -> {
          // The credential is a secret: it goes into the TokenReview and nowhere else.
          SandboxCredential credential = SandboxCredential.of(request.getCredential());
          if (credential.isEmpty()) {
            throw StatusMapping.required("credential");
          }
          AuthenticatedSandbox sandbox =
              backend.authenticate(credential, generations.forAuthentication());
          return AuthenticateSandboxResponse.newBuilder()
              .setSandboxId(sandbox.sandboxId())
              .setRuntimeIdentity(sandbox.identity().value())
              .build();
        });
  }

  @Override
  public void getGatewayListenerRequirements(
      GetGatewayListenerRequirementsRequest request,
      StreamObserver<GetGatewayListenerRequirementsResponse> observer) {
    // Sandboxes reach the gateway through its Service; no extra listeners are needed.
    unary(observer, GetGatewayListenerRequirementsResponse::getDefaultInstance);
  }

  @Override
  public void validateSandboxCreate(
      ValidateSandboxCreateRequest request,
      StreamObserver<ValidateSandboxCreateResponse> observer) {
    unary(
        observer,
        () -> {
          if (!request.hasSandbox()) {
            throw StatusMapping.required("sandbox");
          }
          // Rendered here too, so that Validate refuses exactly what Create would.
          withinBudget(
              SandboxRenderer.render(
                  admission.check(request(request.getSandbox()), generations.current())));
          return ValidateSandboxCreateResponse.getDefaultInstance();
        });
  }

  @Override
  public void createSandbox(
      CreateSandboxRequest request, StreamObserver<CreateSandboxResponse> observer) {
    unary(
        observer,
        () -> {
          if (!request.hasSandbox()) {
            throw StatusMapping.required("sandbox");
          }
          Generation generation = generations.current();
          SandboxRequest sandbox = request(request.getSandbox());
          if (IsolationRequests.twoPod(generation)) {
            // The request is judged first, so its problems are reported before the launch's.
            SandboxPlan plan = admission.admit(sandbox, generation);
            LaunchAuthentication launch =
                IsolationRequests.launch(request.getSandbox().getSpec().getLaunchAuthentication());
            RenderedIsolationSandbox isolated =
                IsolationRequests.render(
                    plan, generation, launch, SandboxAdmission.usesDriverConfig(sandbox), random);
            withinBudget(new RenderedSandbox(isolated.sandbox(), isolated.workloadTemplate()));
            RuntimeIdentity identity = backend.createIsolated(isolated, launch);
            return CreateSandboxResponse.newBuilder().setRuntimeIdentity(identity.value()).build();
          }
          RenderedSandbox rendered =
              withinBudget(SandboxRenderer.render(admission.admit(sandbox, generation)));
          if (generation.negotiates()) {
            rendered =
                RuntimeGenerations.stamp(
                    rendered,
                    RuntimeGenerations.fresh(random),
                    SandboxAdmission.usesDriverConfig(sandbox));
          }
          RuntimeIdentity identity = backend.create(rendered);
          return CreateSandboxResponse.newBuilder().setRuntimeIdentity(identity.value()).build();
        });
  }

  @Override
  public void getSandbox(GetSandboxRequest request, StreamObserver<GetSandboxResponse> observer) {
    unary(
        observer,
        () -> {
          // Upstream looks sandboxes up by id alone; sandbox_name is ignored there too.
          String id = requireId(request.getSandboxId());
          SandboxSnapshot snapshot =
              backend
                  .get(id)
                  .orElseThrow(
                      () -> Status.NOT_FOUND.withDescription(SANDBOX_NOT_FOUND).asException());
          return GetSandboxResponse.newBuilder()
              .setSandbox(ProtoSnapshots.sandbox(snapshot))
              .build();
        });
  }

  @Override
  public void listSandboxes(
      ListSandboxesRequest request, StreamObserver<ListSandboxesResponse> observer) {
    unary(
        observer,
        () -> {
          ListSandboxesResponse.Builder response = ListSandboxesResponse.newBuilder();
          for (SandboxSnapshot snapshot : backend.list()) {
            response.addSandboxes(ProtoSnapshots.sandbox(snapshot));
          }
          return response.build();
        });
  }

  @Override
  public void stopSandbox(
      StopSandboxRequest request, StreamObserver<StopSandboxResponse> observer) {
    unary(
        observer,
        () -> {
          String id = requireId(request.getSandboxId());
          // Stop waits for the controller; a caller that gives up must not leave the wait behind.
          return CancellableCall.run(
              () -> {
                backend.stop(id);
                return StopSandboxResponse.getDefaultInstance();
              });
        });
  }

  @Override
  public void startSandbox(
      StartSandboxRequest request, StreamObserver<StartSandboxResponse> observer) {
    unary(
        observer,
        () -> {
          String id = requireId(request.getSandboxId());
          Generation generation = generations.current();
          RuntimeStart start =
              StartRequests.runtimeStart(
                  request, generation, admission.startGuard(generation), random);
          RuntimeIdentity identity =
              IsolationRequests.twoPod(generation)
                  ? backend.start(
                      id, start, IsolationRequests.startLaunch(request.getLaunchAuthentication()))
                  : backend.start(id, start);
          return StartSandboxResponse.newBuilder().setRuntimeIdentity(identity.value()).build();
        });
  }

  @Override
  public void deleteSandbox(
      DeleteSandboxRequest request, StreamObserver<DeleteSandboxResponse> observer) {
    unary(
        observer,
        () -> {
          boolean deleted = backend.delete(requireId(request.getSandboxId()));
          return DeleteSandboxResponse.newBuilder().setDeleted(deleted).build();
        });
  }

  @Override
  public void watchSandboxes(
      WatchSandboxesRequest request, StreamObserver<WatchSandboxesEvent> observer) {
    watches.start(backend, (ServerCallStreamObserver<WatchSandboxesEvent>) observer);
  }

  @Override
  public void ensureWorkspace(
      EnsureWorkspaceRequest request, StreamObserver<EnsureWorkspaceResponse> observer) {
    unary(
        observer,
        () -> {
          backend.ensureWorkspace(requireWorkspace(request.getWorkspace()));
          return EnsureWorkspaceResponse.getDefaultInstance();
        });
  }

  @Override
  public void deleteWorkspace(
      DeleteWorkspaceRequest request, StreamObserver<DeleteWorkspaceResponse> observer) {
    unary(
        observer,
        () -> {
          backend.deleteWorkspace(requireWorkspace(request.getWorkspace()));
          return DeleteWorkspaceResponse.getDefaultInstance();
        });
  }

  /** The request a message holds, or INVALID_ARGUMENT naming what no request can hold. */
  private static SandboxRequest request(DriverSandbox sandbox) throws StatusException {
    Result<SandboxRequest> request = ProtoRequests.read(sandbox);
    if (!request.isValid()) {
      throw StatusMapping.invalid(request.violations());
    }
    return request.orElseThrow();
  }

  /** The rendered sandbox, or INVALID_ARGUMENT when it is over the object budget. */
  private static RenderedSandbox withinBudget(RenderedSandbox rendered) throws StatusException {
    Result<RenderedSandbox> checked = ObjectBudget.check(rendered);
    if (!checked.isValid()) {
      throw StatusMapping.invalid(checked.violations());
    }
    return rendered;
  }

  private static String requireId(String id) throws StatusException {
    if (id.isEmpty()) {
      throw StatusMapping.required("sandbox_id");
    }
    return id;
  }

  /**
   * Upstream refuses, in managed mode, a workspace whose namespace name would be invalid; it would
   * otherwise fail later as an opaque API error. The sentences are the validator's.
   */
  private String requireWorkspace(String workspace) throws StatusException {
    if (workspace.isEmpty()) {
      throw StatusMapping.required("workspace");
    }
    List<Violation> problems = IdentityRules.workspace(settings, workspace);
    if (!problems.isEmpty()) {
      throw StatusMapping.invalid(problems);
    }
    return workspace;
  }

  /** One place that turns every outcome of a unary handler into exactly one response or error. */
  private static <T> void unary(StreamObserver<T> observer, CancellableCall.Body<T> handler) {
    T response;
    try {
      response = handler.run();
    } catch (StatusException e) {
      observer.onError(e);
      return;
    } catch (DriverException e) {
      observer.onError(StatusMapping.of(e));
      return;
    } catch (RuntimeException e) {
      observer.onError(StatusMapping.internal(e));
      return;
    }
    observer.onNext(response);
    observer.onCompleted();
  }
}
