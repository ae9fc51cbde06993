package dev.berth.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code kubernetes} block of a sandbox's {@code driver_config}, as the user wrote it: every
 * field is optional here and nothing is judged yet. Each list element keeps its path so the
 * validator can name it. The validator turns this into a plan.
 *
 * <p>{@code volumesComplete} is false when {@code volumes} or one of its entries could not be read
 * at all (already reported), so that mounts are not also reported as referring to unknown volumes.
 */
public record DriverConfig(
    Pod pod, Agent agent, List<Volume> volumes, boolean volumesComplete, Workspace workspace) {

  public static final DriverConfig EMPTY =
      new DriverConfig(Pod.EMPTY, Agent.EMPTY, List.of(), true, Workspace.EMPTY);

  public DriverConfig {
    volumes = List.copyOf(volumes);
  }

  /** {@code pod}: scheduling and pod-level security. */
  public record Pod(
      Map<String, String> nodeSelector,
      List<Toleration> tolerations,
      Optional<String> runtimeClassName,
      Optional<String> priorityClassName,
      Optional<PodSecurity> securityContext) {
    public static final Pod EMPTY =
        new Pod(Map.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());

    public Pod {
      nodeSelector = Map.copyOf(nodeSelector);
      tolerations = List.copyOf(tolerations);
    }
  }

  /** {@code pod.tolerations[]}. */
  public record Toleration(
      String path,
      Optional<String> key,
      Optional<String> operator,
      Optional<String> value,
      Optional<String> effect,
      Optional<Long> tolerationSeconds) {}

  /** {@code pod.security_context}. */
  public record PodSecurity(
      String path,
      Optional<Long> fsGroup,
      Optional<String> fsGroupChangePolicy,
      List<Long> supplementalGroups,
      Optional<Long> runAsUser,
      Optional<Long> runAsGroup,
      Optional<Boolean> runAsNonRoot,
      Optional<Seccomp> seccompProfile,
      Optional<SeLinux> seLinuxOptions,
      List<Sysctl> sysctls) {
    public PodSecurity {
      supplementalGroups = List.copyOf(supplementalGroups);
      sysctls = List.copyOf(sysctls);
    }
  }

  /** {@code seccomp_profile}. */
  public record Seccomp(String path, Optional<String> type, Optional<String> localhostProfile) {}

  /** {@code se_linux_options}. */
  public record SeLinux(
      String path,
      Optional<String> user,
      Optional<String> role,
      Optional<String> type,
      Optional<String> level) {}

  /** {@code sysctls[]}. */
  public record Sysctl(String path, Optional<String> name, Optional<String> value) {}

  /** {@code containers.agent}. */
  public record Agent(
      Map<String, String> requests,
      Map<String, String> limits,
      List<Mount> volumeMounts,
      Optional<ContainerSecurity> securityContext) {
    public static final Agent EMPTY = new Agent(Map.of(), Map.of(), List.of(), Optional.empty());

    public Agent {
      requests = Map.copyOf(requests);
      limits = Map.copyOf(limits);
      volumeMounts = List.copyOf(volumeMounts);
    }
  }

  /** {@code containers.agent.security_context}. */
  public record ContainerSecurity(
      String path,
      Optional<Boolean> readOnlyRootFilesystem,
      Optional<Long> runAsUser,
      Optional<Long> runAsGroup,
      Optional<Boolean> runAsNonRoot,
      Optional<Seccomp> seccompProfile,
      Optional<SeLinux> seLinuxOptions,
      List<String> capabilitiesDrop,
      List<String> capabilitiesAdd,
      Optional<Boolean> allowPrivilegeEscalation) {
    public ContainerSecurity {
      capabilitiesDrop = List.copyOf(capabilitiesDrop);
      capabilitiesAdd = List.copyOf(capabilitiesAdd);
    }
  }

  /** {@code containers.agent.volume_mounts[]}. */
  public record Mount(
      String path,
      Optional<String> name,
      Optional<String> mountPath,
      Optional<String> subPath,
      Optional<Boolean> readOnly) {}

  /** {@code volumes[]}; the source is empty when none or several were given (already reported). */
  public record Volume(String path, Optional<String> name, Optional<VolumeSource> source) {}

  /** {@code workspace}. */
  public record Workspace(
      Optional<Boolean> persistent, Optional<String> storageSize, Optional<String> storageClass) {
    public static final Workspace EMPTY =
        new Workspace(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
