package dev.berth.kubernetes;

/**
 * Socket addresses as the supervisor and the sandbox runtime parse them (Rust's {@code
 * SocketAddr}): an IPv6 address goes in brackets, and the boundary listener binds the unspecified
 * address of the family the Service was given, so that a single-stack IPv6 cluster's workload
 * listens where the supervisor dials.
 */
final class SocketAddresses {

  private static final String ANY_IPV4 = "0.0.0.0";
  private static final String ANY_IPV6 = "::";

  private SocketAddresses() {}

  /** {@code ip:port}, or {@code [ip]:port} for an IPv6 address. */
  static String of(String ip, int port) {
    return (isIpv6(ip) ? "[" + ip + "]" : ip) + ":" + port;
  }

  /** The unspecified address of {@code ip}'s family, with {@code port}. */
  static String anyLike(String ip, int port) {
    return of(isIpv6(ip) ? ANY_IPV6 : ANY_IPV4, port);
  }

  private static boolean isIpv6(String ip) {
    return ip.indexOf(':') >= 0;
  }
}
