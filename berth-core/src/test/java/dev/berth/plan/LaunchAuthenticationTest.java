package dev.berth.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LaunchAuthenticationTest {

  private static final String VALID =
      """
      {"supervisor": {"session_id": "s-1", "runtime_generation": "g-1", "session_rotation": 1,
                      "auth_epoch": 1, "gateway_token": "eyJgateway", "gateway_expires_at": 1,
                      "sandbox_token": "eyJsandbox", "sandbox_expires_at": 1},
       "gateway_id": "openshell",
       "verification_keys": [{"key_id": "k1", "public_key_pem": [80, 69, 77]},
                             {"key_id": "k2", "public_key_pem": "PEM-2"}]}
      """;

  private static Result<LaunchAuthentication> parse(String text) {
    return LaunchAuthentication.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void splitsTheSupervisorBundleFromThePublicParts() {
    LaunchAuthentication auth = parse(VALID).orElseThrow();

    assertThat(auth.gatewayId()).isEqualTo("openshell");
    assertThat(auth.verificationKeys())
        .containsExactly(
            new LaunchAuthentication.VerificationKey("k1", "PEM"),
            new LaunchAuthentication.VerificationKey("k2", "PEM-2"));
    String bundle = new String(auth.supervisorBundle(), StandardCharsets.UTF_8);
    assertThat(bundle).contains("\"gateway_token\":\"eyJgateway\"").contains("eyJsandbox");
    assertThat(bundle).doesNotContain("verification_keys").doesNotContain("gateway_id");
    assertThat(auth.toString()).doesNotContain("eyJ");
  }

  @Test
  void reportsEveryProblemWithoutQuotingTheBytes() {
    String broken = "{\"verification_keys\": [{\"key_id\": \"k\"}]}";
    assertThat(parse(broken).violations())
        .containsExactlyInAnyOrder(
            new Violation(
                LaunchAuthentication.FIELD,
                "spec.launch_authentication has no supervisor bundle object."),
            new Violation(
                LaunchAuthentication.FIELD, "spec.launch_authentication has no gateway_id string."),
            new Violation(
                LaunchAuthentication.FIELD,
                "spec.launch_authentication has a verification key without key_id or"
                    + " public_key_pem."));
    assertThat(parse("eyJsecret-not-json").violations())
        .singleElement()
        .satisfies(v -> assertThat(v.message()).doesNotContain("eyJsecret"));
    assertThat(parse("[]").isValid()).isFalse();
    assertThat(parse(VALID.replace("\"k2\"", "\"k1\"")).violations())
        .extracting(Violation::message)
        .containsExactly("spec.launch_authentication names verification key 'k1' twice.");
  }
}
