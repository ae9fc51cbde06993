package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.driver.RuntimeGenerations;
import dev.berth.driver.RuntimeIdentity;
import dev.berth.driver.RuntimeStart;
import dev.berth.driver.StoredSandbox;
import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import dev.berth.plan.LaunchAuthentication;
import dev.berth.render.Manifests;
import dev.berth.render.agentsandbox.AgentSandbox;
import dev.berth.render.isolation.BoundaryService;
import dev.berth.render.isolation.CreateStep;
import dev.berth.render.isolation.IsolationRenderer;
import dev.berth.render.isolation.NextGeneration;
import dev.berth.render.isolation.ReleasePatches;
import dev.berth.render.isolation.RenderedIsolationSandbox;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Create, Stop, Start and Delete of two-pod sandboxes (G2 and later gateways). A bring-up follows
 * the rendered {@link CreateStep}s ({@link BringUp}); the call waits a short while for the
 * controller's workload pod and, when it is not there yet, returns the identity and finishes the
 * remaining steps in the background. Every step is idempotent, so a call that died between any two
 * of them is completed by the next Create, Start or Delete.
 */
final class IsolationLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(IsolationLifecycle.class);
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration BACKGROUND_POLL = Duration.ofSeconds(1);

  /** Called after each completed step; a test makes it throw to stand for a crash there. */
  @FunctionalInterface
  interface StepHook {
    StepHook NONE = step -> {};

    void after(CreateStep step) throws DriverException;
  }

  /** What a {@link BringUp} reads and writes through. */
  record Io(
      IsolationObjects objects,
      SandboxApi api,
      SandboxStore store,
      ApiErrors errors,
      BootstrapMaterialSource material) {

    AgentSandbox patchSandbox(AgentSandbox sandbox, Map<String, Object> patch)
        throws DriverException {
      String namespace = sandbox.getMetadata().getNamespace();
      String name = sandbox.getMetadata().getName();
      return errors.call(
          "patch Sandbox " + name + " in namespace " + namespace,
          () -> api.named(namespace, name).patch(MERGE, Manifests.compactJson(patch)));
    }

    /** Creates the Sandbox, or adopts the one a died create of this generation left. */
    AgentSandbox createSandbox(AgentSandbox desired, String generation) throws DriverException {
      String namespace = desired.getMetadata().getNamespace();
      String name = desired.getMetadata().getName();
      try {
        return store.create(desired);
      } catch (DriverException e) {
        if (e.kind() == DriverException.Kind.NOT_FOUND) {
          throw new DriverException(
              DriverException.Kind.FAILED_PRECONDITION,
              "could not create Sandbox "
                  + name
                  + ": namespace "
                  + namespace
                  + " or the "
                  + api.version().apiVersion()
                  + " Sandbox API is missing",
              e);
        }
        if (e.kind() != DriverException.Kind.ALREADY_EXISTS) {
          throw e;
        }
        AgentSandbox existing =
            errors.call(
                "read Sandbox " + name + " in namespace " + namespace,
                () -> api.named(namespace, name).get());
        Optional<IsolationNames> names =
            Optional.ofNullable(existing).flatMap(IsolationLifecycle::names);
        boolean same =
            names.isPresent()
                && IsolationObjects.hasLabels(existing, desired)
                && generation.equals(
                    BringUp.annotation(existing, names.get().runtimeGenerationAnnotation()));
        if (!same) {
          throw e;
        }
        return existing;
      }
    }
  }

  private final Io io;
  private final KubernetesClient client;
  private final int boundaryPort;
  private final Duration bringUpWait;
  private final Duration bootstrapGrace;
  private final ScheduledExecutorService scheduler;
  private final StepHook hook;

  IsolationLifecycle(
      Io io,
      KubernetesClient client,
      int boundaryPort,
      Duration bringUpWait,
      Duration bootstrapGrace,
      ScheduledExecutorService scheduler,
      StepHook hook) {
    this.io = io;
    this.client = client;
    this.boundaryPort = boundaryPort;
    this.bringUpWait = bringUpWait;
    this.bootstrapGrace = bootstrapGrace;
    this.scheduler = scheduler;
    this.hook = hook;
  }

  /** The names of the generation that made {@code sandbox}, empty for a single-pod sandbox. */
  static Optional<IsolationNames> names(AgentSandbox sandbox) {
    Map<String, String> annotations = sandbox.getMetadata().getAnnotations();
    if (annotations == null) {
      return Optional.empty();
    }
    for (Generation g : Generation.values()) {
      if (g.runtimeShape() == Generation.RuntimeShape.ISOLATION_BACKEND) {
        IsolationNames names = new IsolationNames(g);
        if (annotations.containsKey(names.bootstrapPhaseAnnotation())) {
          return Optional.of(names);
        }
      }
    }
    return Optional.empty();
  }

  /** Follows the create steps; the returned run holds the Sandbox and the identity. */
  BringUp create(RenderedIsolationSandbox rendered, LaunchAuthentication launch)
      throws DriverException {
    String generation = rendered.plan().runtime().runtimeGeneration();
    BringUp run =
        new BringUp(
            io,
            rendered.names(),
            rendered.plan().identity().id(),
            rendered.plan().identity().namespace(),
            rendered.plan().identity().resourceName(),
            generation,
            launch,
            new BringUp.Desired(
                List.of(rendered.workloadFence(), rendered.supervisorFence()),
                Optional.of(rendered.sandbox()),
                rendered.boundaryService(),
                rendered.supervisorPod()),
            boundaryPort);
    follow(run, rendered.createSteps());
    return run;
  }

  /**
   * Suspends the Sandbox (the controller removes the workload pod) and deletes the supervisor pod;
   * the caller then waits for the workload pod as for any sandbox. The Service and the workspace
   * stay; the generation's Secrets go with its pods.
   */
  AgentSandbox stop(String sandboxId, AgentSandbox found, IsolationNames names)
      throws DriverException {
    AgentSandbox patched = io.store().patchOperatingState(sandboxId, found, false);
    String namespace = found.getMetadata().getNamespace();
    io.objects().deletePod(namespace, IsolationNames.supervisorPod(sandboxId));
    deleteSecrets(names, sandboxId, namespace);
    return patched;
  }

  RuntimeIdentity start(
      String sandboxId,
      AgentSandbox found,
      IsolationNames names,
      RuntimeStart start,
      Optional<LaunchAuthentication> launch)
      throws DriverException {
    String current = BringUp.annotation(found, names.runtimeGenerationAnnotation());
    StoredSandbox stored = RuntimeStarts.stored(sandboxId, found);
    stored =
        new StoredSandbox(
            stored.id(),
            stored.namespace(),
            stored.uid(),
            stored.workspace(),
            stored.claims(),
            current.isEmpty() ? RuntimeGenerations.UNRECORDED : current,
            stored.running(),
            stored.callerDriverConfigUsed());
    RuntimeStart.Decision decision = RuntimeStart.decide(stored, start);
    boolean released =
        ReleasePatches.PHASE_RELEASED.equals(
            BringUp.annotation(found, names.bootstrapPhaseAnnotation()));
    if (!decision.patch() && released) {
      return RuntimeStarts.identity(found, decision.generation());
    }
    LaunchAuthentication authentication =
        launch.orElseThrow(
            () ->
                new DriverException(
                    DriverException.Kind.FAILED_PRECONDITION,
                    "starting two-pod sandbox "
                        + sandboxId
                        + " needs the gateway's launch_authentication for its new generation"));
    String supervisorJson = BringUp.annotation(found, names.supervisorTemplateAnnotation());
    if (supervisorJson.isEmpty()) {
      throw new DriverException(
          DriverException.Kind.FAILED_PRECONDITION,
          "Sandbox "
              + found.getMetadata().getName()
              + " has lost the supervisor its create rendered; delete the sandbox and create it"
              + " again");
    }
    Pod storedSupervisor = client.getKubernetesSerialization().unmarshal(supervisorJson, Pod.class);
    String namespace = found.getMetadata().getNamespace();
    String resourceName = found.getMetadata().getName();
    BringUp run =
        new BringUp(
            io,
            names,
            sandboxId,
            namespace,
            resourceName,
            decision.generation(),
            authentication,
            new BringUp.Desired(
                IsolationRenderer.fences(names, namespace, boundaryPort),
                Optional.empty(),
                // The Create's Service outlives Stop; made again if it went missing since. The
                // new generation's descriptor is written after this step, so it names the address
                // a re-made Service was given.
                BoundaryService.render(names, sandboxId, namespace, boundaryPort),
                NextGeneration.supervisorPod(
                    storedSupervisor, names, sandboxId, decision.generation())),
            boundaryPort);
    run.sandbox = found;
    follow(
        run, IsolationRenderer.startSteps(names, sandboxId, resourceName, decision.generation()));
    return run.identity();
  }

  /**
   * Removes what Berth made for the sandbox (its supervisor pod, Service and Secrets), then the
   * Sandbox, so a Delete that dies part-way leaves the Sandbox for the next Delete to find. The
   * namespace's fences are shared by every sandbox and stay.
   */
  boolean delete(String sandboxId, AgentSandbox found, IsolationNames names)
      throws DriverException {
    String namespace = found.getMetadata().getNamespace();
    io.objects().deletePod(namespace, IsolationNames.supervisorPod(sandboxId));
    io.objects().deleteService(namespace, IsolationNames.boundaryService(sandboxId));
    deleteSecrets(names, sandboxId, namespace);
    return io.store().delete(sandboxId);
  }

  private void deleteSecrets(IsolationNames names, String sandboxId, String namespace)
      throws DriverException {
    for (Secret secret :
        io.objects()
            .secrets(
                namespace,
                Map.of(
                    names.sandboxIdKey(),
                    sandboxId,
                    names.managedByLabel(),
                    names.generation().namespace()))) {
      io.objects().deleteSecret(namespace, secret.getMetadata().getName());
    }
  }

  /**
   * Performs the steps in order, waiting up to the bring-up wait for the workload pod; what is left
   * then is finished in the background.
   */
  private void follow(BringUp run, List<CreateStep> steps) throws DriverException {
    long deadline = System.nanoTime() + bringUpWait.toNanos();
    int next = 0;
    while (next < steps.size()) {
      CreateStep step = steps.get(next);
      if (run.perform(step)) {
        hook.after(step);
        next++;
      } else if (System.nanoTime() - deadline < 0) {
        sleep(POLL);
      } else {
        background(run, steps.subList(next, steps.size()));
        return;
      }
    }
  }

  private void background(BringUp run, List<CreateStep> rest) {
    long deadline = System.nanoTime() + bootstrapGrace.toNanos();
    Runnable[] attempt = new Runnable[1];
    attempt[0] =
        () -> {
          try {
            int done = 0;
            for (CreateStep step : rest) {
              if (!run.perform(step)) {
                break;
              }
              done++;
            }
            if (done == rest.size()) {
              LOG.info("Sandbox {} released (generation {})", run.sandboxId, run.generation);
            } else if (System.nanoTime() - deadline < 0) {
              scheduler.schedule(attempt[0], BACKGROUND_POLL.toMillis(), TimeUnit.MILLISECONDS);
            } else {
              LOG.warn(
                  "Sandbox {} stays held: its workload pod did not appear within {}",
                  run.sandboxId,
                  bootstrapGrace);
            }
          } catch (DriverException | KubernetesClientException e) {
            LOG.warn(
                "Finishing the bring-up of sandbox {} failed: {}", run.sandboxId, e.getMessage());
          }
        };
    scheduler.schedule(attempt[0], BACKGROUND_POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void sleep(Duration duration) throws DriverException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DriverException(
          DriverException.Kind.UNAVAILABLE, "interrupted while waiting for the workload pod", e);
    }
  }
}
