package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.driver.RuntimeIdentity;
import dev.berth.naming.IsolationNames;
import dev.berth.plan.LaunchAuthentication;
import dev.berth.render.Manifests;
import dev.berth.render.agentsandbox.AgentSandbox;
import dev.berth.render.isolation.BootstrapSecrets;
import dev.berth.render.isolation.CreateStep;
import dev.berth.render.isolation.NextGeneration;
import dev.berth.render.isolation.Owners;
import dev.berth.render.isolation.ReleasePatches;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One bring-up of one runtime generation of a two-pod sandbox: the {@link CreateStep}s of a Create
 * or a Start performed in order, each idempotent. What a step needs from an earlier one (the
 * Sandbox's UID, the pods, the fence) it has from this run, and a step that finds its object
 * already made by a call that died checks it is the one it would have made and adopts it.
 */
final class BringUp {

  /** Where a step's desired objects come from: the Create's render, or the stored Sandbox. */
  record Desired(
      List<NetworkPolicy> fences,
      Optional<AgentSandbox> sandbox,
      Service service,
      Pod supervisor) {}

  private final IsolationLifecycle.Io io;
  final IsolationNames names;
  final String sandboxId;
  final String namespace;
  final String resourceName;
  final String generation;
  private final LaunchAuthentication launch;
  private final Desired desired;
  private final int boundaryPort;

  AgentSandbox sandbox;
  private NetworkPolicy fence;
  private Service service;
  private Pod supervisor;
  private Pod workload;

  BringUp(
      IsolationLifecycle.Io io,
      IsolationNames names,
      String sandboxId,
      String namespace,
      String resourceName,
      String generation,
      LaunchAuthentication launch,
      Desired desired,
      int boundaryPort) {
    this.io = io;
    this.names = names;
    this.sandboxId = sandboxId;
    this.namespace = namespace;
    this.resourceName = resourceName;
    this.generation = generation;
    this.launch = launch;
    this.desired = desired;
    this.boundaryPort = boundaryPort;
  }

  RuntimeIdentity identity() {
    return new RuntimeIdentity(
        namespace, Objects.requireNonNullElse(sandbox.getMetadata().getUid(), ""), generation);
  }

  /**
   * Performs {@code step}; false when it must wait for the controller (the workload pod is not
   * there yet), in which case the steps after it are left for a later pass.
   */
  boolean perform(CreateStep step) throws DriverException {
    switch (step.action()) {
      case ENSURE_FENCE -> ensureFence(step.name());
      case CREATE -> create(step);
      case ROTATE_TEMPLATE -> sandbox = io.patchSandbox(sandbox, rotate());
      case RESUME_SANDBOX -> {
        if (!RuntimeStarts.running(sandbox)) {
          sandbox = io.patchSandbox(sandbox, ReleasePatches.resume(sandbox.version()));
        }
      }
      case OBSERVE_WORKLOAD -> {
        Optional<Pod> observed = io.objects().pod(namespace, resourceName).filter(this::isOurs);
        if (observed.isEmpty()) {
          return false;
        }
        workload = observed.get();
      }
      case RELEASE -> release(step.name());
      case MARK_RELEASED -> sandbox = io.patchSandbox(sandbox, ReleasePatches.markReleased(names));
    }
    return true;
  }

  private Map<String, Object> rotate() {
    return NextGeneration.rotateTemplate(
        sandbox.getSpec().getPodTemplate(), names, sandboxId, generation);
  }

  private void ensureFence(String name) throws DriverException {
    NetworkPolicy want =
        desired.fences().stream()
            .filter(p -> p.getMetadata().getName().equals(name))
            .findFirst()
            .orElseThrow(() -> internal("no rendered fence " + name));
    IsolationObjects.Created<NetworkPolicy> made = io.objects().create(want);
    NetworkPolicy have = made.object();
    // Compare what the fence selects and isolates; the API server fills in defaults elsewhere.
    if (made.existed()
        && (!Objects.equals(have.getSpec().getPodSelector(), want.getSpec().getPodSelector())
            || !Objects.equals(have.getSpec().getPolicyTypes(), want.getSpec().getPolicyTypes()))) {
      throw IsolationObjects.foreign(want, "selects or isolates other pods than Berth's fence");
    }
    if (name.equals(names.workloadPolicy())) {
      fence = have;
    }
  }

  private void create(CreateStep step) throws DriverException {
    switch (step.kind()) {
      case "Sandbox" -> sandbox = io.createSandbox(desired.sandbox().orElseThrow(), generation);
      case "Service" -> service = ensureService();
      case "Pod" -> supervisor = ensureSupervisor();
      case "Secret" -> ensureSecrets();
      default -> throw internal("no create step for kind " + step.kind());
    }
  }

  private Service ensureService() throws DriverException {
    Service want = IsolationObjects.owned(desired.service(), sandboxOwner());
    IsolationObjects.Created<Service> made = io.objects().create(want);
    if (made.existed() && !IsolationObjects.hasLabels(made.object(), want)) {
      throw IsolationObjects.foreign(want, "is not this sandbox's boundary Service");
    }
    return made.object();
  }

  private Pod ensureSupervisor() throws DriverException {
    Pod want = IsolationObjects.owned(desired.supervisor(), sandboxOwner());
    for (int attempt = 0; ; attempt++) {
      IsolationObjects.Created<Pod> made = io.objects().create(want);
      Pod have = made.object();
      if (!made.existed()) {
        return have;
      }
      if (!IsolationObjects.hasLabels(have, want)) {
        throw IsolationObjects.foreign(want, "is not this sandbox's supervisor pod");
      }
      if (generation.equals(annotation(have, names.runtimeGenerationAnnotation()))
          && IsolationObjects.ownerUid(have).equals(Optional.of(sandbox.getMetadata().getUid()))) {
        return have;
      }
      // A supervisor of another generation (a Start that died) holds the name: replace it.
      if (attempt > 0) {
        throw new DriverException(
            DriverException.Kind.CONFLICT,
            "the previous supervisor pod of sandbox " + sandboxId + " is still going away; retry");
      }
      io.objects().deletePod(namespace, have.getMetadata().getName());
    }
  }

  /**
   * Both Secrets come from one material (the workload's certificate is the supervisor's trust
   * anchor), so they are made together: adopted when both exist for the observed pods, otherwise
   * whatever a died call left is removed and both are made afresh.
   */
  private void ensureSecrets() throws DriverException {
    String sandboxSecret = IsolationNames.sandboxSecret(sandboxId, generation);
    String supervisorSecret = IsolationNames.supervisorSecret(sandboxId, generation);
    Optional<Secret> forWorkload = secret(sandboxSecret);
    Optional<Secret> forSupervisor = secret(supervisorSecret);
    boolean current =
        forWorkload.flatMap(IsolationObjects::ownerUid).equals(uid(workload))
            && forSupervisor.flatMap(IsolationObjects::ownerUid).equals(uid(supervisor));
    if (current) {
      return;
    }
    if (forWorkload.isPresent()) {
      io.objects().deleteSecret(namespace, sandboxSecret);
    }
    if (forSupervisor.isPresent()) {
      io.objects().deleteSecret(namespace, supervisorSecret);
    }
    BootstrapSecrets secrets =
        BootstrapSecrets.render(
            names,
            sandboxId,
            namespace,
            generation,
            io.material()
                .material(
                    new BootstrapFacts(
                        names,
                        sandboxId,
                        generation,
                        namespace,
                        io.objects().namespaceUid(namespace),
                        sandbox.getMetadata().getUid(),
                        workload.getMetadata().getUid(),
                        supervisor.getMetadata().getUid(),
                        fence.getMetadata().getUid(),
                        fence.getMetadata().getResourceVersion(),
                        service.getMetadata().getName() + "." + namespace + ".svc:" + boundaryPort,
                        Objects.requireNonNullElse(service.getSpec().getClusterIP(), ""),
                        boundaryPort,
                        WorkloadFacts.of(workload, names),
                        launch)));
    io.objects().create(IsolationObjects.owned(secrets.sandbox(), podOwner(workload)));
    io.objects().create(IsolationObjects.owned(secrets.supervisor(), podOwner(supervisor)));
  }

  private Optional<Secret> secret(String name) throws DriverException {
    return io.objects().secrets(namespace, Map.of(names.sandboxIdKey(), sandboxId)).stream()
        .filter(s -> s.getMetadata().getName().equals(name))
        .findFirst();
  }

  private void release(String podName) throws DriverException {
    Optional<Pod> current = io.objects().pod(namespace, podName);
    if (current.isEmpty()) {
      throw new DriverException(
          DriverException.Kind.CONFLICT,
          "pod " + podName + " of sandbox " + sandboxId + " went away before its release; retry");
    }
    Pod pod = current.get();
    boolean gated =
        pod.getSpec().getSchedulingGates() != null
            && pod.getSpec().getSchedulingGates().stream()
                .anyMatch(g -> names.schedulingGate().equals(g.getName()));
    if (gated) {
      io.objects()
          .jsonPatchPod(
              namespace,
              podName,
              Manifests.compactJson(ReleasePatches.releaseOperations(names, pod)));
    }
  }

  /** The workload pod of this generation: it mounts this generation's sandbox Secret. */
  private boolean isOurs(Pod pod) {
    String wanted = IsolationNames.sandboxSecret(sandboxId, generation);
    List<Volume> volumes =
        pod.getSpec() == null || pod.getSpec().getVolumes() == null
            ? List.of()
            : pod.getSpec().getVolumes();
    return volumes.stream()
        .anyMatch(
            v ->
                IsolationNames.BOOTSTRAP_VOLUME.equals(v.getName())
                    && v.getSecret() != null
                    && wanted.equals(v.getSecret().getSecretName()));
  }

  private OwnerReference sandboxOwner() {
    return Owners.sandbox(
        sandbox.version(), sandbox.getMetadata().getName(), sandbox.getMetadata().getUid());
  }

  private static OwnerReference podOwner(Pod pod) {
    return Owners.pod(pod.getMetadata().getName(), pod.getMetadata().getUid());
  }

  private static Optional<String> uid(HasMetadata object) {
    return Optional.ofNullable(object).map(o -> o.getMetadata().getUid());
  }

  static String annotation(HasMetadata object, String key) {
    return Optional.ofNullable(object.getMetadata().getAnnotations())
        .map(a -> a.get(key))
        .orElse("");
  }

  private static DriverException internal(String message) {
    return new DriverException(DriverException.Kind.INTERNAL, message);
  }
}
