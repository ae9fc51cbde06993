package dev.berth.render.isolation;

import dev.berth.naming.Generation;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.LaunchAuthentication;
import dev.berth.plan.RuntimePlan;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.plan.SandboxPlan;
import dev.berth.result.Result;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.Topology;
import dev.berth.testing.TestPlans;
import dev.berth.validate.SandboxValidator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.params.provider.Arguments;
import tools.jackson.databind.json.JsonMapper;

/** Named two-pod sandboxes, each with a golden file per generation. */
public final class IsolationScenarios {

  private IsolationScenarios() {}

  /** The runtime generation the scenarios start (as a gateway's generation_id looks). */
  public static final String RUNTIME_GENERATION = "7f3c9a2e-51d4-4b8e-9c01-2a6e5d8f4b13";

  /** Stand-ins for the gateway's bearer tokens: they must never reach the workload pod. */
  public static final String GATEWAY_TOKEN = "eyJhbGciOiJFZERTQSJ9.gateway-bearer.c2lnbmF0dXJl";

  public static final String SANDBOX_TOKEN = "eyJhbGciOiJFZERTQSJ9.sandbox-bearer.c2lnbmF0dXJl";

  /** PVC sub_path mounts under and outside /sandbox, and tighten-only overrides. */
  static final String FEATURES =
      """
      {"volumes": [{"name": "team-share",
                    "persistent_volume_claim": {"claim_name": "team-a-share", "read_only": false}}],
       "pod": {"security_context": {"supplemental_groups": [5000]}},
       "containers": {"agent": {
          "volume_mounts": [
            {"name": "team-share", "mount_path": "/sandbox/models", "sub_path": "models", "read_only": true},
            {"name": "team-share", "mount_path": "/sandbox/cache/", "sub_path": "cache/agent"},
            {"name": "team-share", "mount_path": "/mnt/shared", "sub_path": "shared"}],
          "security_context": {"read_only_root_filesystem": true, "capabilities": {"drop": ["NET_RAW"]}}}}}
      """;

  /** A scenario: its name and the plan builder, before the generation is applied. */
  public record Scenario(String name, Supplier<TestPlans> plan) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Every scenario in both two-pod generations' spellings, as (scenario, generation). */
  static List<Arguments> inBothGenerations() {
    List<Arguments> cases = new ArrayList<>();
    for (Scenario scenario : all()) {
      for (Generation generation : List.of(Generation.G2, Generation.G3)) {
        cases.add(Arguments.of(scenario, generation));
      }
    }
    return cases;
  }

  public static List<Scenario> all() {
    return List.of(
        new Scenario("pvc-subpaths-overrides", () -> TestPlans.builder().driverConfig(FEATURES)),
        new Scenario(
            "proxy-tls-spiffe",
            () ->
                TestPlans.builder()
                    .setting("OPENSHELL_GRPC_ENDPOINT", "https://openshell.openshell.svc:8080")
                    .setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls")
                    .setting(
                        "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET",
                        "/spiffe-workload-api/spire-agent.sock")
                    .setting("OPENSHELL_K8S_TOPOLOGY", "sidecar")
                    .setting("OPENSHELL_UPSTREAM_PROXY", "http://proxy.corp:3128")
                    .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_NAME", "proxy-auth")
                    .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY", "credentials")
                    .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_ALLOW_INSECURE", "true")
                    .setting("OPENSHELL_UPSTREAM_PROXY_CA_BUNDLE", "/etc/openshell/proxy-ca.pem")
                    .setting("OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS", "registry-creds")
                    .logLevel("debug")
                    .command(List.of("claude", "--yes"), false)),
        new Scenario(
            "managed-v1alpha1",
            () ->
                TestPlans.builder()
                    .setting("OPENSHELL_WORKSPACE_MODE", "managed")
                    .setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls")
                    .facts(new ClusterFacts(SandboxApiVersion.V1ALPHA1, Map.of()))));
  }

  /** The validated plan of {@code builder}, judged as the isolation topology's. */
  public static SandboxPlan validated(TestPlans builder) {
    DriverSettings settings =
        SandboxPlan.withTopology(builder.settings(), Topology.ISOLATION_BACKEND);
    Result<SandboxPlan> outcome =
        SandboxValidator.validate(builder.request(), settings, builder.factsValue());
    if (!outcome.isValid()) {
      throw new AssertionError("scenario plan is invalid: " + outcome.violations());
    }
    return outcome.orElseThrow();
  }

  public static RenderedIsolationSandbox render(TestPlans builder, Generation generation) {
    return IsolationRenderer.render(
        validated(builder), new RuntimePlan(generation, RUNTIME_GENERATION));
  }

  /** The launch authentication a gateway would send, with recognizable tokens. */
  public static byte[] launchAuthentication(String gatewayToken, String sandboxToken) {
    String json =
        """
        {"supervisor": {"session_id": "0b9d5a1c-6d0e-4c1f-9e2b-1f4d6c7a8b90",
                        "runtime_generation": "%s", "session_rotation": 1, "auth_epoch": 1,
                        "gateway_token": "%s", "gateway_expires_at": 1790000000,
                        "sandbox_token": "%s", "sandbox_expires_at": 1790000000},
         "gateway_id": "openshell",
         "verification_keys": [{"key_id": "key-1",
           "public_key_pem": "-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEAexample\\n-----END PUBLIC KEY-----\\n"}]}
        """
            .formatted(RUNTIME_GENERATION, gatewayToken, sandboxToken);
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Material as the create would gather it, with the auth bundle taken from the launch
   * authentication; the boundary configuration holds only public parts, as upstream's does.
   */
  public static BootstrapMaterial material(LaunchAuthentication auth, boolean bundle) {
    Map<String, Object> boundary = new LinkedHashMap<>();
    boundary.put("gateway_id", auth.gatewayId());
    boundary.put(
        "verification_keys",
        auth.verificationKeys().stream()
            .map(
                k -> new TreeMap<>(Map.of("key_id", k.keyId(), "public_key_pem", k.publicKeyPem())))
            .toList());
    return new BootstrapMaterial(
        JSON.writeValueAsBytes(boundary),
        bytes("-----BEGIN CERTIFICATE-----\nboundary\n-----END CERTIFICATE-----\n"),
        bytes("-----BEGIN PRIVATE KEY-----\nboundary\n-----END PRIVATE KEY-----\n"),
        bytes("{\"backend\":\"descriptor\"}"),
        auth.supervisorBundle(),
        bytes("-----BEGIN CERTIFICATE-----\nproxy-ca\n-----END CERTIFICATE-----\n"),
        bytes("-----BEGIN PRIVATE KEY-----\nproxy-ca\n-----END PRIVATE KEY-----\n"),
        bundle ? Optional.of(bytes("-----BEGIN CERTIFICATE-----\ncorp\n")) : Optional.empty(),
        Optional.empty());
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
