package dev.berth.install;

import dev.berth.install.InstallResolution.InstallOptions;
import dev.berth.naming.LinuxCapabilities;
import dev.berth.naming.SecurityProfiles;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Berth container added to the gateway pod, and the volumes it shares with the gateway: an
 * emptyDir for the driver's Unix socket, mounted at the same path in both containers, and a small
 * emptyDir at {@code /tmp} because the root filesystem is read-only (the JVM and gRPC's native
 * transport write there). It runs as the gateway's UID and GID, since the gateway accepts only
 * same-UID peers on the socket, and with nothing else: no capabilities, no privilege escalation,
 * RuntimeDefault seccomp.
 */
final class BerthContainer {

  static final String NAME = "berth";
  static final String SOCKET_VOLUME = "berth-driver-socket";
  static final String TMP_VOLUME = "berth-tmp";
  static final String MOUNT_DIR = "/var/run/openshell-compute";
  static final String SOCKET = MOUNT_DIR + "/driver/driver.sock";
  static final String HEALTH_PORT_NAME = "berth-health";
  static final String JVM_OPTIONS_ENV = "JDK_JAVA_OPTIONS";
  static final Quantity TMP_LIMIT = new Quantity("64Mi");

  /**
   * Probe timing: start-up allows two minutes for the JVM and the first sync with the cluster;
   * liveness then checks every 10 s, readiness every 5 s. Each probe is one HTTP request to the
   * driver's health listener on the pod IP (docs/performance.md, "Install", has its cost).
   */
  static final int STARTUP_PERIOD = 2;

  static final int STARTUP_FAILURES = 60;
  static final int LIVENESS_PERIOD = 10;
  static final int READINESS_PERIOD = 5;
  static final int PROBE_TIMEOUT = 2;

  private BerthContainer() {}

  /**
   * @param environment the driver's {@code OPENSHELL_*} variables
   * @param uid the gateway's UID; empty leaves it to OpenShift, which gives every container of the
   *     pod the same one
   * @param healthPort the port of {@code health_address}
   */
  static Container build(
      InstallOptions options,
      Map<String, String> environment,
      Optional<Long> uid,
      Optional<Long> gid,
      int healthPort) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar(JVM_OPTIONS_ENV, options.jvmOptions(), null));
    environment.forEach((k, v) -> env.add(new EnvVar(k, v, null)));
    SecurityContextBuilder security =
        new SecurityContextBuilder()
            .withRunAsNonRoot(true)
            .withAllowPrivilegeEscalation(false)
            .withReadOnlyRootFilesystem(true)
            .withNewCapabilities()
            .withDrop(LinuxCapabilities.ALL)
            .endCapabilities()
            .withNewSeccompProfile()
            .withType(SecurityProfiles.RUNTIME_DEFAULT)
            .endSeccompProfile();
    uid.ifPresent(security::withRunAsUser);
    gid.ifPresent(security::withRunAsGroup);
    return new ContainerBuilder()
        .withName(NAME)
        .withImage(options.image())
        .withImagePullPolicy(options.pullPolicy().value())
        .withArgs("serve", "--bind-socket", SOCKET)
        .withEnv(env)
        .addNewPort()
        .withName(HEALTH_PORT_NAME)
        .withContainerPort(healthPort)
        .withProtocol("TCP")
        .endPort()
        .withResources(options.resources().requirements())
        .withSecurityContext(security.build())
        .withStartupProbe(probe("/healthz", STARTUP_PERIOD, STARTUP_FAILURES))
        .withLivenessProbe(probe("/healthz", LIVENESS_PERIOD, 3))
        .withReadinessProbe(probe("/readyz", READINESS_PERIOD, 2))
        .withVolumeMounts(
            socketMount(),
            new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build())
        .build();
  }

  private static Probe probe(String path, int period, int failures) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString(HEALTH_PORT_NAME))
        .endHttpGet()
        .withPeriodSeconds(period)
        .withTimeoutSeconds(PROBE_TIMEOUT)
        .withFailureThreshold(failures)
        .build();
  }

  /** The socket directory, mounted the same in the gateway and in Berth. */
  static VolumeMount socketMount() {
    return new VolumeMountBuilder().withName(SOCKET_VOLUME).withMountPath(MOUNT_DIR).build();
  }

  static List<Volume> volumes() {
    return List.of(
        new VolumeBuilder().withName(SOCKET_VOLUME).withNewEmptyDir().endEmptyDir().build(),
        new VolumeBuilder()
            .withName(TMP_VOLUME)
            .withNewEmptyDir()
            .withSizeLimit(TMP_LIMIT)
            .endEmptyDir()
            .build());
  }

  /** The port of a validated {@code host:port} health address. */
  static int port(DriverSettings settings) {
    String address = settings.serving().healthAddress().orElse(InstallResolution.HEALTH_ADDRESS);
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }
}
