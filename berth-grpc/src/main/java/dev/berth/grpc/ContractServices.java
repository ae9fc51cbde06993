package dev.berth.grpc;

import dev.berth.grpc.proto.ComputeDriverGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * The ComputeDriver handlers under each service name a gateway calls. G2 and G3 are identical on
 * the wire apart from the package in the method path, so the G3 service ({@link
 * GenerationResolver#RYNO_SERVICE}) is the generated definition with every method renamed, the same
 * marshallers and the same handlers. GetGatewayListenerRequirements, which no G3 gateway calls, is
 * left out of it. The renamed methods carry no proto schema, so reflection lists the openshell
 * service only.
 */
final class ContractServices {

  private ContractServices() {}

  /** Both services over the same handlers, openshell first. */
  static List<ServerServiceDefinition> of(ServerServiceDefinition openshell) {
    return List.of(openshell, renamed(openshell, GenerationResolver.RYNO_SERVICE));
  }

  static ServerServiceDefinition renamed(ServerServiceDefinition original, String serviceName) {
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(serviceName);
    for (ServerMethodDefinition<?, ?> method : original.getMethods()) {
      if (method
          .getMethodDescriptor()
          .getFullMethodName()
          .equals(
              ComputeDriverGrpc.getGetGatewayListenerRequirementsMethod().getFullMethodName())) {
        continue;
      }
      ServerMethodDefinition<?, ?> copy = rename(method, serviceName);
      descriptor.addMethod(copy.getMethodDescriptor());
      methods.add(copy);
    }
    ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(builder::addMethod);
    return builder.build();
  }

  private static <Q, R> ServerMethodDefinition<Q, R> rename(
      ServerMethodDefinition<Q, R> method, String serviceName) {
    MethodDescriptor<Q, R> original = method.getMethodDescriptor();
    MethodDescriptor<Q, R> renamed =
        original.toBuilder()
            .setFullMethodName(
                MethodDescriptor.generateFullMethodName(serviceName, original.getBareMethodName()))
            .setSchemaDescriptor(null)
            .build();
    return ServerMethodDefinition.create(renamed, method.getServerCallHandler());
  }
}
