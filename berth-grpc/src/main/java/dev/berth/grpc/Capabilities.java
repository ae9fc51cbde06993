package dev.berth.grpc;

import dev.berth.grpc.proto.CpuResourceCapabilities;
import dev.berth.grpc.proto.GetCapabilitiesResponse;
import dev.berth.grpc.proto.GpuResourceCapabilities;
import dev.berth.grpc.proto.MemoryResourceCapabilities;
import dev.berth.grpc.proto.ResourceCapabilities;
import dev.berth.naming.Generation;
import java.util.EnumMap;
import java.util.Map;

/**
 * The GetCapabilities answer per generation, built once: the answer must not change between calls
 * (a G2 gateway re-reads it before every Validate, Create and Start and compares the admission
 * policy byte for byte).
 */
final class Capabilities {

  private final Map<Generation, GetCapabilitiesResponse> answers = new EnumMap<>(Generation.class);

  /**
   * @param driverName the driver name upstream's gateway knows
   * @param version the build's version
   * @param defaultImage the image sandboxes get when the caller names none
   * @param policies each generation's admission acknowledgement ({@code v1:...})
   */
  Capabilities(
      String driverName, String version, String defaultImage, Map<Generation, String> policies) {
    GetCapabilitiesResponse g1 =
        GetCapabilitiesResponse.newBuilder()
            .setDriverName(driverName)
            .setDriverVersion(version)
            .setDefaultImage(defaultImage)
            // Kubernetes keeps sandboxes running while the gateway restarts.
            .setGatewayManagesLifecycle(false)
            .build();
    for (Generation g : Generation.values()) {
      answers.put(g, g.negotiates() ? negotiated(g1, g, version, policies.get(g)) : g1);
    }
  }

  GetCapabilitiesResponse answer(Generation generation) {
    return answers.get(generation);
  }

  /**
   * G1's answer plus the fields of later generations: sandbox authentication on; readiness left to
   * the gateway, which then waits for the supervisor to connect; CPU and memory limits and GPU
   * selection by default and by count supported; no root file system archives; Berth's metadata and
   * its admission policy.
   */
  private static GetCapabilitiesResponse negotiated(
      GetCapabilitiesResponse g1, Generation g, String version, String policy) {
    return g1.toBuilder()
        .setSupportsSandboxAuthentication(true)
        .setDriverReportsRuntimeReadiness(false)
        .setResourceCapabilities(
            ResourceCapabilities.newBuilder()
                .setCpu(CpuResourceCapabilities.newBuilder().setLimitSupported(true))
                .setMemory(MemoryResourceCapabilities.newBuilder().setLimitSupported(true))
                .setGpu(
                    GpuResourceCapabilities.newBuilder()
                        .setDefaultSelectionSupported(true)
                        .setCountSelectionSupported(true)))
        .setRootfsTarStagingDir("")
        .setRootfsTarMaxBytes(0)
        .setExtension(Negotiation.driver(g, version))
        .setResourceAdmissionPolicy(policy)
        .build();
  }
}
