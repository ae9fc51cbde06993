package dev.berth.naming;

import java.util.List;

/**
 * Linux capabilities each driver-managed container needs, shared by the renderer (which adds them)
 * and the validator (which refuses overrides that would take them away).
 */
public final class LinuxCapabilities {

  private LinuxCapabilities() {}

  public static final String ALL = "ALL";

  /** The combined topology's supervisor: namespaces, network rules, process inspection, logs. */
  public static final List<String> COMBINED_AGENT =
      List.of("SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYSLOG");

  /** Extra capabilities the combined supervisor needs inside a user namespace. */
  public static final List<String> COMBINED_USER_NAMESPACE_EXTRA =
      List.of("SETUID", "SETGID", "DAC_READ_SEARCH");

  /**
   * Default runtime capabilities the combined supervisor relies on to switch to the sandbox user;
   * dropping them would stop it from starting the agent.
   */
  public static final List<String> COMBINED_IDENTITY_SWITCH = List.of("SETUID", "SETGID");

  /** The sidecar topology's network-init container: nftables rules and state directory owner. */
  public static final List<String> NETWORK_INIT =
      List.of("NET_ADMIN", "NET_RAW", "CHOWN", "FOWNER");

  /** The network sidecar in binary-aware mode: it inspects the agent's processes and binaries. */
  public static final List<String> BINARY_AWARE_SIDECAR = List.of("SYS_PTRACE", "DAC_READ_SEARCH");

  /** Capabilities Pod Security "restricted" allows a container to add. */
  public static final List<String> RESTRICTED_ADDABLE = List.of("NET_BIND_SERVICE");

  /** Capabilities Pod Security "baseline" allows a container to add. */
  public static final List<String> BASELINE_ADDABLE =
      List.of(
          "AUDIT_WRITE",
          "CHOWN",
          "DAC_OVERRIDE",
          "FOWNER",
          "FSETID",
          "KILL",
          "MKNOD",
          "NET_BIND_SERVICE",
          "SETFCAP",
          "SETGID",
          "SETPCAP",
          "SETUID",
          "SYS_CHROOT");
}
