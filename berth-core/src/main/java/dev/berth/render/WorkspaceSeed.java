package dev.berth.render;

import static dev.berth.naming.ManagedNames.WORKSPACE_INIT;
import static dev.berth.naming.ManagedNames.WORKSPACE_PATH;
import static dev.berth.naming.ManagedNames.WORKSPACE_SEED_PATH;
import static dev.berth.naming.ManagedNames.WORKSPACE_SENTINEL;
import static dev.berth.naming.ManagedNames.WORKSPACE_VOLUME;

import dev.berth.plan.SandboxPlan;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;

/** The {@code workspace-init} init container, which seeds the workspace from the agent image. */
final class WorkspaceSeed {

  private static final String SENTINEL = WORKSPACE_SEED_PATH + "/" + WORKSPACE_SENTINEL;

  /**
   * Upstream's seeding script: copy the image's {@code /sandbox} contents once, guarded by a
   * sentinel. A tar stream rather than {@code cp -a} keeps self-referential symlinks (seen under
   * {@code /sandbox/.uv}) as they are; owner, mode and timestamps are not restored, so the
   * extracting user owns the files. Images without {@code /sandbox} still get the sentinel.
   */
  static final String SCRIPT =
      "if [ ! -f "
          + SENTINEL
          + " ]; then if [ -d "
          + WORKSPACE_PATH
          + " ]; then tmp=$(mktemp) && rm -f \"$tmp\" && (cd "
          + WORKSPACE_PATH
          + " && find . -mindepth 1 -maxdepth 1 -exec tar -cf \"$tmp\" {} +)"
          + " && if [ -f \"$tmp\" ]; then tar -C "
          + WORKSPACE_SEED_PATH
          + " --no-same-owner --no-same-permissions --touch -xf \"$tmp\" && rm -f \"$tmp\"; fi;"
          + " fi && touch "
          + SENTINEL
          + "; fi";

  private WorkspaceSeed() {}

  /**
   * Upstream runs this container as root; it does not need root, so it runs as the sandbox UID/GID
   * (non-root, every capability dropped). It writes only into a fresh volume that the pod's fsGroup
   * (the sandbox GID) makes group-writable — an emptyDir is even world-writable — and extracts with
   * {@code --no-same-owner}, so it never chowns. Running as the sandbox user also leaves the seeded
   * files owned by that user, who can change them (extracted by root they would be root-owned and,
   * under the usual 022 umask, not writable by the sandbox user), and fits OpenShift's
   * restricted-v2 UID range, where root is refused.
   *
   * <p>The cost: storage that ignores fsGroup (a CSI driver with {@code fsGroupPolicy: None}) and
   * has a root-owned, non-writable root fails here, loudly, instead of yielding a workspace the
   * sandbox user could not write to anyway; and files under the image's {@code /sandbox} that the
   * sandbox user cannot read fail the seed instead of being copied into files it still could not
   * read.
   */
  static Container container(SandboxPlan plan) {
    SecurityContext security =
        Hardening.driverContainer(plan, plan.security().sandboxUid(), List.of());
    security.setRunAsGroup(plan.security().sandboxGid());
    security.setRunAsNonRoot(true);
    return EnvAndMounts.container(
        WORKSPACE_INIT,
        plan.agent().image(),
        plan.agent().pullPolicy(),
        List.of("sh", "-c", SCRIPT),
        security,
        List.of(EnvAndMounts.mount(WORKSPACE_VOLUME, WORKSPACE_SEED_PATH)));
  }
}
