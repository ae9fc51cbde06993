package dev.berth.render.isolation;

import dev.berth.naming.IsolationNames;
import dev.berth.plan.RuntimePlan;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.Manifests;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.SandboxRenderer;
import dev.berth.render.isolation.CreateStep.Action;
import dev.berth.render.isolation.CreateStep.Owner;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;

/**
 * Renders the two-pod sandbox G2 and G3 gateways need (RFC 0012): the workload pod through the same
 * decorators as every sandbox (so driver_config volumes and sub_path mounts, nested workspace
 * mounts and tighten-only security overrides carry over), and around it the supervisor pod, the
 * boundary Service and the namespace fences. Pure and total like {@link SandboxRenderer}.
 */
public final class IsolationRenderer {

  static final String NETWORK_POLICY = "NetworkPolicy";
  static final String SANDBOX = "Sandbox";
  static final String SERVICE = "Service";
  static final String POD = "Pod";
  static final String SECRET = "Secret";

  private IsolationRenderer() {}

  /**
   * Renders {@code validated} for {@code runtime}: the validator's plan, judged with the isolation
   * topology's settings, and the call's generation (G2 or G3) and new runtime generation.
   */
  public static RenderedIsolationSandbox render(SandboxPlan validated, RuntimePlan runtime) {
    SandboxPlan plan = validated.forRuntime(runtime);
    IsolationNames names = new IsolationNames(runtime.generation());
    RenderedSandbox workload = SandboxRenderer.render(plan);
    String namespace = plan.identity().namespace();
    Pod supervisor =
        SupervisorPod.render(names, plan, plan.settings().isolation().proxyCaBundle().isPresent());
    // The Sandbox is this render's own object; it carries the supervisor so a Start can make the
    // next generation's from it (NextGeneration).
    workload
        .sandbox()
        .getMetadata()
        .getAnnotations()
        .put(names.supervisorTemplateAnnotation(), Manifests.compactJson(supervisor));
    return new RenderedIsolationSandbox(
        NetworkFence.workload(names, namespace, plan.settings().isolation().boundaryPort()),
        NetworkFence.supervisors(names, namespace),
        workload.sandbox(),
        workload.podTemplate(),
        BoundaryService.render(names, plan),
        supervisor,
        createSteps(names, plan),
        startSteps(names, plan),
        names,
        plan);
  }

  /**
   * Fence first, so no workload pod can ever run unfenced; the Sandbox suspended; the supervisor
   * (gated) before the workload pod exists; the Secrets once both pods' UIDs are known; the
   * supervisor released before the workload.
   */
  static List<CreateStep> createSteps(IsolationNames names, SandboxPlan plan) {
    return createSteps(
        names,
        plan.identity().id(),
        plan.identity().resourceName(),
        plan.runtime().runtimeGeneration());
  }

  /** {@link #createSteps(IsolationNames, SandboxPlan)} by the names the steps are made of. */
  static List<CreateStep> createSteps(
      IsolationNames names, String id, String resourceName, String generation) {
    String workloadPod = resourceName;
    return List.of(
        new CreateStep(Action.ENSURE_FENCE, NETWORK_POLICY, names.workloadPolicy(), Owner.NONE),
        new CreateStep(Action.ENSURE_FENCE, NETWORK_POLICY, names.supervisorPolicy(), Owner.NONE),
        new CreateStep(Action.CREATE, SANDBOX, resourceName, Owner.NONE),
        new CreateStep(Action.CREATE, SERVICE, IsolationNames.boundaryService(id), Owner.SANDBOX),
        new CreateStep(Action.CREATE, POD, IsolationNames.supervisorPod(id), Owner.SANDBOX),
        new CreateStep(Action.RESUME_SANDBOX, SANDBOX, resourceName, Owner.NONE),
        new CreateStep(Action.OBSERVE_WORKLOAD, POD, workloadPod, Owner.NONE),
        new CreateStep(
            Action.CREATE,
            SECRET,
            IsolationNames.sandboxSecret(id, generation),
            Owner.WORKLOAD_POD),
        new CreateStep(
            Action.CREATE,
            SECRET,
            IsolationNames.supervisorSecret(id, generation),
            Owner.SUPERVISOR_POD),
        new CreateStep(Action.RELEASE, POD, IsolationNames.supervisorPod(id), Owner.NONE),
        new CreateStep(Action.RELEASE, POD, workloadPod, Owner.NONE),
        new CreateStep(Action.MARK_RELEASED, SANDBOX, resourceName, Owner.NONE));
  }

  /**
   * Start of a stopped sandbox (both pods gone, Service and workspace kept): the fences and the
   * Service re-checked (and made again if they went missing), the template pointed at the new
   * generation's Secret, a new supervisor pod before the controller may make a new workload pod,
   * then the same tail as a create.
   */
  static List<CreateStep> startSteps(IsolationNames names, SandboxPlan plan) {
    return startSteps(
        names,
        plan.identity().id(),
        plan.identity().resourceName(),
        plan.runtime().runtimeGeneration());
  }

  /**
   * The start steps by the names they are made of, for a Start, which has the stored Sandbox but no
   * request to render.
   */
  public static List<CreateStep> startSteps(
      IsolationNames names, String id, String resourceName, String generation) {
    List<CreateStep> create = createSteps(names, id, resourceName, generation);
    String sandbox = resourceName;
    return List.of(
        create.get(0),
        create.get(1),
        new CreateStep(Action.ROTATE_TEMPLATE, SANDBOX, sandbox, Owner.NONE),
        new CreateStep(Action.CREATE, SERVICE, create.get(3).name(), Owner.SANDBOX),
        create.get(4),
        create.get(5),
        create.get(6),
        create.get(7),
        create.get(8),
        create.get(9),
        create.get(10),
        create.get(11));
  }

  /**
   * The namespace's two fences for {@code names}' generation, as a create renders them; a Start
   * re-checks them from these.
   */
  public static List<NetworkPolicy> fences(
      IsolationNames names, String namespace, int boundaryPort) {
    return List.of(
        NetworkFence.workload(names, namespace, boundaryPort),
        NetworkFence.supervisors(names, namespace));
  }

  /** Every object of the render that is stored as rendered, fences first. */
  public static List<HasMetadata> objects(RenderedIsolationSandbox rendered) {
    return List.of(
        rendered.workloadFence(),
        rendered.supervisorFence(),
        rendered.sandbox(),
        rendered.boundaryService(),
        rendered.supervisorPod());
  }
}
