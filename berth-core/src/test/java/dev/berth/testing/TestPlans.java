package dev.berth.testing;

import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxPlan;
import dev.berth.request.GpuRequest;
import dev.berth.request.ResourceRequests;
import dev.berth.request.SandboxRequest;
import dev.berth.request.SandboxSpec;
import dev.berth.request.SandboxTemplate;
import dev.berth.result.Result;
import dev.berth.settings.DriverSettings;
import dev.berth.validate.SandboxValidator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds plans for tests through the real validator, so every plan a test renders is one the driver
 * could produce. Settings are given as {@code OPENSHELL_*} environment entries.
 */
public final class TestPlans {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, String> settings = new HashMap<>();
  private String driverConfig = "{}";
  private String platformConfig = "{}";
  private Map<String, String> environment = Map.of();
  private Map<String, String> templateEnvironment = Map.of();
  private Map<String, String> labels = Map.of();
  private ResourceRequests resources = ResourceRequests.NONE;
  private Optional<GpuRequest> gpu = Optional.empty();
  private List<String> command = List.of();
  private boolean tty;
  private String image = "ghcr.io/example/agent:1.0";
  private String agentSocket = "";
  private String logLevel = "";
  private Optional<Boolean> userNamespaces = Optional.empty();
  private ClusterFacts facts = ClusterFacts.DEFAULT;
  private String workspace = "team-a";

  public static TestPlans builder() {
    return new TestPlans();
  }

  /** A plan with default settings and no driver_config. */
  public static SandboxPlan basic() {
    return builder().build();
  }

  public TestPlans setting(String env, String value) {
    settings.put(env, value);
    return this;
  }

  /** The driver_config {@code kubernetes} block as JSON text. */
  public TestPlans driverConfig(String json) {
    this.driverConfig = json;
    return this;
  }

  public TestPlans platformConfig(String json) {
    this.platformConfig = json;
    return this;
  }

  public TestPlans environment(Map<String, String> env) {
    this.environment = env;
    return this;
  }

  public TestPlans templateEnvironment(Map<String, String> env) {
    this.templateEnvironment = env;
    return this;
  }

  public TestPlans labels(Map<String, String> labels) {
    this.labels = labels;
    return this;
  }

  public TestPlans resources(ResourceRequests resources) {
    this.resources = resources;
    return this;
  }

  public TestPlans gpus(long count) {
    this.gpu = Optional.of(new GpuRequest(OptionalLong.of(count)));
    return this;
  }

  /** GPUs requested without a count, which means one GPU. */
  public TestPlans gpusWithoutCount() {
    this.gpu = Optional.of(new GpuRequest(OptionalLong.empty()));
    return this;
  }

  public TestPlans command(List<String> command, boolean tty) {
    this.command = command;
    this.tty = tty;
    return this;
  }

  public TestPlans image(String image) {
    this.image = image;
    return this;
  }

  public TestPlans agentSocket(String path) {
    this.agentSocket = path;
    return this;
  }

  public TestPlans logLevel(String level) {
    this.logLevel = level;
    return this;
  }

  public TestPlans userNamespaces(boolean on) {
    this.userNamespaces = Optional.of(on);
    return this;
  }

  public TestPlans workspace(String workspace) {
    this.workspace = workspace;
    return this;
  }

  public TestPlans facts(ClusterFacts facts) {
    this.facts = facts;
    return this;
  }

  public SandboxRequest request() {
    return new SandboxRequest(
        "sb-1",
        "demo",
        "",
        workspace,
        new SandboxSpec(
            logLevel,
            environment,
            new SandboxTemplate(
                image,
                agentSocket,
                labels,
                templateEnvironment,
                resources,
                json(platformConfig),
                json(driverConfig),
                userNamespaces),
            gpu,
            command,
            tty,
            false));
  }

  public ClusterFacts factsValue() {
    return facts;
  }

  public DriverSettings settings() {
    return DriverSettings.fromMap(settings).orElseThrow();
  }

  /** Validates and returns the plan; fails the test with every violation when invalid. */
  public SandboxPlan build() {
    Result<SandboxPlan> outcome = SandboxValidator.validate(request(), settings(), facts);
    if (!outcome.isValid()) {
      throw new AssertionError("test plan is invalid: " + outcome.violations());
    }
    return outcome.orElseThrow();
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }
}
