package dev.berth.security;

import dev.berth.naming.Generation;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.RuntimePlan;
import dev.berth.plan.SandboxPlan;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.SandboxRenderer;
import dev.berth.render.isolation.IsolationRenderer;
import dev.berth.render.isolation.RenderedIsolationSandbox;
import dev.berth.request.ResourceRequests;
import dev.berth.request.SandboxRequest;
import dev.berth.request.SandboxSpec;
import dev.berth.request.SandboxTemplate;
import dev.berth.result.Result;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.Topology;
import dev.berth.validate.SandboxValidator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Representative sandboxes rendered by the driver's own validator and renderer, for pages and
 * policies that describe what sandbox pods need ({@link SecurityDocs}, {@link SandboxScc}, {@link
 * SandboxPodSecurity}).
 */
final class SampleSandboxes {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private SampleSandboxes() {}

  /**
   * A sandbox with default image settings and the given driver_config, validated and rendered.
   *
   * @param settings {@code OPENSHELL_*} settings; must be valid
   * @param driverConfig the {@code kubernetes} driver_config block as JSON; must be valid
   */
  static RenderedSandbox render(
      Map<String, String> settings, String driverConfig, ClusterFacts facts) {
    SandboxRequest request = request(driverConfig);
    DriverSettings parsed = DriverSettings.fromMap(settings).orElseThrow();
    return SandboxRenderer.render(SandboxValidator.validate(request, parsed, facts).orElseThrow());
  }

  /**
   * The minimal sandbox (no driver_config) as a driver with these settings renders it, or the
   * violations that stop it.
   */
  static Result<RenderedSandbox> minimal(DriverSettings settings, ClusterFacts facts) {
    return SandboxValidator.validate(request("{}"), settings, facts).map(SandboxRenderer::render);
  }

  /**
   * The minimal sandbox in {@code generation}'s two-pod shape as a driver with these settings
   * renders it for that gateway, or the violations that stop it.
   */
  static Result<RenderedIsolationSandbox> minimalIsolation(
      DriverSettings settings, ClusterFacts facts, Generation generation) {
    return SandboxValidator.validate(
            request("{}"),
            SandboxPlan.withTopology(settings, Topology.ISOLATION_BACKEND),
            facts,
            generation)
        .map(
            plan ->
                IsolationRenderer.render(
                    plan, new RuntimePlan(generation, SAMPLE_RUNTIME_GENERATION)));
  }

  /**
   * The same sandbox in the two-pod shape of {@code generation}: validated as the isolation
   * topology's plan, rendered for a first runtime generation.
   */
  static RenderedIsolationSandbox renderIsolation(
      Map<String, String> settings,
      String driverConfig,
      ClusterFacts facts,
      Generation generation) {
    SandboxRequest request = request(driverConfig);
    DriverSettings parsed =
        SandboxPlan.withTopology(
            DriverSettings.fromMap(settings).orElseThrow(), Topology.ISOLATION_BACKEND);
    return IsolationRenderer.render(
        SandboxValidator.validate(request, parsed, facts).orElseThrow(),
        new RuntimePlan(generation, SAMPLE_RUNTIME_GENERATION));
  }

  /** The runtime generation samples are rendered for. */
  static final String SAMPLE_RUNTIME_GENERATION = "0123456789abcdef";

  private static SandboxRequest request(String driverConfig) {
    return new SandboxRequest(
        "sb-1",
        "demo",
        "",
        "team-a",
        new SandboxSpec(
            "",
            Map.of(),
            new SandboxTemplate(
                "ghcr.io/example/agent:1.0",
                "",
                Map.of(),
                Map.of(),
                ResourceRequests.NONE,
                SandboxTemplate.emptyObject(),
                JSON.readTree(driverConfig),
                Optional.empty()),
            Optional.empty(),
            List.of(),
            true,
            false));
  }
}
