package dev.berth.security;

import dev.berth.plan.ClusterFacts;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.SandboxRenderer;
import dev.berth.request.ResourceRequests;
import dev.berth.request.SandboxRequest;
import dev.berth.request.SandboxSpec;
import dev.berth.request.SandboxTemplate;
import dev.berth.result.Result;
import dev.berth.settings.DriverSettings;
import dev.berth.validate.SandboxValidator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Representative sandboxes rendered by the driver's own validator and renderer, for pages and
 * policies that describe what sandbox pods need ({@link SecurityDocs}, {@link SandboxScc}).
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
    DriverSettings parsed = DriverSettings.fromMap(settings).orElseThrow();
    return SandboxRenderer.render(
        SandboxValidator.validate(request(driverConfig), parsed, facts).orElseThrow());
  }

  /**
   * The minimal sandbox (no driver_config) as a driver with these settings renders it, or the
   * violations that stop it.
   */
  static Result<RenderedSandbox> minimal(DriverSettings settings, ClusterFacts facts) {
    return SandboxValidator.validate(request("{}"), settings, facts).map(SandboxRenderer::render);
  }

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
