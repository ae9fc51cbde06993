package dev.berth.render;

import dev.berth.plan.SandboxPlan;
import dev.berth.plan.SchedulingPlan;
import dev.berth.plan.SchedulingPlan.PlannedToleration;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;

/**
 * Placement (node selector, tolerations, priority and runtime class), user namespaces, AppArmor.
 */
final class SchedulingDecorator implements PodDecorator {

  @Override
  public PodParts apply(PodParts parts, SandboxPlan plan) {
    SchedulingPlan s = plan.scheduling();
    PodSpecBuilder spec = new PodSpecBuilder(parts.spec());
    if (!s.nodeSelector().isEmpty()) {
      spec.withNodeSelector(s.nodeSelector());
    }
    spec.withTolerations(s.tolerations().stream().map(SchedulingDecorator::toleration).toList());
    s.priorityClassName().ifPresent(spec::withPriorityClassName);
    s.runtimeClassName().ifPresent(spec::withRuntimeClassName);
    if (s.userNamespaces()) {
      // Root in the pod is then an unprivileged user on the node.
      spec.withHostUsers(false);
    }
    PodParts out = parts.withSpec(spec.build());
    var appArmor = plan.settings().podIdentity().appArmorProfile();
    if (appArmor.isEmpty()) {
      return out;
    }
    return out.withAgent(
        new ContainerBuilder(parts.agent())
            .withSecurityContext(
                SecurityEdits.edit(parts.agent().getSecurityContext())
                    .withAppArmorProfile(SecurityEdits.appArmor(appArmor))
                    .build())
            .build());
  }

  static Toleration toleration(PlannedToleration t) {
    TolerationBuilder b = new TolerationBuilder();
    t.key().ifPresent(b::withKey);
    t.operator().ifPresent(b::withOperator);
    t.value().ifPresent(b::withValue);
    t.effect().filter(e -> !e.isEmpty()).ifPresent(b::withEffect);
    t.tolerationSeconds().ifPresent(b::withTolerationSeconds);
    return b.build();
  }
}
