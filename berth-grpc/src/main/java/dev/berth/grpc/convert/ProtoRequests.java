package dev.berth.grpc.convert;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import dev.berth.grpc.proto.DriverResourceRequirements;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.DriverSandboxSpec;
import dev.berth.grpc.proto.DriverSandboxTemplate;
import dev.berth.request.GpuRequest;
import dev.berth.request.ResourceRequests;
import dev.berth.request.SandboxRequest;
import dev.berth.request.SandboxSpec;
import dev.berth.request.SandboxTemplate;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place a {@code DriverSandbox} message becomes a {@link SandboxRequest}; the gRPC service
 * and the CLI's request files both go through here. The sandbox token is dropped on purpose.
 */
public final class ProtoRequests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonFormat.Printer STRUCT_PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private ProtoRequests() {}

  public static SandboxRequest toRequest(DriverSandbox sandbox) {
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
                json(template.hasPlatformConfig(), template.getPlatformConfig()),
                json(template.hasDriverConfig(), template.getDriverConfig()),
                template.hasUserNamespaces()
                    ? Optional.of(template.getUserNamespaces())
                    : Optional.empty()),
            gpu,
            spec.getCommandList(),
            spec.getTty(),
            spec.getAwaitMainProcessAttachment()));
  }

  /** A Struct as a Jackson tree; an absent Struct is an empty object. */
  static JsonNode json(boolean present, Struct struct) {
    if (!present) {
      return SandboxTemplate.emptyObject();
    }
    try {
      return JSON.readTree(STRUCT_PRINTER.print(struct));
    } catch (InvalidProtocolBufferException e) {
      // A Struct always prints; this would be a protobuf bug, not bad input.
      throw new IllegalStateException("cannot print a protobuf Struct", e);
    }
  }
}
