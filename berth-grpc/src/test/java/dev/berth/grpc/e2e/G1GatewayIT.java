package dev.berth.grpc.e2e;

import static dev.berth.grpc.e2e.GenerationsIT.NAMESPACE;
import static dev.berth.grpc.e2e.GenerationsIT.RESOURCE;
import static dev.berth.grpc.e2e.GenerationsIT.VERSION;
import static dev.berth.grpc.e2e.GenerationsIT.WITH_CLAIM;
import static dev.berth.grpc.e2e.GenerationsIT.parse;
import static dev.berth.grpc.e2e.GenerationsIT.settingsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.grpc.e2e.GenerationsIT.Events;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.wiretest.g1.CreateSandboxRequest;
import dev.berth.grpc.wiretest.g1.CreateSandboxResponse;
import dev.berth.grpc.wiretest.g1.DeleteSandboxRequest;
import dev.berth.grpc.wiretest.g1.DeleteSandboxResponse;
import dev.berth.grpc.wiretest.g1.DriverSandbox;
import dev.berth.grpc.wiretest.g1.GetCapabilitiesRequest;
import dev.berth.grpc.wiretest.g1.GetCapabilitiesResponse;
import dev.berth.grpc.wiretest.g1.StartSandboxRequest;
import dev.berth.grpc.wiretest.g1.StartSandboxResponse;
import dev.berth.grpc.wiretest.g1.ValidateSandboxCreateRequest;
import dev.berth.grpc.wiretest.g1.ValidateSandboxCreateResponse;
import dev.berth.grpc.wiretest.g1.WatchSandboxesEvent;
import dev.berth.grpc.wiretest.g1.WatchSandboxesRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway of the first generation (OpenShell 2f7fb65) over the real socket, with the messages of
 * its own protos: everything works as before the later generations, and nothing it does not know is
 * sent to it. (Its messages share their names with G2's, so it has a class of its own.)
 */
class G1GatewayIT {

  @TempDir Path tmp;

  @Test
  void aG1GatewayDrivesTheWholeLifecycleAsBefore() throws Exception {
    try (MockCluster cluster = MockCluster.start(VERSION, NAMESPACE);
        SocketDriver driver = SocketDriver.start(cluster, settingsWith(), tmp.resolve("g1.sock"))) {
      WireClient gateway = new WireClient(driver.channel(), ComputeDriverGrpc.SERVICE_NAME);
      var caps =
          gateway.call(
              "GetCapabilities",
              GetCapabilitiesRequest.getDefaultInstance(),
              GetCapabilitiesResponse.getDefaultInstance());
      assertThat(caps.getDriverName()).isEqualTo("kubernetes");
      // Exactly the G1 answer: nothing a G1 gateway would have to skip.
      assertThat(caps.getUnknownFields().asMap()).isEmpty();

      // No admission for G1: driver_config and an unlabelled claim are fine.
      cluster.createClaim(NAMESPACE, "data");
      var sandbox = parse(WITH_CLAIM, DriverSandbox.newBuilder()).build();
      gateway.call(
          "ValidateSandboxCreate",
          ValidateSandboxCreateRequest.newBuilder().setSandbox(sandbox).build(),
          ValidateSandboxCreateResponse.getDefaultInstance());
      gateway.call(
          "CreateSandbox",
          CreateSandboxRequest.newBuilder().setSandbox(sandbox).build(),
          CreateSandboxResponse.getDefaultInstance());
      var created = cluster.sandbox(VERSION, NAMESPACE, RESOURCE).get();
      // Created exactly as rendered: no runtime generation recorded for a G1 gateway.
      assertThat(created.getMetadata().getAnnotations())
          .doesNotContainKeys(
              "openshell.ai/sandbox-runtime-generation", "openshell.ai/caller-driver-config-used");

      cluster.runSandboxPod(VERSION, NAMESPACE, RESOURCE);
      Events<WatchSandboxesEvent> events = new Events<>();
      gateway.watch(
          "WatchSandboxes",
          WatchSandboxesRequest.getDefaultInstance(),
          WatchSandboxesEvent.getDefaultInstance(),
          events);
      // The first snapshot may come before the controller's status reached the cache.
      var first =
          events.next(
              e ->
                  e.hasSandbox()
                      && e.getSandbox().getSandbox().getStatus().getConditionsCount() > 0);
      var status = first.getSandbox().getSandbox().getStatus();
      assertThat(status.getSandboxName()).isEqualTo(RESOURCE);
      assertThat(status.getConditions(0).getLastTransitionTime()).isNotEmpty();
      cluster.emitEvent(NAMESPACE, RESOURCE, "Scheduled", "assigned to node-1");
      var platform = events.next(e -> e.hasPlatformEvent());
      assertThat(platform.getPlatformEvent().getEvent().getTimestampMs()).isPositive();

      gateway.call(
          "StartSandbox",
          StartSandboxRequest.newBuilder().setSandboxId("sb-1").setSandboxName("alpha").build(),
          StartSandboxResponse.getDefaultInstance());
      assertThat(cluster.sandbox(VERSION, NAMESPACE, RESOURCE).get().getMetadata().getAnnotations())
          .doesNotContainKey("openshell.ai/sandbox-runtime-generation");
      assertThat(
              gateway
                  .call(
                      "DeleteSandbox",
                      DeleteSandboxRequest.newBuilder().setSandboxId("sb-1").build(),
                      DeleteSandboxResponse.getDefaultInstance())
                  .getDeleted())
          .isTrue();
    }
  }
}
