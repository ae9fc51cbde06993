package dev.berth.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings the gateway derived for the platform ({@code template.platform_config}), read as
 * strictly as driver_config: an unknown key or a wrong type is a violation.
 *
 * @param annotations pod annotations
 * @param runtimeClassName runtime class that wins over driver_config's
 * @param nodeSelector node selector entries that win over driver_config's
 * @param tolerations tolerations placed before driver_config's
 * @param hostUsers {@code false} asks for a user namespace; overrides the driver setting
 * @param rawRequests extra resource requests (beyond cpu and memory)
 * @param rawLimits extra resource limits (beyond cpu and memory)
 */
public record PlatformConfig(
    Map<String, String> annotations,
    Optional<String> runtimeClassName,
    Map<String, String> nodeSelector,
    List<DriverConfig.Toleration> tolerations,
    Optional<Boolean> hostUsers,
    Map<String, String> rawRequests,
    Map<String, String> rawLimits) {

  public static final PlatformConfig EMPTY =
      new PlatformConfig(
          Map.of(), Optional.empty(), Map.of(), List.of(), Optional.empty(), Map.of(), Map.of());

  public PlatformConfig {
    annotations = Map.copyOf(annotations);
    nodeSelector = Map.copyOf(nodeSelector);
    tolerations = List.copyOf(tolerations);
    rawRequests = Map.copyOf(rawRequests);
    rawLimits = Map.copyOf(rawLimits);
  }
}
