package dev.berth.render.isolation;

import dev.berth.naming.IsolationNames;
import dev.berth.plan.SandboxPlan;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.List;

/**
 * The per-sandbox Service in front of the workload's boundary listener: a stable address the
 * supervisor dials and the runtime descriptor names, selecting only this sandbox's workload pod.
 */
public final class BoundaryService {

  private BoundaryService() {}

  public static Service render(IsolationNames names, SandboxPlan plan) {
    return render(
        names,
        plan.identity().id(),
        plan.identity().namespace(),
        plan.settings().isolation().boundaryPort());
  }

  /**
   * The Service by the names it is made of, for a Start, which has no request to render from and
   * makes the Service again when it has gone missing since the Create.
   */
  public static Service render(IsolationNames names, String sandboxId, String namespace, int port) {
    ServicePort servicePort = new ServicePort();
    servicePort.setName(IsolationNames.BOUNDARY_PORT_NAME);
    servicePort.setProtocol(NetworkFence.TCP);
    servicePort.setPort(port);
    servicePort.setTargetPort(new IntOrString(port));
    ServiceSpec spec = new ServiceSpec();
    spec.setSelector(IsolationMeta.pair(names, sandboxId, IsolationNames.ROLE_WORKLOAD));
    spec.setPorts(List.of(servicePort));
    Service service = new Service();
    service.setMetadata(
        IsolationMeta.meta(
            IsolationNames.boundaryService(sandboxId),
            namespace,
            IsolationMeta.common(names, sandboxId, IsolationNames.COMPONENT_BOUNDARY_SERVICE)));
    service.setSpec(spec);
    return service;
  }

  /** {@code os-boundary-<id>.<namespace>.svc:<port>}: how the runtime descriptor names it. */
  public static String authority(SandboxPlan plan) {
    return IsolationNames.boundaryService(plan.identity().id())
        + "."
        + plan.identity().namespace()
        + ".svc:"
        + plan.settings().isolation().boundaryPort();
  }
}
