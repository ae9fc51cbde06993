package dev.berth.grpc.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.grpc.GenerationResolver;
import dev.berth.grpc.testing.Sandboxes;
import dev.berth.grpc.wiretest.g2.CreateSandboxRequest;
import dev.berth.grpc.wiretest.g2.CreateSandboxResponse;
import dev.berth.grpc.wiretest.g2.DriverSandbox;
import dev.berth.grpc.wiretest.g2.GetCapabilitiesRequest;
import dev.berth.grpc.wiretest.g2.GetCapabilitiesResponse;
import dev.berth.grpc.wiretest.g2.StartSandboxRequest;
import dev.berth.grpc.wiretest.g2.StartSandboxResponse;
import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running two-pod sandbox that loses its supervisor pod for good is suspended after the grace, as
 * upstream's driver fails it closed; a supervisor that runs but is not Ready is only reported; a
 * Start then brings up a new pair.
 */
class SupervisorLossIT {

  private static final String NAMESPACE = GenerationsIT.NAMESPACE;
  private static final String RESOURCE = GenerationsIT.RESOURCE;
  private static final String SUPERVISOR = "os-supervisor-sb-1";
  private static final Duration GRACE = Duration.ofMillis(400);
  private static final String FENCE = new IsolationNames(Generation.G3).workloadPolicy();
  private static final String THIRD = "g0000000000000003";

  @TempDir Path tmp;

  @Test
  void aSandboxWhoseSupervisorIsGoneIsSuspendedAndStartsAgain() throws Exception {
    try (MockCluster cluster = MockCluster.start(GenerationsIT.VERSION, NAMESPACE);
        SocketDriver driver =
            SocketDriver.start(
                cluster,
                GenerationsIT.settingsWith(),
                tmp.resolve("driver.sock"),
                Duration.ofSeconds(10),
                SocketDriver.OPTIONS.withSupervisorLossGrace(GRACE))) {
      StandInController controller =
          StandInController.start(cluster, GenerationsIT.VERSION, NAMESPACE);
      WireClient gateway = new WireClient(driver.channel(), GenerationResolver.RYNO_SERVICE);
      gateway.call(
          "GetCapabilities",
          GetCapabilitiesRequest.newBuilder()
              .setGateway(GenerationsIT.gatewayMetadata(Generation.G3))
              .build(),
          GetCapabilitiesResponse.getDefaultInstance());
      DriverSandbox.Builder sandbox =
          GenerationsIT.parse(
              """
              {"id": "sb-1", "name": "alpha", "workspace": "team-a",
               "spec": {"template": {"image": "ghcr.io/example/agent:1"}}}
              """,
              DriverSandbox.newBuilder());
      sandbox
          .getSpecBuilder()
          .setLaunchAuthentication(Sandboxes.launchAuthentication(GenerationsIT.FIRST));
      gateway.call(
          "CreateSandbox",
          CreateSandboxRequest.newBuilder().setSandbox(sandbox).build(),
          CreateSandboxResponse.getDefaultInstance());
      GenerationsIT.bothPodsRunning(cluster, GenerationsIT.FIRST);

      // Running but not Ready (crashing): reported, not suspended.
      cluster
          .admin()
          .pods()
          .inNamespace(NAMESPACE)
          .withName(SUPERVISOR)
          .editStatus(GenerationsIT::crashing);
      Thread.sleep(GRACE.toMillis() * 4);
      assertThat(state(cluster)).isEqualTo("running");

      // Gone for good: suspended once the grace has passed.
      cluster.admin().pods().inNamespace(NAMESPACE).withName(SUPERVISOR).delete();
      await().atMost(Duration.ofSeconds(5)).until(() -> state(cluster).equals("stopped"));

      // The gateway's Start brings up a new pair of the next generation.
      gateway.call(
          "StartSandbox",
          StartSandboxRequest.newBuilder()
              .setSandboxId("sb-1")
              .setName("alpha")
              .setGenerationId(GenerationsIT.SECOND)
              .setLaunchAuthentication(Sandboxes.launchAuthentication(GenerationsIT.SECOND))
              .build(),
          StartSandboxResponse.getDefaultInstance());
      GenerationsIT.bothPodsRunning(cluster, GenerationsIT.SECOND);
      Thread.sleep(GRACE.toMillis() * 4);
      assertThat(state(cluster)).isEqualTo("running");

      // The namespace's workload fence deleted under a running sandbox: its workload could open
      // connections, so it is suspended too; the next Start makes the fence again.
      cluster
          .admin()
          .network()
          .v1()
          .networkPolicies()
          .inNamespace(NAMESPACE)
          .withName(FENCE)
          .delete();
      await().atMost(Duration.ofSeconds(5)).until(() -> state(cluster).equals("stopped"));
      gateway.call(
          "StartSandbox",
          StartSandboxRequest.newBuilder()
              .setSandboxId("sb-1")
              .setName("alpha")
              .setGenerationId(THIRD)
              .setLaunchAuthentication(Sandboxes.launchAuthentication(THIRD))
              .build(),
          StartSandboxResponse.getDefaultInstance());
      GenerationsIT.bothPodsRunning(cluster, THIRD);
      assertThat(GenerationsIT.everything(cluster)).contains("NetworkPolicy/" + FENCE);
      Thread.sleep(GRACE.toMillis() * 4);
      assertThat(state(cluster)).isEqualTo("running");
      controller.close();
    }
  }

  private static String state(MockCluster cluster) {
    return LifecycleIT.operatingState(cluster, GenerationsIT.VERSION, NAMESPACE, RESOURCE);
  }
}
