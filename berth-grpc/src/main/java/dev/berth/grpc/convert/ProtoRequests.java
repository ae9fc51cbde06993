package dev.berth.grpc.convert;

import com.google.protobuf.Struct;
import dev.berth.config.ConfigFields;
import dev.berth.config.PlatformConfigParser;
import dev.berth.grpc.proto.DriverResourceRequirements;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.DriverSandboxSpec;
import dev.berth.grpc.proto.DriverSandboxTemplate;
import dev.berth.request.GpuRequest;
import dev.berth.request.ResourceRequests;
import dev.berth.request.SandboxRequest;
import dev.berth.request.SandboxSpec;
import dev.berth.request.SandboxTemplate;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * The one place a {@code DriverSandbox} message becomes a {@link SandboxRequest}; the gRPC service
 * and the CLI's request files both go through here. The sandbox token is dropped on purpose.
 */
public final class ProtoRequests {

  private ProtoRequests() {}

  /**
   * The request, or why its Structs cannot be one: a number JSON cannot hold or nesting deeper than
   * the documented limit, each named by path.
   */
  public static Result<SandboxRequest> read(DriverSandbox sandbox) {
    DriverSandboxTemplate template = sandbox.getSpec().getTemplate();
    Result<JsonNode> platform =
        json(template.hasPlatformConfig(), template.getPlatformConfig(), PlatformConfigParser.PATH);
    Result<JsonNode> driver =
        json(template.hasDriverConfig(), template.getDriverConfig(), ConfigFields.ROOT);
    List<Violation> problems = new ArrayList<>(platform.violations());
    problems.addAll(driver.violations());
    return Result.of(
        problems, () -> toRequest(sandbox, platform.orElseThrow(), driver.orElseThrow()));
  }

  /**
   * The request of a message known to be convertible (benchmarks, tests); bad input throws, so
   * anything fed by a client goes through {@link #read}.
   */
  public static SandboxRequest toRequest(DriverSandbox sandbox) {
    return read(sandbox).orElseThrow();
  }

  private static SandboxRequest toRequest(
      DriverSandbox sandbox, JsonNode platformConfig, JsonNode driverConfig) {
    DriverSandboxSpec spec = sandbox.getSpec();
    DriverSandboxTemplate template = spec.getTemplate();
    DriverResourceRequirements r = template.getResources();
    Optional<GpuRequest> gpu =
        spec.getResourceRequirements().hasGpu()
            ? Optional.of(
                new GpuRequest(
                    spec.getResourceRequirements().getGpu().hasCount()
                        ? OptionalLong.of(
                            Integer.toUnsignedLong(
                                spec.getResourceRequirements().getGpu().getCount()))
                        : OptionalLong.empty()))
            : Optional.empty();
    return new SandboxRequest(
        sandbox.getId(),
        sandbox.getName(),
        sandbox.getNamespace(),
        sandbox.getWorkspace(),
        new SandboxSpec(
            spec.getLogLevel(),
            spec.getEnvironmentMap(),
            new SandboxTemplate(
                template.getImage(),
                template.getAgentSocketPath(),
                template.getLabelsMap(),
                template.getEnvironmentMap(),
                new ResourceRequests(
                    r.getCpuRequest(), r.getCpuLimit(), r.getMemoryRequest(), r.getMemoryLimit()),
                platformConfig,
                driverConfig,
                template.hasUserNamespaces()
                    ? Optional.of(template.getUserNamespaces())
                    : Optional.empty()),
            gpu,
            spec.getCommandList(),
            spec.getTty(),
            spec.getAwaitMainProcessAttachment()));
  }

  /** A Struct as a Jackson tree; an absent Struct is an empty object. */
  static Result<JsonNode> json(boolean present, Struct struct, String path) {
    return present ? StructTrees.tree(struct, path) : Result.valid(SandboxTemplate.emptyObject());
  }
}
