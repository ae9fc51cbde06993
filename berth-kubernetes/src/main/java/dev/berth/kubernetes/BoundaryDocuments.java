package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.naming.IsolationNames;
import dev.berth.plan.LaunchAuthentication;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two JSON documents of one runtime generation, as upstream's supervisor and sandbox runtime
 * decode them: {@code boundary.json} ({@code BoundaryConfig}) and {@code runtime-descriptor.json}
 * ({@code SandboxRuntimeDescriptor}), both in {@code ryno-sandbox-backend}'s {@code
 * boundary_protocol.rs} at 0b37da61 ({@code openshell-sandbox-backend} for G2, same shape). Both
 * structs refuse unknown fields and require every field without a serde default, so the field set
 * here is exactly theirs, in their declaration order.
 *
 * <p>The listener and the transport are internally tagged enums ({@code tag = "kind"}, variants in
 * kebab case, fields in snake case): {@code {"kind": "tls-tcp", "address": ..., "tls": ...}} and
 * {@code {"kind": "tcp", "authority": ..., "addresses": [...]}}. The workload identity and the
 * outer fence are {@code ResolvedWorkloadIdentity} and {@code OuterFenceGuarantees} of {@code
 * ryno-isolation-interface}'s {@code contract.rs}; the fence projection and its evidence digest are
 * computed as upstream's Kubernetes driver does ({@code KubernetesOuterFenceEvidence} in {@code
 * isolation.rs}).
 */
final class BoundaryDocuments {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Claim names the boundary and the descriptor bind, as upstream spells them. */
  static final String CLAIM_NAMESPACE_UID = "kubernetes.namespace_uid";

  static final String CLAIM_SANDBOX_UID = "kubernetes.sandbox_resource_uid";
  static final String CLAIM_WORKLOAD_UID = "kubernetes.workload_pod_uid";
  static final String CLAIM_SUPERVISOR_UID = "kubernetes.supervisor_pod_uid";
  static final String CLAIM_POLICY_UID = "kubernetes.egress_policy_uid";
  static final String CLAIM_POLICY_VERSION = "kubernetes.egress_policy_resource_version";

  /** {@code ResolvedWorkloadIdentity.source} for an identity taken from the pod's configuration. */
  static final String IDENTITY_SOURCE = "kubernetes-config";

  /**
   * {@code OuterFenceGuarantee} values (serde snake case), in the enum's declaration order, which
   * is how upstream's {@code BTreeSet} serializes them. The workload fence isolates both directions
   * and allows no egress, which establishes all four.
   */
  static final List<String> FENCE_GUARANTEES =
      List.of(
          "default_deny_egress",
          "no_unmanaged_egress_path",
          "revocation_verified",
          "controller_loss_fails_closed");

  private BoundaryDocuments() {}

  /** The session fields of the supervisor bundle that the boundary must agree on. */
  record Session(String id, JsonNode rotation, JsonNode epoch) {

    static Session of(LaunchAuthentication launch) throws DriverException {
      JsonNode bundle;
      try {
        bundle = JSON.readTree(launch.supervisorBundle());
      } catch (JacksonException e) {
        throw missing("is not JSON", e);
      }
      JsonNode id = bundle.path("session_id");
      if (!id.isString() || id.asString().isEmpty()) {
        throw missing("has no session_id string", null);
      }
      JsonNode rotation = bundle.path("session_rotation");
      JsonNode epoch = bundle.path("auth_epoch");
      if (!rotation.isIntegralNumber() || !epoch.isIntegralNumber()) {
        throw missing("has no session_rotation or auth_epoch number", null);
      }
      return new Session(id.asString(), rotation, epoch);
    }

    private static DriverException missing(String what, Exception cause) {
      return new DriverException(
          DriverException.Kind.FAILED_PRECONDITION,
          LaunchAuthentication.FIELD
              + "'s supervisor bundle "
              + what
              + "; the sandbox runtime binds its launch to that session, so send the gateway's"
              + " bundle unchanged",
          cause);
    }
  }

  /** {@code boundary.json}: upstream's {@code BoundaryConfig}. */
  static byte[] boundaryConfig(BootstrapFacts facts, Session session) {
    IsolationNames names = facts.names();
    Map<String, Object> tls = new LinkedHashMap<>();
    tls.put("certificate_chain_path", names.boundaryCertificatePath());
    tls.put("private_key_path", names.boundaryPrivateKeyPath());
    Map<String, Object> listener = new LinkedHashMap<>();
    listener.put("kind", "tls-tcp");
    listener.put("address", facts.listenerAddress());
    listener.put("tls", tls);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("boundary_id", facts.sandboxId());
    out.put("generation", facts.runtimeGeneration());
    out.put("session_id", session.id());
    out.put("session_rotation", session.rotation());
    out.put("auth_epoch", session.epoch());
    out.put("gateway_id", facts.launch().gatewayId());
    out.put(
        "verification_keys",
        facts.launch().verificationKeys().stream()
            .map(BoundaryDocuments::verificationKey)
            .toList());
    out.put("listener", listener);
    out.put("resource_claims", claims(facts));
    out.put("resource_claim_files", Map.of(CLAIM_WORKLOAD_UID, names.podUidPath()));
    out.put("workload_identity", identity(facts));
    out.put("outer_fence", outerFence(facts));
    out.put("child_env", facts.workload().childEnv());
    return JSON.writeValueAsBytes(out);
  }

  /** {@code runtime-descriptor.json}: upstream's {@code SandboxRuntimeDescriptor}, unwrapped. */
  static byte[] runtimeDescriptor(
      BootstrapFacts facts, Session session, String serverName, String trustAnchorPem) {
    Map<String, Object> transport = new LinkedHashMap<>();
    transport.put("kind", "tcp");
    transport.put("authority", facts.boundaryAuthority());
    transport.put("addresses", List.of(facts.boundaryAddress()));
    Map<String, Object> tls = new LinkedHashMap<>();
    tls.put("server_name", serverName);
    tls.put("trust_anchor_pem", trustAnchorPem);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("boundary_id", facts.sandboxId());
    out.put("generation", facts.runtimeGeneration());
    out.put("session_id", session.id());
    out.put("workload_identity", identity(facts));
    out.put("transport", transport);
    out.put("tls", tls);
    // The supervisor pod resolves host aliases with the cluster's own DNS: no override.
    out.put("host_gateway_ip", null);
    out.put("resource_claims", claims(facts));
    out.put("outer_fence", outerFence(facts));
    return JSON.writeValueAsBytes(out);
  }

  /** upstream's {@code GatewayVerificationKey}. */
  private static Map<String, Object> verificationKey(LaunchAuthentication.VerificationKey key) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key_id", key.keyId());
    out.put("public_key_pem", key.publicKeyPem());
    return out;
  }

  /** The same claims in both documents: the supervisor attaches only where they agree. */
  static Map<String, String> claims(BootstrapFacts facts) {
    Map<String, String> claims = new TreeMap<>();
    claims.put(CLAIM_NAMESPACE_UID, facts.namespaceUid());
    claims.put(CLAIM_SANDBOX_UID, facts.sandboxUid());
    claims.put(CLAIM_WORKLOAD_UID, facts.workloadPodUid());
    claims.put(CLAIM_SUPERVISOR_UID, facts.supervisorPodUid());
    claims.put(CLAIM_POLICY_UID, facts.fenceUid());
    claims.put(CLAIM_POLICY_VERSION, facts.fenceResourceVersion());
    return claims;
  }

  private static Map<String, Object> identity(BootstrapFacts facts) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("uid", facts.workload().uid());
    out.put("gid", facts.workload().gid());
    out.put("supplementary_gids", facts.workload().supplementaryGids());
    out.put("source", IDENTITY_SOURCE);
    out.put("resource_digest", "sandbox:" + facts.sandboxUid());
    return out;
  }

  private static Map<String, Object> outerFence(BootstrapFacts facts) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("generation", facts.runtimeGeneration());
    out.put("established", FENCE_GUARANTEES);
    out.put(
        "evidence_digest",
        evidenceDigest(facts.runtimeGeneration(), facts.fenceUid(), facts.fenceResourceVersion()));
    return out;
  }

  /**
   * SHA-256, as lowercase hex, over the generation's byte length (big-endian 64-bit), the
   * generation, and the fence's native evidence as compact JSON: the binding upstream's {@code
   * OuterFenceGuarantees::from_enforcement_evidence} computes, so both sides can recompute it.
   */
  static String evidenceDigest(String generation, String policyUid, String policyVersion) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("network_policy_uid", policyUid);
    evidence.put("network_policy_resource_version", policyVersion);
    evidence.put("ingress_isolated", true);
    evidence.put("egress_isolated", true);
    evidence.put("egress_rule_count", 0);
    byte[] evidenceJson = JSON.writeValueAsBytes(evidence);
    byte[] gen = generation.getBytes(StandardCharsets.UTF_8);
    ByteBuffer binding = ByteBuffer.allocate(Long.BYTES + gen.length + evidenceJson.length);
    binding.putLong(gen.length).put(gen).put(evidenceJson);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(binding.array()));
    } catch (NoSuchAlgorithmException e) {
      // Every Java runtime ships SHA-256.
      throw new IllegalStateException(e);
    }
  }
}
