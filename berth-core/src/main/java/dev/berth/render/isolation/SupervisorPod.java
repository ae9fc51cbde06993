package dev.berth.render.isolation;

import dev.berth.naming.ContainerPaths;
import dev.berth.naming.EnvNames;
import dev.berth.naming.IsolationNames;
import dev.berth.naming.LinuxCapabilities;
import dev.berth.naming.ManagedNames;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.EnvAndMounts;
import dev.berth.render.SandboxRenderer;
import dev.berth.render.SecurityEdits;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.WorkspaceMode;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The supervisor pod {@code os-supervisor-<id>} (upstream's {@code supervisor_pod}): the only pod
 * that holds the gateway session. It runs the supervisor image's binary as the sandbox user with a
 * read-only root, no capability and no privilege escalation, reads its backend descriptor and auth
 * bundle from the generation's bootstrap Secret, and proves itself to the gateway once with an
 * audience-bound projected token. It is created gated and released with the workload pod.
 */
public final class SupervisorPod {

  static final String RESTART_NEVER = "Never";
  static final String TERMINATION_MESSAGE = "FallbackToLogsOnError";
  static final String ROOT_MISMATCH = "OnRootMismatch";
  static final String HEALTH_SUBCOMMAND = "health";
  static final String HEALTH_SOCKET_FLAG = "--socket";
  static final String DEFAULT_LOG_LEVEL = "info";
  static final long TERMINATION_GRACE_SECONDS = 30;
  static final int SECRET_MODE = 0440;

  private SupervisorPod() {}

  /**
   * The pod for {@code plan}'s sandbox and runtime generation.
   *
   * @param proxyCaBundleStaged whether the supervisor Secret carries the operator's corporate proxy
   *     CA bundle; the supervisor keys its trust off the flag, so it is passed only then
   */
  public static Pod render(IsolationNames names, SandboxPlan plan, boolean proxyCaBundleStaged) {
    String id = plan.identity().id();
    List<EnvVar> env = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    env(names, plan, env);
    baseVolumes(names, plan, mounts, volumes);
    ClientTls.add(names, plan, env, mounts, volumes);
    List<String> command =
        new ArrayList<>(SupervisorArgs.command(names, plan, proxyCaBundleStaged));
    ProxyAuth.add(names, plan.settings().supervisor().proxy(), mounts, volumes);
    plan.settings()
        .gateway()
        .spiffeWorkloadApiSocket()
        .ifPresent(
            socket -> {
              env.add(EnvAndMounts.env(names.env(EnvNames.SPIFFE_SOCKET), socket));
              mounts.add(
                  EnvAndMounts.readOnlyMount(
                      ManagedNames.SPIFFE_VOLUME, ContainerPaths.parent(socket)));
              volumes.add(SupervisorVolumes.spiffe());
            });

    Container container = new Container();
    container.setName(IsolationNames.SUPERVISOR_CONTAINER);
    container.setImage(plan.settings().images().supervisorImage());
    plan.settings()
        .images()
        .supervisorImagePullPolicy()
        .ifPresent(p -> container.setImagePullPolicy(p.value()));
    container.setCommand(command);
    container.setTerminationMessagePolicy(TERMINATION_MESSAGE);
    container.setEnv(env);
    container.setReadinessProbe(readiness(names));
    container.setSecurityContext(containerSecurity(plan));
    container.setVolumeMounts(mounts);

    PodSecurityContext podSecurity = new PodSecurityContext();
    podSecurity.setFsGroup(plan.security().sandboxGid());
    podSecurity.setFsGroupChangePolicy(ROOT_MISMATCH);
    podSecurity.setRunAsNonRoot(true);
    podSecurity.setSeccompProfile(SecurityEdits.runtimeDefaultSeccomp());

    PodSpec spec = new PodSpec();
    spec.setTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS);
    String serviceAccount = plan.settings().cluster().serviceAccountName();
    if (!serviceAccount.isEmpty()) {
      spec.setServiceAccountName(serviceAccount);
    }
    spec.setImagePullSecrets(
        plan.settings().images().imagePullSecrets().stream()
            .map(LocalObjectReference::new)
            .toList());
    // Its one Kubernetes credential is the projected, audience-bound token below.
    spec.setAutomountServiceAccountToken(false);
    spec.setSchedulingGates(List.of(new PodSchedulingGate(names.schedulingGate())));
    spec.setSecurityContext(podSecurity);
    spec.setRestartPolicy(RESTART_NEVER);
    spec.setContainers(List.of(container));
    spec.setVolumes(volumes);

    Map<String, String> labels =
        IsolationMeta.common(names, plan, IsolationNames.COMPONENT_SUPERVISOR);
    labels.putAll(IsolationMeta.pair(names, id, IsolationNames.ROLE_SUPERVISOR));
    labels.put(names.gatewayIdLabel(), plan.settings().cluster().gatewayId());
    Pod pod = new Pod();
    pod.setMetadata(
        IsolationMeta.meta(IsolationNames.supervisorPod(id), plan.identity().namespace(), labels));
    pod.getMetadata()
        .setAnnotations(
            new TreeMap<>(
                Map.of(
                    names.sandboxIdKey(),
                    id,
                    names.runtimeGenerationAnnotation(),
                    plan.runtime().runtimeGeneration())));
    pod.setSpec(spec);
    return pod;
  }

  private static void env(IsolationNames names, SandboxPlan plan, List<EnvVar> env) {
    DriverSettings.Gateway gateway = plan.settings().gateway();
    env.add(EnvAndMounts.env(names.env(EnvNames.ADMITTED_ISOLATION_BACKEND), names.backendName()));
    env.add(EnvAndMounts.env(names.env(EnvNames.ENDPOINT), gateway.grpcEndpoint()));
    env.add(EnvAndMounts.env(names.env(EnvNames.SANDBOX_ID), plan.identity().id()));
    env.add(EnvAndMounts.env(names.env(EnvNames.SANDBOX_NAME), plan.identity().name()));
    env.add(
        EnvAndMounts.env(
            names.env(EnvNames.MAIN_PROCESS_SPEC), SandboxRenderer.mainProcessSpec(plan)));
    env.add(EnvAndMounts.env(names.env(EnvNames.SA_TOKEN_FILE), names.tokenFile()));
    env.add(EnvAndMounts.env(names.env(EnvNames.SSH_SOCKET_PATH), names.sshSocketPath()));
    env.add(EnvAndMounts.env(names.env(EnvNames.SSH_SOCKET_SHARED), Boolean.TRUE.toString()));
    env.add(EnvAndMounts.env(names.env(EnvNames.PROXY_TLS_DIR), names.proxyTlsDir()));
    env.add(EnvAndMounts.env(names.env(EnvNames.PROXY_CA_CERT), names.proxyCaCertificatePath()));
    env.add(EnvAndMounts.env(names.env(EnvNames.PROXY_CA_KEY), names.proxyCaPrivateKeyPath()));
    env.add(
        EnvAndMounts.env(
            names.env(EnvNames.LOG_LEVEL), plan.agent().logLevel().orElse(DEFAULT_LOG_LEVEL)));
    env.add(
        EnvAndMounts.env(
            names.env(EnvNames.TELEMETRY_ENABLED), Boolean.toString(gateway.telemetryEnabled())));
    env.add(EnvAndMounts.env(names.env(EnvNames.NETWORK_RUNTIME_CAPABILITIES), ""));
  }

  private static void baseVolumes(
      IsolationNames names, SandboxPlan plan, List<VolumeMount> mounts, List<Volume> volumes) {
    mounts.add(
        EnvAndMounts.readOnlyMount(
            IsolationNames.SUPERVISOR_BOOTSTRAP_VOLUME, names.supervisorDir()));
    mounts.add(
        EnvAndMounts.readOnlyMount(IsolationNames.SUPERVISOR_TOKEN_VOLUME, names.tokenDir()));
    mounts.add(EnvAndMounts.mount(IsolationNames.SUPERVISOR_RUN_VOLUME, names.runDir()));
    mounts.add(
        EnvAndMounts.mount(
            IsolationNames.SUPERVISOR_LOGS_VOLUME, IsolationNames.SUPERVISOR_LOG_DIR));
    volumes.add(
        EnvAndMounts.secretVolume(
            IsolationNames.SUPERVISOR_BOOTSTRAP_VOLUME,
            IsolationNames.supervisorSecret(
                plan.identity().id(), plan.runtime().runtimeGeneration()),
            SECRET_MODE,
            List.of()));
    volumes.add(
        SupervisorVolumes.token(
            names.generation().tokenAudience(),
            SandboxRenderer.tokenTtl(plan.settings().gateway().saTokenTtlSecs())));
    volumes.add(EnvAndMounts.emptyDir(IsolationNames.SUPERVISOR_RUN_VOLUME));
    volumes.add(EnvAndMounts.emptyDir(IsolationNames.SUPERVISOR_LOGS_VOLUME));
  }

  /** G3 supervisors listen on a TCP port once ready; G2 ones answer their health subcommand. */
  private static Probe readiness(IsolationNames names) {
    Probe probe = new Probe();
    if (names.tcpHealthPort()) {
      TCPSocketAction tcp = new TCPSocketAction();
      tcp.setPort(new IntOrString(IsolationNames.HEALTH_PORT));
      probe.setTcpSocket(tcp);
    } else {
      ExecAction exec = new ExecAction();
      exec.setCommand(
          List.of(
              names.supervisorBinary(),
              HEALTH_SUBCOMMAND,
              HEALTH_SOCKET_FLAG,
              names.healthSocketPath()));
      probe.setExec(exec);
    }
    probe.setPeriodSeconds(1);
    probe.setFailureThreshold(3);
    return probe;
  }

  private static SecurityContext containerSecurity(SandboxPlan plan) {
    SecurityContext security = new SecurityContext();
    security.setRunAsUser(plan.security().sandboxUid());
    security.setRunAsGroup(plan.security().sandboxGid());
    security.setRunAsNonRoot(true);
    security.setReadOnlyRootFilesystem(true);
    security.setAllowPrivilegeEscalation(false);
    security.setCapabilities(new Capabilities(List.of(), List.of(LinuxCapabilities.ALL)));
    security.setSeccompProfile(SecurityEdits.runtimeDefaultSeccomp());
    return security;
  }

  /** Whether the supervisor Secret carries the gateway CA (G3, managed mode). */
  static boolean stagesClientCa(IsolationNames names, SandboxPlan plan) {
    return stagesClientCa(names, plan.settings());
  }

  /**
   * {@link #stagesClientCa(IsolationNames, SandboxPlan)} from the settings alone, for the create
   * that fills the Secret.
   */
  public static boolean stagesClientCa(IsolationNames names, DriverSettings settings) {
    return names.tcpHealthPort()
        && settings.cluster().workspaceMode() == WorkspaceMode.MANAGED
        && settings.gateway().clientTlsSecretName().isPresent();
  }
}
