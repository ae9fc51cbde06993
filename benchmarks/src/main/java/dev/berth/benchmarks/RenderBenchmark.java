package dev.berth.benchmarks;

import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.Manifests;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.SandboxRenderer;
import dev.berth.request.ResourceRequests;
import dev.berth.request.SandboxRequest;
import dev.berth.request.SandboxSpec;
import dev.berth.request.SandboxTemplate;
import dev.berth.settings.DriverSettings;
import dev.berth.validate.SandboxValidator;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validate + render of a sandbox with ten user mounts, against serializing the rendered Sandbox to
 * JSON (what the API client does with it anyway) in the same run. The goal is a ratio of at most 2:
 * planning a sandbox should cost no more than twice writing it out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 8, time = 1)
@Fork(3)
public class RenderBenchmark {

  private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();

  private SandboxRequest request;
  private DriverSettings settings;
  private RenderedSandbox rendered;
  private SandboxPlan planned;

  @Setup
  public void setUp() {
    settings =
        DriverSettings.fromMap(
                Map.of(
                    "OPENSHELL_K8S_TOPOLOGY", "sidecar",
                    "OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls",
                    "OPENSHELL_GRPC_ENDPOINT", "https://openshell.openshell.svc:8080"))
            .orElseThrow();
    request = tenMountRequest();
    planned = plan();
    rendered = SandboxRenderer.render(planned);
  }

  static SandboxRequest tenMountRequest() {
    StringBuilder volumes = new StringBuilder();
    StringBuilder mounts = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      String sep = i == 0 ? "" : ",";
      volumes
          .append(sep)
          .append(
              String.format(
                  "{\"name\":\"data-%d\",\"persistent_volume_claim\":{\"claim_name\":\"claim-%d\","
                      + "\"read_only\":%s}}",
                  i, i, i % 2 == 0));
      mounts
          .append(sep)
          .append(
              String.format(
                  "{\"name\":\"data-%d\",\"mount_path\":\"/sandbox/data/%d\",\"sub_path\":\"part-%d\"}",
                  i, i, i));
    }
    JsonNode driverConfig =
        JsonMapper.builder()
            .build()
            .readTree(
                "{\"volumes\":["
                    + volumes
                    + "],\"containers\":{\"agent\":{\"volume_mounts\":["
                    + mounts
                    + "],\"security_context\":{\"allow_privilege_escalation\":false}}},"
                    + "\"pod\":{\"node_selector\":{\"pool\":\"sandboxes\"}}}");
    return new SandboxRequest(
        "sb-bench",
        "bench",
        "",
        "team-a",
        new SandboxSpec(
            "info",
            Map.of("A", "1", "B", "2"),
            new SandboxTemplate(
                "ghcr.io/example/agent:1.0",
                "",
                Map.of("team", "a"),
                Map.of("C", "3"),
                new ResourceRequests("500m", "2", "1Gi", "4Gi"),
                SandboxTemplate.emptyObject(),
                driverConfig,
                Optional.empty()),
            Optional.empty(),
            List.of("python", "main.py"),
            false,
            false));
  }

  private SandboxPlan plan() {
    return SandboxValidator.validate(request, settings, ClusterFacts.DEFAULT).orElseThrow();
  }

  @Benchmark
  public RenderedSandbox validateAndRender() {
    return SandboxRenderer.render(plan());
  }

  /** The validation half of {@link #validateAndRender}, to show where the time goes. */
  @Benchmark
  public SandboxPlan validateOnly() {
    return plan();
  }

  /** The rendering half of {@link #validateAndRender}, from a plan made once. */
  @Benchmark
  public RenderedSandbox renderOnly() {
    return SandboxRenderer.render(planned);
  }

  /** What the fabric8 client itself writes when it creates the Sandbox. */
  @Benchmark
  public String serializeWithFabric8() {
    return FABRIC8.asJson(rendered.sandbox());
  }

  @Benchmark
  public String serializeToJson() {
    return Manifests.compactJson(rendered.sandbox());
  }
}
