package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.driver.DriverException;
import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import dev.berth.plan.LaunchAuthentication;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The two documents byte for byte from fixed facts. The expected texts are written out from
 * upstream's serde types at 0b37da61, not from Berth's code, so a field renamed, added, dropped,
 * reordered or re-tagged here fails.
 */
class BoundaryDocumentsTest {

  static final String GENERATION = "7f3c9a2e51d4-0001";
  static final String SESSION = "0b9d5a1c-6d0e-4c1f-9e2b-1f4d6c7a8b90";

  /**
   * SHA-256 over u64-be(17) || "7f3c9a2e51d4-0001" || {"network_policy_uid":"fence-uid-1",
   * "network_policy_resource_version":"1945","ingress_isolated":true,"egress_isolated":true,
   * "egress_rule_count":0}, computed outside Java (Python's hashlib and struct).
   */
  static final String DIGEST = "93311c7bc03f4b4f1c617e93db77c1df737391c0a0a285669d83bf286bd66c23";

  static LaunchAuthentication launch(String bundle) {
    String json =
        """
        {"supervisor": %s,
         "gateway_id": "ryno",
         "verification_keys": [{"key_id": "key-1", "public_key_pem": "PEM-1"}]}
        """
            .formatted(bundle);
    return LaunchAuthentication.parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }

  static LaunchAuthentication launch() {
    return launch(
        """
        {"session_id": "%s", "runtime_generation": "%s", "session_rotation": 2,
         "auth_epoch": 3, "gateway_token": "g", "sandbox_token": "s"}
        """
            .formatted(SESSION, GENERATION));
  }

  static BootstrapFacts facts(Generation generation, LaunchAuthentication launch) {
    Map<String, String> env = new TreeMap<>(Map.of("HOME_DIR", "/sandbox", "A", ""));
    return new BootstrapFacts(
        new IsolationNames(generation),
        "sb-1",
        GENERATION,
        "agents",
        "ns-uid-1",
        "sandbox-uid-1",
        "workload-uid-1",
        "supervisor-uid-1",
        "fence-uid-1",
        "1945",
        "os-boundary-sb-1.agents.svc:5500",
        "10.42.0.7",
        5500,
        new WorkloadFacts(1000, 1001, List.of(2000L), new TreeMap<>(env)),
        launch);
  }

  /** The workload identity and outer fence, identical in both documents. */
  static final String IDENTITY =
      """
      "workload_identity":{"uid":1000,"gid":1001,"supplementary_gids":[2000],\
      "source":"kubernetes-config","resource_digest":"sandbox:sandbox-uid-1"}""";

  static final String FENCE =
      """
      "outer_fence":{"generation":"7f3c9a2e51d4-0001","established":["default_deny_egress",\
      "no_unmanaged_egress_path","revocation_verified","controller_loss_fails_closed"],\
      "evidence_digest":"%s"}"""
          .formatted(DIGEST);

  /** BTreeMap<String, String> of upstream: sorted keys. */
  static final String CLAIMS =
      """
      "resource_claims":{"kubernetes.egress_policy_resource_version":"1945",\
      "kubernetes.egress_policy_uid":"fence-uid-1","kubernetes.namespace_uid":"ns-uid-1",\
      "kubernetes.sandbox_resource_uid":"sandbox-uid-1",\
      "kubernetes.supervisor_pod_uid":"supervisor-uid-1",\
      "kubernetes.workload_pod_uid":"workload-uid-1"}""";

  @Test
  void boundaryConfigIsUpstreamsBoundaryConfig() throws DriverException {
    BootstrapFacts facts = facts(Generation.G3, launch());
    String json =
        new String(
            BoundaryDocuments.boundaryConfig(facts, BoundaryDocuments.Session.of(facts.launch())),
            StandardCharsets.UTF_8);

    // BoundaryConfig (ryno-sandbox-backend boundary_protocol.rs): listener is BoundaryListener,
    // #[serde(tag = "kind", rename_all = "kebab-case")], variant TlsTcp with a
    // SandboxTlsServerConfig; session_rotation and auth_epoch are transparent numbers.
    assertThat(json)
        .isEqualTo(
            "{\"boundary_id\":\"sb-1\",\"generation\":\"7f3c9a2e51d4-0001\","
                + "\"session_id\":\"0b9d5a1c-6d0e-4c1f-9e2b-1f4d6c7a8b90\","
                + "\"session_rotation\":2,\"auth_epoch\":3,\"gateway_id\":\"ryno\","
                + "\"verification_keys\":[{\"key_id\":\"key-1\",\"public_key_pem\":\"PEM-1\"}],"
                + "\"listener\":{\"kind\":\"tls-tcp\",\"address\":\"0.0.0.0:5500\","
                + "\"tls\":{\"certificate_chain_path\":\"/.ryno/state/bootstrap/tls.crt\","
                + "\"private_key_path\":\"/.ryno/state/bootstrap/tls.key\"}},"
                + CLAIMS
                + ",\"resource_claim_files\":"
                + "{\"kubernetes.workload_pod_uid\":\"/.ryno/pod-identity/uid\"},"
                + IDENTITY
                + ","
                + FENCE
                + ",\"child_env\":{\"A\":\"\",\"HOME_DIR\":\"/sandbox\"}}");
  }

  @Test
  void runtimeDescriptorIsUpstreamsSandboxRuntimeDescriptor() throws DriverException {
    BootstrapFacts facts = facts(Generation.G3, launch());
    String json =
        new String(
            BoundaryDocuments.runtimeDescriptor(
                facts,
                BoundaryDocuments.Session.of(facts.launch()),
                "sandbox.0b9d5a1c-6d0e-4c1f-9e2b-1f4d6c7a8b90.ryno.internal",
                "CA-PEM"),
            StandardCharsets.UTF_8);

    // SandboxRuntimeDescriptor (boundary_protocol.rs), bare (the supervisor reads the file as the
    // BackendDescriptor payload): transport is SandboxTransport, #[serde(tag = "kind",
    // rename_all = "kebab-case")], variant Tcp; tls is SandboxTlsClientConfig; host_gateway_ip is
    // an Option<IpAddr> serde writes as null.
    assertThat(json)
        .isEqualTo(
            "{\"boundary_id\":\"sb-1\",\"generation\":\"7f3c9a2e51d4-0001\","
                + "\"session_id\":\"0b9d5a1c-6d0e-4c1f-9e2b-1f4d6c7a8b90\","
                + IDENTITY
                + ",\"transport\":{\"kind\":\"tcp\","
                + "\"authority\":\"os-boundary-sb-1.agents.svc:5500\","
                + "\"addresses\":[\"10.42.0.7:5500\"]},"
                + "\"tls\":{\"server_name\":"
                + "\"sandbox.0b9d5a1c-6d0e-4c1f-9e2b-1f4d6c7a8b90.ryno.internal\","
                + "\"trust_anchor_pem\":\"CA-PEM\"},"
                + "\"host_gateway_ip\":null,"
                + CLAIMS
                + ","
                + FENCE
                + "}");
  }

  @Test
  void g2SpellsThePathsAndServerNameForOpenShell() throws DriverException {
    BootstrapFacts facts = facts(Generation.G2, launch());
    String json =
        new String(
            BoundaryDocuments.boundaryConfig(facts, BoundaryDocuments.Session.of(facts.launch())),
            StandardCharsets.UTF_8);

    assertThat(json)
        .contains("\"certificate_chain_path\":\"/.openshell/state/bootstrap/tls.crt\"")
        .contains("\"private_key_path\":\"/.openshell/state/bootstrap/tls.key\"")
        .contains("{\"kubernetes.workload_pod_uid\":\"/.openshell/pod-identity/uid\"}")
        .doesNotContain("/.ryno/");
    assertThat(facts.names().boundaryServerName(SESSION))
        .isEqualTo("sandbox.0b9d5a1c-6d0e-4c1f-9e2b-1f4d6c7a8b90.openshell.internal");
  }

  @Test
  void theDigestBindsTheGeneration() {
    assertThat(BoundaryDocuments.evidenceDigest(GENERATION, "fence-uid-1", "1945"))
        .isEqualTo(DIGEST);
    assertThat(BoundaryDocuments.evidenceDigest("7f3c9a2e51d4-0002", "fence-uid-1", "1945"))
        .isNotEqualTo(DIGEST);
  }

  @Test
  void aBundleWithoutItsSessionIsRefused() {
    LaunchAuthentication noSession =
        launch("{\"runtime_generation\": \"g\", \"session_rotation\": 1, \"auth_epoch\": 1}");
    assertThatThrownBy(() -> BoundaryDocuments.Session.of(noSession))
        .isInstanceOf(DriverException.class)
        .hasMessageContaining("has no session_id string");
    LaunchAuthentication noEpoch =
        launch("{\"session_id\": \"%s\", \"session_rotation\": 1}".formatted(SESSION));
    assertThatThrownBy(() -> BoundaryDocuments.Session.of(noEpoch))
        .isInstanceOf(DriverException.class)
        .hasMessageContaining("has no session_rotation or auth_epoch number");
  }
}
