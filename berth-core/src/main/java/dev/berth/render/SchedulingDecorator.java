package dev.berth.render;

import dev.berth.plan.SandboxPlan;
import dev.berth.plan.SchedulingPlan;
import dev.berth.plan.SchedulingPlan.PlannedToleration;
import io.fabric8.kubernetes.api.model.Toleration;

/** Placement (node selector, tolerations, priority and runtime class) and user namespaces. */
final class SchedulingDecorator implements PodDecorator {

  @Override
  public PodContribution contribute(SandboxPlan plan) {
    SchedulingPlan s = plan.scheduling();
    return PodContribution.of(Concern.SCHEDULING)
        .spec(
            pod -> {
              pod.setNodeSelector(s.nodeSelector());
              pod.setTolerations(
                  s.tolerations().stream().map(SchedulingDecorator::toleration).toList());
              s.priorityClassName().ifPresent(pod::setPriorityClassName);
              s.runtimeClassName().ifPresent(pod::setRuntimeClassName);
              if (s.userNamespaces()) {
                // Root in the pod is then an unprivileged user on the node.
                pod.setHostUsers(false);
              }
            })
        .build();
  }

  static Toleration toleration(PlannedToleration t) {
    Toleration out = new Toleration();
    t.key().ifPresent(out::setKey);
    t.operator().ifPresent(out::setOperator);
    t.value().ifPresent(out::setValue);
    t.effect().filter(e -> !e.isEmpty()).ifPresent(out::setEffect);
    t.tolerationSeconds().ifPresent(out::setTolerationSeconds);
    return out;
  }
}
