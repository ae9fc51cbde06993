package dev.berth.security;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.ArrayList;
import java.util.List;

/** Hand-built pods for the report tests: one that meets restricted, and ways to break it. */
final class Pods {

  private Pods() {}

  /** Meets every restricted check: the baseline each table row mutates once. */
  static PodSpec restricted() {
    return new PodSpecBuilder()
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withContainers(container("app"))
        .addNewVolume()
        .withName("scratch")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .build();
  }

  /** A container with the container-level settings restricted wants. */
  static Container container(String name) {
    return new ContainerBuilder()
        .withName(name)
        .withImage("example/app:1")
        .withSecurityContext(hardened())
        .build();
  }

  static SecurityContext hardened() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .build();
  }

  /** The security context of the container named {@code app}. */
  static SecurityContext app(PodSpec spec) {
    return spec.getContainers().stream()
        .filter(c -> c.getName().equals("app"))
        .findFirst()
        .orElseThrow()
        .getSecurityContext();
  }

  static void add(PodSpec spec, String... capabilities) {
    Capabilities caps = app(spec).getCapabilities();
    caps.setAdd(new ArrayList<>(List.of(capabilities)));
  }
}
