package dev.berth.render;

import dev.berth.naming.EnvNames;
import dev.berth.naming.IsolationNames;
import dev.berth.plan.AgentPlan;
import dev.berth.plan.SandboxPlan;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeSource;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The workload pod of the isolation backend (G2 and G3, upstream {@code
 * apply_supervisor_sandbox_runtime_boundary}). The agent container runs the static sandbox runtime
 * as the sandbox user with no capability; a trusted init container stages the runtime binary and
 * the generation's bootstrap Secret into memory, and the runtime removes it before user code runs.
 * The pod gets no gateway address, no token and no supervisor: the supervisor pod reaches it on the
 * boundary port, and the namespace's workload NetworkPolicy denies every connection it would open.
 * It is created gated, so kubelet starts nothing before the driver releases it.
 */
final class IsolationWorkload {

  /** Upstream's name of the boundary listener port on the agent container. */
  static final String CONTROL_PORT_NAME = "sandbox-control";

  static final String TCP = "TCP";
  static final String MEMORY = "Memory";
  static final String DNS_NONE = "None";
  static final String POD_UID_FIELD = "metadata.uid";
  static final String BOOTSTRAP_SUBCOMMAND = "bootstrap";
  static final String BOOTSTRAP_FLAG = "--bootstrap";
  static final String GROUP_CHANGE_ON_MISMATCH = "OnRootMismatch";
  static final String SUPPLEMENTAL_GROUPS_STRICT = "Strict";
  static final int SECRET_MODE = 0440;

  private IsolationWorkload() {}

  static void add(PodContribution.Builder out, SandboxPlan plan) {
    IsolationNames names = new IsolationNames(plan.runtime().generation());
    String id = plan.identity().id();
    DriverSettings.Isolation isolation = plan.settings().isolation();
    Map<String, String> labels = new TreeMap<>();
    labels.put(names.pairLabel(), IsolationNames.pairValue(id));
    labels.put(names.roleLabel(), IsolationNames.ROLE_WORKLOAD);
    out.podLabels(labels)
        .podAnnotations(Map.of(names.sandboxIdKey(), id))
        .spec(
            s -> {
              s.setHostNetwork(false);
              s.setHostPID(false);
              s.setHostIPC(false);
              s.setShareProcessNamespace(false);
              // The runtime answers DNS itself; the pod could not reach a cluster resolver anyway.
              s.setDnsPolicy(DNS_NONE);
              s.setDnsConfig(dnsConfig());
              s.setSchedulingGates(List.of(new PodSchedulingGate(names.schedulingGate())));
            })
        .volume(memoryDir(IsolationNames.RUNTIME_VOLUME))
        .volume(memoryDir(IsolationNames.STATE_VOLUME))
        .volume(
            EnvAndMounts.secretVolume(
                IsolationNames.BOOTSTRAP_VOLUME,
                IsolationNames.sandboxSecret(id, plan.runtime().runtimeGeneration()),
                SECRET_MODE,
                List.of()))
        .volume(podIdentity())
        .volume(memoryDir(IsolationNames.RUN_VOLUME))
        .initContainer(InitStep.SANDBOX_BOOTSTRAP, bootstrap(plan, names, isolation))
        .container(
            ContainerSlot.AGENT,
            c -> {
              c.setCommand(
                  List.of(
                      names.sandboxRuntimeBinary(), BOOTSTRAP_FLAG, names.boundaryConfigPath()));
              ContainerPort port = new ContainerPort();
              port.setName(CONTROL_PORT_NAME);
              port.setContainerPort(isolation.boundaryPort());
              port.setProtocol(TCP);
              c.setPorts(List.of(port));
            })
        .mounts(
            ContainerSlot.AGENT,
            List.of(
                EnvAndMounts.readOnlyMount(IsolationNames.RUNTIME_VOLUME, names.runtimeDir()),
                EnvAndMounts.mount(IsolationNames.STATE_VOLUME, names.stateDir()),
                EnvAndMounts.readOnlyMount(
                    IsolationNames.POD_IDENTITY_VOLUME, names.podIdentityDir()),
                EnvAndMounts.mount(IsolationNames.RUN_VOLUME, IsolationNames.WORKLOAD_RUN_DIR)));
  }

  /**
   * The workload's environment: the user's variables for the agent, and the resolved identity the
   * runtime drops to. No gateway address, token path, main-process spec or SSH socket: those are
   * the supervisor's, and upstream strips them from the workload too.
   */
  static List<EnvVar> environment(SandboxPlan plan) {
    IsolationNames names = new IsolationNames(plan.runtime().generation());
    AgentPlan agent = plan.agent();
    Map<String, String> env = new TreeMap<>(agent.userEnvironment());
    agent.logLevel().ifPresent(level -> env.put(names.env(EnvNames.LOG_LEVEL), level));
    List<EnvVar> out = new ArrayList<>(env.size() + 4);
    env.forEach((name, value) -> out.add(EnvAndMounts.env(name, value)));
    out.add(
        EnvAndMounts.env(
            names.env(EnvNames.TELEMETRY_ENABLED),
            Boolean.toString(plan.settings().gateway().telemetryEnabled())));
    out.add(EnvAndMounts.env(names.env(EnvNames.OCI_IMAGE_USER), ""));
    out.add(
        EnvAndMounts.env(
            names.env(EnvNames.SANDBOX_UID), Long.toString(plan.security().sandboxUid())));
    out.add(
        EnvAndMounts.env(
            names.env(EnvNames.SANDBOX_GID), Long.toString(plan.security().sandboxGid())));
    return out;
  }

  /**
   * The pod's identity, fixed so the runtime cannot change it after launch: the sandbox user and
   * group, only the groups Kubernetes is told of, the runtime's default syscall filter, and the one
   * safe sysctl that lets the capability-free runtime bind its listener. The fsGroup and the user's
   * tighten-only overrides are added by {@link PodSecurityDecorator}.
   */
  static PodSecurityContext podSecurity(SandboxPlan plan) {
    PodSecurityContext security = new PodSecurityContext();
    security.setRunAsUser(plan.security().sandboxUid());
    security.setRunAsGroup(plan.security().sandboxGid());
    security.setRunAsNonRoot(true);
    security.setFsGroupChangePolicy(GROUP_CHANGE_ON_MISMATCH);
    security.setSupplementalGroupsPolicy(SUPPLEMENTAL_GROUPS_STRICT);
    security.setSeccompProfile(SecurityEdits.runtimeDefaultSeccomp());
    security.setSysctls(List.of(new Sysctl(IsolationNames.UNPRIVILEGED_PORT_SYSCTL, "0")));
    return security;
  }

  private static Container bootstrap(
      SandboxPlan plan, IsolationNames names, DriverSettings.Isolation isolation) {
    SecurityContext security =
        Hardening.driverContainer(plan, plan.security().sandboxUid(), List.of());
    security.setRunAsGroup(plan.security().sandboxGid());
    security.setRunAsNonRoot(true);
    security.setReadOnlyRootFilesystem(true);
    List<VolumeMount> mounts =
        List.of(
            EnvAndMounts.readOnlyMount(IsolationNames.BOOTSTRAP_VOLUME, names.bootstrapInputDir()),
            EnvAndMounts.mount(IsolationNames.RUNTIME_VOLUME, names.runtimeDir()),
            EnvAndMounts.mount(IsolationNames.STATE_VOLUME, names.stateDir()));
    return EnvAndMounts.container(
        IsolationNames.BOOTSTRAP_INIT,
        isolation.sandboxRuntimeImage(),
        isolation.sandboxRuntimeImagePullPolicy(),
        List.of(names.sandboxRuntimeImageBinary(), BOOTSTRAP_SUBCOMMAND),
        security,
        mounts);
  }

  private static PodDNSConfig dnsConfig() {
    PodDNSConfig dns = new PodDNSConfig();
    dns.setNameservers(List.of(IsolationNames.WORKLOAD_NAMESERVER));
    dns.setOptions(
        List.of(
            new PodDNSConfigOption("ndots", "5"),
            new PodDNSConfigOption("timeout", "2"),
            new PodDNSConfigOption("attempts", "2")));
    return dns;
  }

  private static Volume memoryDir(String name) {
    EmptyDirVolumeSource dir = new EmptyDirVolumeSource();
    dir.setMedium(MEMORY);
    Volume volume = new Volume();
    volume.setName(name);
    volume.setEmptyDir(dir);
    return volume;
  }

  /** The pod's own UID as a file: the runtime binds its bootstrap claims to it. */
  private static Volume podIdentity() {
    DownwardAPIVolumeFile file = new DownwardAPIVolumeFile();
    file.setPath(IsolationNames.POD_UID_FILE);
    ObjectFieldSelector uid = new ObjectFieldSelector();
    uid.setFieldPath(POD_UID_FIELD);
    file.setFieldRef(uid);
    DownwardAPIVolumeSource source = new DownwardAPIVolumeSource();
    source.setItems(List.of(file));
    Volume volume = new Volume();
    volume.setName(IsolationNames.POD_IDENTITY_VOLUME);
    volume.setDownwardAPI(source);
    return volume;
  }
}
