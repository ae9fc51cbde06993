package dev.berth.render;

import static dev.berth.render.Contributions.touched;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.request.ResourceRequests;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourcesDecoratorTest {

  static ResourceRequirements resources(TestPlans plan) {
    PodContribution c = new ResourcesDecorator().contribute(plan.build());
    assertThat(touched(c)).as("only the agent's resources").containsExactly("AGENT.resources");
    return c.container(ContainerSlot.AGENT).fields().getResources();
  }

  /** Quantities as the strings the YAML shows, in their order, so tests compare exact values. */
  static Map<String, String> strings(Map<String, Quantity> quantities) {
    Map<String, String> out = new LinkedHashMap<>();
    quantities.forEach((k, v) -> out.put(k, v.toString()));
    return out;
  }

  @Test
  void noResourcesMeansNoResourcesField() {
    PodContribution c = new ResourcesDecorator().contribute(TestPlans.basic());

    assertThat(touched(c)).isEmpty();
    assertThat(c.containers()).isEmpty();
  }

  @Test
  void typedRequestsAndLimitsAreCopiedExactly() {
    ResourceRequirements r =
        resources(TestPlans.builder().resources(new ResourceRequests("500m", "2", "1Gi", "4Gi")));

    assertThat(strings(r.getRequests()))
        .containsExactly(Map.entry("cpu", "500m"), Map.entry("memory", "1Gi"));
    assertThat(strings(r.getLimits()))
        .containsExactly(Map.entry("cpu", "2"), Map.entry("memory", "4Gi"));
  }

  @Test
  void eachLimitIsMirroredIntoAMissingRequest() {
    ResourceRequirements r =
        resources(TestPlans.builder().resources(new ResourceRequests("", "8", "", "64Gi")));

    assertThat(strings(r.getRequests()))
        .containsExactly(Map.entry("cpu", "8"), Map.entry("memory", "64Gi"));
    assertThat(strings(r.getLimits()))
        .containsExactly(Map.entry("cpu", "8"), Map.entry("memory", "64Gi"));
  }

  @Test
  void aRequestWithoutLimitStaysARequestOnly() {
    ResourceRequirements r =
        resources(TestPlans.builder().resources(new ResourceRequests("250m", "", "", "")));

    assertThat(strings(r.getRequests())).containsExactly(Map.entry("cpu", "250m"));
    assertThat(r.getLimits()).isEmpty();
  }

  @Test
  void mirroringIsPerResource() {
    ResourceRequirements r =
        resources(TestPlans.builder().resources(new ResourceRequests("1", "2", "", "3Gi")));

    assertThat(strings(r.getRequests()))
        .containsExactly(Map.entry("cpu", "1"), Map.entry("memory", "3Gi"));
    assertThat(strings(r.getLimits()))
        .containsExactly(Map.entry("cpu", "2"), Map.entry("memory", "3Gi"));
  }

  @Test
  void gpusBecomeTheNvidiaLimitWithoutARequest() {
    ResourceRequirements r = resources(TestPlans.builder().gpus(2));

    assertThat(strings(r.getLimits())).containsExactly(Map.entry("nvidia.com/gpu", "2"));
    assertThat(r.getRequests()).isEmpty();
  }

  @Test
  void aGpuRequestWithoutCountIsOneGpu() {
    assertThat(strings(resources(TestPlans.builder().gpusWithoutCount()).getLimits()))
        .containsExactly(Map.entry("nvidia.com/gpu", "1"));
  }

  @Test
  void platformRawResourcesPassThroughAndTypedValuesWin() {
    ResourceRequirements r =
        resources(
            TestPlans.builder()
                .resources(new ResourceRequests("", "2", "", ""))
                .platformConfig(
                    "{\"resources_raw\": {\"requests\": {\"example.com/fpga\": \"1\", \"cpu\": \"100m\"},"
                        + " \"limits\": {\"example.com/fpga\": \"1\", \"cpu\": \"9\"}}}"));

    assertThat(strings(r.getLimits()))
        .containsExactly(Map.entry("cpu", "2"), Map.entry("example.com/fpga", "1"));
    assertThat(strings(r.getRequests()))
        .containsExactly(Map.entry("cpu", "2"), Map.entry("example.com/fpga", "1"));
  }

  @Test
  void driverConfigResourcesAreInsertedOnlyWhereAbsent() {
    ResourceRequirements r =
        resources(
            TestPlans.builder()
                .resources(new ResourceRequests("1", "2", "", ""))
                .gpus(1)
                .driverConfig(
                    "{\"containers\": {\"agent\": {\"resources\": {"
                        + "\"requests\": {\"cpu\": \"100m\", \"ephemeral-storage\": \"1Gi\"},"
                        + "\"limits\": {\"cpu\": \"64\", \"nvidia.com/gpu\": \"8\","
                        + " \"ephemeral-storage\": \"4Gi\", \"memory\": \"2Gi\"}}}}}"));

    assertThat(strings(r.getRequests()))
        .containsExactly(Map.entry("cpu", "1"), Map.entry("ephemeral-storage", "1Gi"));
    assertThat(strings(r.getLimits()))
        .containsExactly(
            Map.entry("cpu", "2"),
            Map.entry("ephemeral-storage", "4Gi"),
            Map.entry("memory", "2Gi"),
            Map.entry("nvidia.com/gpu", "1"));
  }
}
