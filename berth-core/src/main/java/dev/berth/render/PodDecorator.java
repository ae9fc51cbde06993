package dev.berth.render;

import dev.berth.plan.SandboxPlan;

/**
 * One concern of the sandbox pod. Decorators run in a fixed order; each returns the parts with its
 * concern applied, or the same parts when the concern does not apply to this plan.
 */
@FunctionalInterface
public interface PodDecorator {

  PodParts apply(PodParts parts, SandboxPlan plan);
}
