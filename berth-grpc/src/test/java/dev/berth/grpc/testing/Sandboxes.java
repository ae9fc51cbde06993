package dev.berth.grpc.testing;

import com.google.protobuf.ByteString;
import dev.berth.driver.SandboxSnapshot;
import dev.berth.grpc.convert.RequestFiles;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.settings.DriverSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Requests and snapshots for tests, written as the YAML request files users write. */
public final class Sandboxes {

  private Sandboxes() {}

  /** A valid request: id, name, workspace 'team-a', an image; no driver_config. */
  public static DriverSandbox minimal(String id, String name) {
    return yaml(
        """
        id: %s
        name: %s
        workspace: team-a
        spec:
          template:
            image: ghcr.io/example/agent:1
        """
            .formatted(id, name));
  }

  /**
   * A launch authentication as a G2 gateway sends it, for {@code runtimeGeneration}, with
   * recognisable stand-in tokens.
   */
  public static ByteString launchAuthentication(String runtimeGeneration) {
    return ByteString.copyFromUtf8(
        """
        {"supervisor": {"session_id": "0b9d5a1c-6d0e-4c1f-9e2b-1f4d6c7a8b90",
                        "runtime_generation": "%s", "session_rotation": 1, "auth_epoch": 1,
                        "gateway_token": "%s", "sandbox_token": "%s"},
         "gateway_id": "openshell",
         "verification_keys": [{"key_id": "key-1",
           "public_key_pem": "-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEA\\n-----END PUBLIC KEY-----\\n"}]}
        """
            .formatted(runtimeGeneration, GATEWAY_TOKEN, SANDBOX_TOKEN));
  }

  /** The stand-in bearer tokens of {@link #launchAuthentication}. */
  public static final String GATEWAY_TOKEN = "gateway-bearer-c2lnbmF0dXJl";

  public static final String SANDBOX_TOKEN = "sandbox-bearer-c2lnbmF0dXJl";

  /** {@code sandbox} with a G2 gateway's launch authentication for {@code runtimeGeneration}. */
  public static DriverSandbox launching(DriverSandbox sandbox, String runtimeGeneration) {
    DriverSandbox.Builder builder = sandbox.toBuilder();
    builder.getSpecBuilder().setLaunchAuthentication(launchAuthentication(runtimeGeneration));
    return builder.build();
  }

  /** A valid request mounting the claim {@code claim} under /sandbox/data. */
  public static DriverSandbox withClaim(String id, String name, String claim) {
    return yaml(
        """
        id: %s
        name: %s
        workspace: team-a
        spec:
          template:
            image: ghcr.io/example/agent:1
            driver_config:
              volumes:
                - name: data
                  persistent_volume_claim: {claim_name: %s}
              containers:
                agent:
                  volume_mounts:
                    - {name: data, mount_path: /sandbox/data}
        """
            .formatted(id, name, claim));
  }

  /** Parses a request file's YAML; fails the test on bad YAML. */
  public static DriverSandbox yaml(String text) {
    return RequestFiles.parseMessage(text, true).orElseThrow();
  }

  /** Settings from {@code OPENSHELL_*} entries. */
  public static DriverSettings settings(String... envPairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < envPairs.length; i += 2) {
      env.put(envPairs[i], envPairs[i + 1]);
    }
    return DriverSettings.fromMap(env).orElseThrow();
  }

  /** A running sandbox snapshot with a Ready condition. */
  public static SandboxSnapshot running(String id, String name) {
    return new SandboxSnapshot(
        id,
        name,
        "default",
        "team-a",
        Optional.of(
            new SandboxSnapshot.Status(
                "team-a--" + name,
                "team-a--" + name + "-pod",
                "fd-agent",
                "fd-sandbox",
                List.of(
                    new SandboxSnapshot.Condition(
                        "Ready", "True", "PodReady", "pod is ready", "2026-01-01T00:00:00Z")),
                false)));
  }
}
