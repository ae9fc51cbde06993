package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.request.GpuRequest;
import dev.berth.request.ResourceRequests;
import dev.berth.request.SandboxRequest;
import dev.berth.request.SandboxSpec;
import dev.berth.request.SandboxTemplate;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Feeds the validator generated hostile input: schema fragments mixed with wrong types, unknown
 * fields, huge strings, deep nesting, unicode and control characters. Only violations may come
 * back, never an exception, and every violation must be printable on one line.
 */
class ValidatorFuzzTest {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int CASES = 12_000;

  /** Field names of the schema, so generated objects hit real code paths, not just unknowns. */
  private static final List<String> FIELDS =
      List.of(
          "pod",
          "containers",
          "agent",
          "volumes",
          "workspace",
          "node_selector",
          "tolerations",
          "security_context",
          "volume_mounts",
          "name",
          "mount_path",
          "sub_path",
          "read_only",
          "persistent_volume_claim",
          "claim_name",
          "config_map",
          "secret",
          "secret_name",
          "items",
          "key",
          "path",
          "mode",
          "default_mode",
          "empty_dir",
          "size_limit",
          "medium",
          "image",
          "reference",
          "pull_policy",
          "resources",
          "requests",
          "limits",
          "capabilities",
          "add",
          "drop",
          "run_as_user",
          "run_as_group",
          "run_as_non_root",
          "seccomp_profile",
          "type",
          "localhost_profile",
          "se_linux_options",
          "sysctls",
          "fs_group",
          "supplemental_groups",
          "persistent",
          "storage_size",
          "storage_class",
          "hostPath",
          "nodeSelector",
          "operator",
          "effect",
          "toleration_seconds",
          "annotations",
          "runtime_class_name",
          "host_users",
          "resources_raw",
          "allow_privilege_escalation",
          "read_only_root_filesystem");

  private static final List<String> STRINGS =
      List.of(
          "",
          " ",
          "/",
          "/sandbox",
          "/sandbox/x",
          "/sandbox/",
          "..",
          "../x",
          "a/../b",
          "/opt/openshell",
          "/var/run/secrets/openshell/t",
          "data",
          "Data",
          "workspace",
          "openshell-x",
          "ALL",
          "SYS_ADMIN",
          "RuntimeDefault",
          "Unconfined",
          "Localhost",
          "Memory",
          "2Gi",
          "-1",
          "1e3",
          "NaN",
          "\u0000",
          "\u202e",
          "\uD83D\uDE00",
          "é",
          "a\nb",
          "x".repeat(300));

  @Test
  void generatedInputOnlyEverYieldsViolationsOrAPlan() {
    Random random = new Random(7_2026_11_25L);
    List<DriverSettings> settings =
        List.of(
            DriverSettings.defaults(),
            DriverSettings.fromMap(
                    Map.of(
                        "OPENSHELL_K8S_TOPOLOGY", "sidecar",
                        "OPENSHELL_WORKSPACE_MODE", "managed",
                        "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET", "/spiffe/agent.sock"))
                .orElseThrow());
    ClusterFacts openshift =
        new ClusterFacts(
            SandboxApiVersion.V1BETA1,
            Map.of("openshift.io/sa.scc.uid-range", string(random) + "/10"));
    long started = System.nanoTime();
    int valid = 0;
    int violations = 0;
    for (int i = 0; i < CASES; i++) {
      SandboxRequest request = request(random);
      DriverSettings s = settings.get(i % 2);
      ClusterFacts facts = i % 3 == 0 ? openshift : ClusterFacts.DEFAULT;

      Result<?> outcome = SandboxValidator.validate(request, s, facts);

      if (outcome.isValid()) {
        valid++;
      } else {
        violations += outcome.violations().size();
        for (Violation v : outcome.violations()) {
          assertThat(v.field()).isNotEmpty();
          assertThat(v.message()).isNotEmpty();
          assertThat(v.toString().chars().noneMatch(c -> c < 0x20 || c == 0x7f))
              .as("violation must be one printable line: %s", v)
              .isTrue();
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "validator fuzz: %d cases (%d valid, %d violations) in %.1f s%n",
        CASES, valid, violations, seconds);
    assertThat(violations).as("hostile input is mostly rejected").isGreaterThan(CASES);
  }

  private static SandboxRequest request(Random r) {
    return new SandboxRequest(
        pick(r, "sb-1", string(r)),
        pick(r, "demo", string(r)),
        "",
        pick(r, "team-a", string(r)),
        new SandboxSpec(
            pick(r, "info", string(r)),
            Map.of(pick(r, "A", string(r)), string(r)),
            new SandboxTemplate(
                pick(r, "ghcr.io/x/y:1", string(r)),
                pick(r, "", string(r)),
                Map.of(pick(r, "team", string(r)), pick(r, "a", string(r))),
                Map.of(),
                new ResourceRequests(
                    pick(r, "", string(r)), pick(r, "1", string(r)), "", pick(r, "", string(r))),
                r.nextInt(4) == 0 ? tree(r, 0) : F.objectNode(),
                r.nextInt(10) == 0 ? deep(r.nextInt(300)) : tree(r, 0),
                r.nextBoolean() ? Optional.of(r.nextBoolean()) : Optional.empty()),
            r.nextInt(5) == 0
                ? Optional.of(new GpuRequest(OptionalLong.of(r.nextInt(3) - 1)))
                : Optional.empty(),
            List.of(string(r)),
            r.nextBoolean(),
            r.nextBoolean()));
  }

  private static String pick(Random r, String usual, String odd) {
    return r.nextInt(3) == 0 ? odd : usual;
  }

  private static String string(Random r) {
    if (r.nextInt(50) == 0) {
      return "y".repeat(10_000);
    }
    if (r.nextInt(5) == 0) {
      StringBuilder s = new StringBuilder();
      for (int i = r.nextInt(12); i > 0; i--) {
        s.appendCodePoint(r.nextInt(4) == 0 ? r.nextInt(0x20) : 0x20 + r.nextInt(0x2FFF));
      }
      return s.toString();
    }
    return STRINGS.get(r.nextInt(STRINGS.size()));
  }

  private static JsonNode tree(Random r, int depth) {
    int kind = depth > 5 ? 3 + r.nextInt(4) : r.nextInt(8);
    switch (kind) {
      case 0, 1, 2 -> {
        ObjectNode o = F.objectNode();
        for (int i = r.nextInt(5); i > 0; i--) {
          o.set(
              r.nextInt(8) == 0 ? string(r) : FIELDS.get(r.nextInt(FIELDS.size())),
              tree(r, depth + 1));
        }
        return o;
      }
      case 3 -> {
        return F.stringNode(string(r));
      }
      case 4 -> {
        return r.nextBoolean()
            ? F.numberNode(r.nextInt(2000) - 10)
            : F.numberNode(r.nextDouble() * 1e12);
      }
      case 5 -> {
        return F.booleanNode(r.nextBoolean());
      }
      case 6 -> {
        return F.nullNode();
      }
      default -> {
        ArrayNode a = F.arrayNode();
        for (int i = r.nextInt(4); i > 0; i--) {
          a.add(tree(r, depth + 1));
        }
        return a;
      }
    }
  }

  private static JsonNode deep(int depth) {
    JsonNode node = F.stringNode("leaf");
    for (int i = 0; i < depth; i++) {
      ObjectNode o = F.objectNode();
      o.set(i % 2 == 0 ? "pod" : "security_context", node);
      node = o;
    }
    return node;
  }
}
