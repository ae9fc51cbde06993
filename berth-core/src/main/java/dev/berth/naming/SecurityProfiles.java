package dev.berth.naming;

import java.util.List;

/**
 * Names Kubernetes gives security profiles and settings, shared by the settings, the validator, the
 * renderer and the Pod Security report so that they can never disagree on a spelling.
 */
public final class SecurityProfiles {

  /** Seccomp and AppArmor profile types. */
  public static final String RUNTIME_DEFAULT = "RuntimeDefault";

  public static final String LOCALHOST = "Localhost";
  public static final String UNCONFINED = "Unconfined";

  /**
   * Sysctls Kubernetes treats as safe (namespaced and isolated per pod), which Pod Security
   * baseline allows; in check_sysctls.go's order, up to policy 1.32.
   */
  public static final List<String> SAFE_SYSCTLS =
      List.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_unprivileged_port_start",
          "net.ipv4.ip_local_reserved_ports",
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes",
          "net.ipv4.tcp_rmem",
          "net.ipv4.tcp_wmem");

  private SecurityProfiles() {}
}
