package dev.berth.render;

import static dev.berth.naming.ManagedNames.NETWORK_SIDECAR_CONTAINER;

import dev.berth.naming.LinuxCapabilities;
import dev.berth.plan.SandboxPlan;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;

/**
 * Runs last and closes the gap Kelos leaves open (its built-in init containers set neither field,
 * so its pods cannot pass Pod Security "restricted"): every init container — all of them are the
 * driver's — gets {@code allowPrivilegeEscalation: false}, {@code capabilities.drop: [ALL]} (its
 * own {@code add} kept) and a {@code RuntimeDefault} seccomp profile, and so does the network
 * sidecar (whose topology already drops ALL). Only tightens: a profile already chosen for the
 * container, or for the whole pod, is kept, and existing drops stay.
 */
final class InitContainerHardeningDecorator implements PodDecorator {

  @Override
  public PodParts apply(PodParts parts, SandboxPlan plan) {
    PodSecurityContext pod = parts.spec().getSecurityContext();
    return parts
        .mapInitContainers(c -> harden(c, pod))
        .mapSidecars(c -> NETWORK_SIDECAR_CONTAINER.equals(c.getName()) ? harden(c, pod) : c);
  }

  static Container harden(Container c, PodSecurityContext pod) {
    SecurityContext current = c.getSecurityContext();
    SecurityContext hardened = SecurityEdits.edit(current);
    hardened.setAllowPrivilegeEscalation(false);
    io.fabric8.kubernetes.api.model.Capabilities caps = SecurityEdits.capabilities(current);
    caps.setDrop(
        EnvAndMounts.union(List.of(LinuxCapabilities.ALL), EnvAndMounts.orEmpty(caps.getDrop())));
    hardened.setCapabilities(caps);
    if ((current == null || current.getSeccompProfile() == null)
        && !SecurityEdits.podHasSeccomp(pod)) {
      hardened.setSeccompProfile(SecurityEdits.runtimeDefaultSeccomp());
    }
    return Copies.edit(c, copy -> copy.setSecurityContext(hardened));
  }
}
