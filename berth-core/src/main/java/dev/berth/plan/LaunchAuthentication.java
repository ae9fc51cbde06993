package dev.berth.plan;

import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's {@code launch_authentication} for one runtime generation, split the way upstream's
 * drivers split it: the supervisor's bundle (which carries the gateway and sandbox bearer tokens)
 * is forwarded verbatim to the supervisor's bootstrap Secret and nowhere else; the workload side
 * learns only the gateway's id and its public verification keys.
 *
 * <p>The wire shape ({@code SandboxLaunchAuthentication} in upstream's {@code ryno-core/src/jwt.rs}
 * at 0b37da61): {@code {"supervisor": {...}, "gateway_id": "...", "verification_keys": [{"key_id":
 * "...", "public_key_pem": ...}]}}, where a key's PEM is bytes (a JSON array of numbers, as serde
 * writes {@code Vec<u8>}) or, leniently, a string.
 *
 * @param gatewayId the gateway that minted the credentials
 * @param verificationKeys the public keys the workload verifies the supervisor's session with
 */
public record LaunchAuthentication(
    byte[] supervisorBundle, String gatewayId, List<VerificationKey> verificationKeys) {

  /** Where the bytes come from, as violations name it. */
  public static final String FIELD = "spec.launch_authentication";

  /** Keys of the wire shape. */
  static final String SUPERVISOR = "supervisor";

  static final String GATEWAY_ID = "gateway_id";
  static final String VERIFICATION_KEYS = "verification_keys";
  static final String KEY_ID = "key_id";
  static final String PUBLIC_KEY_PEM = "public_key_pem";
  static final String RUNTIME_GENERATION = "runtime_generation";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One public key.
   *
   * @param keyId the key's id, unique in the bundle
   * @param publicKeyPem the PEM text
   */
  public record VerificationKey(String keyId, String publicKeyPem) {}

  public LaunchAuthentication {
    supervisorBundle = supervisorBundle.clone();
    verificationKeys = List.copyOf(verificationKeys);
  }

  /** The supervisor's bundle, byte for byte as it goes into {@code auth.json}. A copy. */
  @Override
  public byte[] supervisorBundle() {
    return supervisorBundle.clone();
  }

  /**
   * The runtime generation the gateway minted the bundle for ({@code
   * supervisor.runtime_generation}), empty when it names none. The gateway repeats it on every
   * retry of one create, so a retried create finds the objects of its first attempt.
   */
  public Optional<String> runtimeGeneration() {
    JsonNode root;
    try {
      root = JSON.readTree(supervisorBundle);
    } catch (JacksonException e) {
      return Optional.empty();
    }
    JsonNode generation = root == null ? null : root.get(RUNTIME_GENERATION);
    if (generation == null || !generation.isString() || generation.asString().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(generation.asString());
  }

  /** Never prints the bundle: it holds bearer tokens. */
  @Override
  public String toString() {
    return "LaunchAuthentication[gatewayId="
        + gatewayId
        + ", verificationKeys="
        + verificationKeys.size()
        + ", supervisorBundle=<redacted>]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LaunchAuthentication other
        && Arrays.equals(supervisorBundle, other.supervisorBundle)
        && gatewayId.equals(other.gatewayId)
        && verificationKeys.equals(other.verificationKeys);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(supervisorBundle) + gatewayId.hashCode())
        + verificationKeys.hashCode();
  }

  /**
   * The split of {@code bytes}, or every problem with them. Never throws and never quotes the
   * bytes: they hold credentials.
   */
  public static Result<LaunchAuthentication> parse(byte[] bytes) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JacksonException e) {
      return problem("is not JSON; send the gateway's launch_authentication unchanged");
    }
    if (root == null || !root.isObject()) {
      return problem("must be a JSON object with supervisor, gateway_id and verification_keys");
    }
    List<Violation> violations = new ArrayList<>();
    JsonNode supervisor = root.get(SUPERVISOR);
    if (supervisor == null || !supervisor.isObject() || supervisor.isEmpty()) {
      violations.add(violation("has no supervisor bundle object"));
    }
    JsonNode gateway = root.get(GATEWAY_ID);
    if (gateway == null || !gateway.isString() || gateway.asString().isBlank()) {
      violations.add(violation("has no gateway_id string"));
    }
    List<VerificationKey> keys = keys(root.get(VERIFICATION_KEYS), violations);
    if (!violations.isEmpty()) {
      return Result.invalid(violations);
    }
    return Result.valid(
        new LaunchAuthentication(JSON.writeValueAsBytes(supervisor), gateway.asString(), keys));
  }

  private static List<VerificationKey> keys(JsonNode node, List<Violation> violations) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      violations.add(violation("has no verification_keys; the workload could not verify anyone"));
      return List.of();
    }
    List<VerificationKey> keys = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode key : node) {
      JsonNode id = key.get(KEY_ID);
      String pem = pem(key.get(PUBLIC_KEY_PEM));
      if (id == null || !id.isString() || id.asString().isEmpty() || pem.isEmpty()) {
        violations.add(violation("has a verification key without key_id or public_key_pem"));
      } else if (!ids.add(id.asString())) {
        violations.add(violation("names verification key '" + id.asString() + "' twice"));
      } else {
        keys.add(new VerificationKey(id.asString(), pem));
      }
    }
    return keys;
  }

  /** The PEM text of a key, empty when it is neither a string nor an array of bytes. */
  private static String pem(JsonNode node) {
    if (node == null) {
      return "";
    }
    if (node.isString()) {
      return node.asString();
    }
    if (!node.isArray()) {
      return "";
    }
    byte[] bytes = new byte[node.size()];
    for (int i = 0; i < bytes.length; i++) {
      JsonNode b = node.get(i);
      if (!b.isInt() || b.asInt() < 0 || b.asInt() > 255) {
        return "";
      }
      bytes[i] = (byte) b.asInt();
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static Violation violation(String phrase) {
    return new Violation(FIELD, FIELD + " " + phrase + ".");
  }

  private static Result<LaunchAuthentication> problem(String phrase) {
    return Result.invalid(List.of(violation(phrase)));
  }
}
