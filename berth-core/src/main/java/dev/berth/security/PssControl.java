package dev.berth.security;

/**
 * The Pod Security Standards checks, named as in {@code k8s.io/pod-security-admission/policy}
 * (check IDs) and in the published standard (titles). Where restricted replaces a baseline check
 * with a stricter one (capabilities, seccomp, /proc mount), both appear: a finding names the
 * weakest profile that forbids it, so a baseline finding also fails restricted.
 */
public enum PssControl {
  HOST_PROCESS("HostProcess", "windowsHostProcess", PssLevel.BASELINE),
  HOST_NAMESPACES("Host namespaces", "hostNamespaces", PssLevel.BASELINE),
  PRIVILEGED("Privileged containers", "privileged", PssLevel.BASELINE),
  CAPABILITIES_BASELINE("Capabilities", "capabilities_baseline", PssLevel.BASELINE),
  HOST_PATH_VOLUMES("HostPath volumes", "hostPathVolumes", PssLevel.BASELINE),
  HOST_PORTS("Host ports", "hostPorts", PssLevel.BASELINE),
  HOST_PROBES("Host probes and lifecycle hooks", "hostProbesAndHostLifecycle", PssLevel.BASELINE),
  APP_ARMOR("AppArmor", "appArmorProfile", PssLevel.BASELINE),
  SE_LINUX("SELinux", "seLinuxOptions", PssLevel.BASELINE),
  PROC_MOUNT("/proc mount type", "procMount", PssLevel.BASELINE),
  SECCOMP_BASELINE("Seccomp", "seccompProfile_baseline", PssLevel.BASELINE),
  SYSCTLS("Sysctls", "sysctls", PssLevel.BASELINE),
  RESTRICTED_VOLUMES("Volume types", "restrictedVolumes", PssLevel.RESTRICTED),
  PRIVILEGE_ESCALATION("Privilege escalation", "allowPrivilegeEscalation", PssLevel.RESTRICTED),
  RUN_AS_NON_ROOT("Running as non-root", "runAsNonRoot", PssLevel.RESTRICTED),
  RUN_AS_USER("Running as non-root user", "runAsUser", PssLevel.RESTRICTED),
  SECCOMP_RESTRICTED("Seccomp", "seccompProfile_restricted", PssLevel.RESTRICTED),
  CAPABILITIES_RESTRICTED("Capabilities", "capabilities_restricted", PssLevel.RESTRICTED),
  PROC_MOUNT_RESTRICTED("/proc mount type", "procMount_restricted", PssLevel.RESTRICTED);

  private final String title;
  private final String checkId;
  private final PssLevel level;

  PssControl(String title, String checkId, PssLevel level) {
    this.title = title;
    this.checkId = checkId;
    this.level = level;
  }

  /** The control's name in the published standard. */
  public String title() {
    return title;
  }

  /** The check ID pod-security-admission reports in its warnings. */
  public String checkId() {
    return checkId;
  }

  /** The weakest profile that includes this check. */
  public PssLevel level() {
    return level;
  }
}
