package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class GpuCheckIT {

  KubernetesClient client;

  private void node(String name, Map<String, Quantity> allocatable) {
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewStatus()
                .withAllocatable(allocatable)
                .endStatus()
                .build())
        .create();
  }

  private CheckResult check(boolean expectGpu) {
    return new GpuCheck()
        .run(
            new DoctorContext(client, Fixtures.settings(), Optional.of(Fixtures.V1_35), expectGpu));
  }

  @Test
  void aNodeAdvertisingGpusIsOk() {
    node("cpu-1", Map.of("cpu", new Quantity("8")));
    node("gpu-1", Map.of(GpuCheck.GPU, new Quantity("4")));

    CheckResult result = check(true);

    assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
    assertThat(result.found()).startsWith("1 of 2 nodes advertise nvidia.com/gpu");
  }

  @Test
  void noGpuNodeFailsWhenGpusAreExpected() {
    node("cpu-1", Map.of("cpu", new Quantity("8")));

    CheckResult result = check(true);

    assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(result.found()).contains("no node advertises nvidia.com/gpu");
  }

  @Test
  void noGpuNodeIsOnlyNotedWhenGpusAreNotExpected() {
    node("gpu-0", Map.of(GpuCheck.GPU, new Quantity("0")));

    CheckResult result = check(false);

    assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
    assertThat(result.found()).contains("--expect-gpu");
  }
}
