package dev.berth.render;

import dev.berth.plan.SandboxPlan;

/** Placeholder until this decorator is implemented; replaced before rendering ships. */
final class UserVolumesDecorator implements PodDecorator {

  @Override
  public PodParts apply(PodParts parts, SandboxPlan plan) {
    return parts;
  }
}
