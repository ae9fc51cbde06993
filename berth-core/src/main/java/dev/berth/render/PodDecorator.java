package dev.berth.render;

import dev.berth.plan.SandboxPlan;

/**
 * One concern of the sandbox pod: what it adds, computed from the plan alone. A decorator never
 * sees what another adds, so it can only add, it can be tested from a plan, and the order
 * decorators run in does not matter ({@link PodAssembly} puts the pod together).
 */
@FunctionalInterface
interface PodDecorator {

  PodContribution contribute(SandboxPlan plan);
}
