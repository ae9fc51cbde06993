package dev.berth.render;

import static dev.berth.naming.ManagedNames.*;

import dev.berth.naming.ContainerPaths;
import dev.berth.naming.EnvNames;
import dev.berth.plan.SandboxPlan;
import dev.berth.plan.StoragePlan;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.AppArmorProfileBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-built stand-in for what the first six decorators produce (agent container, environment,
 * gateway credentials, scheduling, resources, user volumes), so the tests of the later decorators
 * do not depend on that code.
 */
final class PrefabParts {

  static final String USER_VAR = "USER_SETTING";

  private PrefabParts() {}

  static PodParts forPlan(SandboxPlan plan) {
    DriverSettings.Gateway g = plan.settings().gateway();
    List<EnvVar> env = new ArrayList<>();
    env.add(env(USER_VAR, "kept"));
    env.add(env(EnvNames.SANDBOX_ID, plan.identity().id()));
    env.add(env(EnvNames.SANDBOX_NAME, plan.identity().name()));
    env.add(env(EnvNames.ENDPOINT, g.grpcEndpoint()));
    env.add(env(EnvNames.SSH_SOCKET_PATH, g.sshSocketPath()));
    List<VolumeMount> mounts = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder().withName(SA_TOKEN_VOLUME).withNewProjected().endProjected().build());
    if (g.clientTlsSecretName().isPresent()) {
      env.add(env(EnvNames.TLS_CA, CLIENT_TLS_DIR + "/ca.crt"));
      env.add(env(EnvNames.TLS_CERT, CLIENT_TLS_DIR + "/tls.crt"));
      env.add(env(EnvNames.TLS_KEY, CLIENT_TLS_DIR + "/tls.key"));
      mounts.add(mount(CLIENT_TLS_VOLUME, CLIENT_TLS_DIR, true, null));
      volumes.add(
          new VolumeBuilder()
              .withName(CLIENT_TLS_VOLUME)
              .withNewSecret()
              .withSecretName(g.clientTlsSecretName().get())
              .endSecret()
              .build());
    }
    env.add(env(EnvNames.SA_TOKEN_FILE, SA_TOKEN_FILE));
    if (g.spiffeWorkloadApiSocket().isPresent()) {
      String socket = g.spiffeWorkloadApiSocket().get();
      env.add(env(EnvNames.SPIFFE_SOCKET, socket));
      mounts.add(mount(SPIFFE_VOLUME, ContainerPaths.parent(socket), true, null));
      volumes.add(new VolumeBuilder().withName(SPIFFE_VOLUME).withNewCsi().endCsi().build());
    }
    env.add(env(EnvNames.OCI_IMAGE_USER, ""));
    env.add(env(EnvNames.SANDBOX_UID, Long.toString(plan.security().sandboxUid())));
    env.add(env(EnvNames.SANDBOX_GID, Long.toString(plan.security().sandboxGid())));
    mounts.add(mount(SA_TOKEN_VOLUME, SA_TOKEN_DIR, true, null));
    for (StoragePlan.PlannedVolume v : plan.storage().volumes()) {
      volumes.add(new VolumeBuilder().withName(v.name()).withNewEmptyDir().endEmptyDir().build());
    }
    for (StoragePlan.PlannedMount m : plan.storage().mounts()) {
      mounts.add(mount(m.volume(), m.mountPath(), m.readOnly(), m.subPath().orElse(null)));
    }

    ContainerBuilder agent =
        new ContainerBuilder()
            .withName(AGENT_CONTAINER)
            .withImage(plan.agent().image())
            .withEnv(env)
            .withVolumeMounts(mounts);
    plan.settings()
        .podIdentity()
        .appArmorProfile()
        .ifPresent(
            p ->
                agent
                    .withNewSecurityContext()
                    .withAppArmorProfile(
                        new AppArmorProfileBuilder()
                            .withType(p.type())
                            .withLocalhostProfile(p.localhostProfile().orElse(null))
                            .build())
                    .endSecurityContext());
    return new PodParts(
        new ObjectMeta(),
        new PodSpecBuilder()
            .withAutomountServiceAccountToken(false)
            .withRestartPolicy("Never")
            .build(),
        agent.build(),
        List.of(),
        List.of(),
        volumes,
        List.of());
  }

  static EnvVar env(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  static VolumeMount mount(String volume, String path, boolean readOnly, String subPath) {
    return new VolumeMountBuilder()
        .withName(volume)
        .withMountPath(path)
        .withReadOnly(readOnly)
        .withSubPath(subPath)
        .build();
  }

  // ---- lookups used by the tests ---------------------------------------------------------------

  static List<String> envNames(Container c) {
    return c.getEnv().stream().map(EnvVar::getName).toList();
  }

  static String envValue(Container c, String name) {
    return c.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .findFirst()
        .orElse(null);
  }

  static List<String> mountNames(Container c) {
    return c.getVolumeMounts().stream().map(VolumeMount::getName).toList();
  }

  static List<String> mountPaths(Container c) {
    return c.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList();
  }

  static VolumeMount mountOf(Container c, String volume) {
    return c.getVolumeMounts().stream()
        .filter(m -> m.getName().equals(volume))
        .findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + " has no mount of " + volume));
  }

  static List<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getName()).toList();
  }

  static List<String> volumeNames(PodParts parts) {
    return parts.volumes().stream().map(Volume::getName).toList();
  }

  static List<String> initNames(PodParts parts) {
    return parts.initContainers().stream().map(Container::getName).toList();
  }

  static Volume volume(PodParts parts, String name) {
    return parts.volumes().stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  static Container init(PodParts parts, String name) {
    return parts.initContainers().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no init container " + name));
  }

  static Container sidecar(PodParts parts, String name) {
    return parts.sidecars().stream()
        .filter(c -> c.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sidecar " + name));
  }
}
