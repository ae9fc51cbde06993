package dev.berth.grpc;

import dev.berth.driver.DriverException;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.GetCapabilitiesRequest;
import dev.berth.naming.Generation;
import dev.berth.settings.ContractSettings;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which contract generation a call belongs to, from what the gateway sent:
 *
 * <ul>
 *   <li>a call to {@code ryno.compute.v1.ComputeDriver} is G3;
 *   <li>on {@code openshell.compute.v1.ComputeDriver}, the most recent GetCapabilities decides:
 *       with gateway metadata G2, without G1. One driver serves one gateway, so the answer is
 *       remembered for the process; before any GetCapabilities it is G1, and AuthenticateSandbox
 *       (which only G2 calls) counts as G2;
 *   <li>{@code --gateway-generation} pins it instead; a call on the other project's service is then
 *       refused, since it cannot come from the pinned gateway.
 * </ul>
 *
 * <p>As a server interceptor it records the service each call arrived on; the service's handlers
 * then ask {@link #current()}.
 */
public final class GenerationResolver implements ServerInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(GenerationResolver.class);

  /** Full name of the service a G3 gateway calls; the same methods as the openshell service. */
  public static final String RYNO_SERVICE =
      ComputeDriverGrpc.SERVICE_NAME.replaceFirst(
          "^" + Generation.G1.namespace() + "\\.", Generation.G3.namespace() + ".");

  private static final Context.Key<String> SERVICE = Context.key("berth.contract-service");

  private final Optional<Generation> pinned;
  private volatile Generation remembered = Generation.G1;
  private final Set<Generation> announced = EnumSet.noneOf(Generation.class);

  public GenerationResolver(Optional<Generation> pinned) {
    this.pinned = pinned;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Context context =
        Context.current().withValue(SERVICE, call.getMethodDescriptor().getServiceName());
    return Contexts.interceptCall(context, call, headers, next);
  }

  /** The generation of the call being handled. */
  public Generation current() throws DriverException {
    boolean ryno = RYNO_SERVICE.equals(SERVICE.get());
    if (pinned.isPresent()) {
      Generation g = pinned.get();
      if ((g == Generation.G3) != ryno) {
        throw new DriverException(
            DriverException.Kind.FAILED_PRECONDITION,
            "Berth is pinned to gateway generation "
                + g.value()
                + " ("
                + ContractSettings.GATEWAY_GENERATION.label()
                + "), but this call came through "
                + (ryno ? RYNO_SERVICE : ComputeDriverGrpc.SERVICE_NAME)
                + ", which such a gateway does not call; set it to the gateway's generation or to '"
                + ContractSettings.AUTO
                + "'.");
      }
      return g;
    }
    return ryno ? Generation.G3 : remembered;
  }

  /**
   * The generation of a GetCapabilities call, remembering what it says about the gateway. Only a
   * call on the openshell service teaches anything: there, gateway metadata means G2 and its
   * absence G1.
   */
  public Generation observe(GetCapabilitiesRequest request) throws DriverException {
    Generation current = current();
    Generation seen = current;
    if (pinned.isEmpty() && current != Generation.G3) {
      seen = request.hasGateway() ? Generation.G2 : Generation.G1;
      remembered = seen;
    }
    announce(seen);
    return seen;
  }

  /** One log line the first time each generation shows up, saying what works for it. */
  private void announce(Generation g) {
    synchronized (announced) {
      if (!announced.add(g)) {
        return;
      }
    }
    if (g.runtimeShape() == Generation.RuntimeShape.SINGLE_POD) {
      LOG.info("The gateway speaks compute-driver contract generation {}", g.value());
      return;
    }
    LOG.info(
        "The gateway speaks compute-driver contract generation {}: its sandboxes get the two-pod"
            + " isolation-backend shape (workload pod, supervisor pod, bootstrap Secrets, namespace"
            + " fences); see docs/compatibility.md",
        g.value());
  }

  /** The generation of an AuthenticateSandbox call: never G1, which has no such call. */
  public Generation forAuthentication() throws DriverException {
    Generation g = current();
    return g == Generation.G1 ? Generation.G2 : g;
  }
}
