package dev.berth.settings;

/**
 * How large a sandbox request may be. The defaults are the OpenShell gateway's own limits, so a
 * request the gateway forwards always fits; an operator whose clients call the driver directly may
 * raise them, never lower them below the gateway's.
 *
 * @param environmentEntries entries of each environment map
 * @param mapKeyBytes bytes of a key of the environment and label maps
 * @param mapValueBytes bytes of a value of those maps
 * @param environmentBytes bytes of both environment maps together, keys and values
 * @param templateStructBytes bytes of driver_config and of platform_config, each as compact JSON
 */
public record RequestLimits(
    long environmentEntries,
    long mapKeyBytes,
    long mapValueBytes,
    long environmentBytes,
    long templateStructBytes) {

  /** The gateway's limits ({@code openshell-server} grpc/mod.rs). */
  public static final RequestLimits GATEWAY = new RequestLimits(128, 256, 8_192, 262_144, 65_536);
}
