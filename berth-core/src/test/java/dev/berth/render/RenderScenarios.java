package dev.berth.render;

import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.request.ResourceRequests;
import dev.berth.testing.TestPlans;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Named plans that together cover every rendering concern; each has a golden file. */
final class RenderScenarios {

  private RenderScenarios() {}

  record Scenario(String name, Supplier<TestPlans> plan) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String PVC_SUBPATHS =
      """
      {"volumes": [{"name": "team-share",
                    "persistent_volume_claim": {"claim_name": "team-a-share", "read_only": false}}],
       "containers": {"agent": {"volume_mounts": [
          {"name": "team-share", "mount_path": "/sandbox/models", "sub_path": "models", "read_only": true},
          {"name": "team-share", "mount_path": "/sandbox/cache/", "sub_path": "cache/agent"},
          {"name": "team-share", "mount_path": "/mnt/shared", "sub_path": "shared"}]}}}
      """;

  static final String ALL_VOLUME_KINDS =
      """
      {"volumes": [
         {"name": "corp-ca", "config_map": {"name": "corp-ca-bundle",
            "items": [{"key": "ca.crt", "path": "ca-bundle.crt"}], "default_mode": 292}},
         {"name": "token", "secret": {"secret_name": "api-token", "default_mode": 256, "optional": true}},
         {"name": "scratch", "empty_dir": {"medium": "Memory", "size_limit": "1Gi"}},
         {"name": "datasets", "image": {"reference": "ghcr.io/example/datasets:v3", "pull_policy": "IfNotPresent"}}],
       "containers": {"agent": {"volume_mounts": [
          {"name": "corp-ca", "mount_path": "/etc/pki/corp"},
          {"name": "token", "mount_path": "/var/run/secrets/api"},
          {"name": "scratch", "mount_path": "/scratch"},
          {"name": "datasets", "mount_path": "/sandbox/datasets", "sub_path": "v3"}]}}}
      """;

  static final String COMBINED_OVERRIDES =
      """
      {"pod": {"node_selector": {"pool": "sandboxes"},
               "tolerations": [{"key": "sandboxes", "operator": "Equal", "value": "true", "effect": "NoSchedule"}],
               "priority_class_name": "sandbox-standard",
               "security_context": {"supplemental_groups": [5000], "fs_group_change_policy": "OnRootMismatch",
                                    "seccomp_profile": {"type": "RuntimeDefault"},
                                    "sysctls": [{"name": "net.ipv4.ping_group_range", "value": "0 2147483647"}]}},
       "containers": {"agent": {
          "resources": {"requests": {"ephemeral-storage": "1Gi"}, "limits": {"ephemeral-storage": "4Gi"}},
          "security_context": {"allow_privilege_escalation": false, "seccomp_profile": {"type": "RuntimeDefault"},
                               "capabilities": {"drop": ["NET_RAW", "MKNOD"]}}}}}
      """;

  static final String SIDECAR_RESTRICTED =
      """
      {"pod": {"security_context": {"fs_group": 1000660000, "seccomp_profile": {"type": "RuntimeDefault"}}},
       "containers": {"agent": {"security_context": {
          "run_as_non_root": true, "read_only_root_filesystem": true, "allow_privilege_escalation": false,
          "seccomp_profile": {"type": "RuntimeDefault"}, "capabilities": {"drop": ["ALL"]}}}}}
      """;

  private static final Map<String, String> OPENSHIFT =
      Map.of(
          "openshift.io/sa.scc.uid-range", "1000660000/10000",
          "openshift.io/sa.scc.supplemental-groups", "1000660000/10000");

  static List<Scenario> all() {
    return List.of(
        new Scenario("combined-image-volume", TestPlans::builder),
        new Scenario(
            "combined-init-container",
            () ->
                TestPlans.builder()
                    .setting("OPENSHELL_SUPERVISOR_SIDELOAD_METHOD", "init-container")),
        new Scenario(
            "sidecar-image-volume",
            () -> TestPlans.builder().setting("OPENSHELL_K8S_TOPOLOGY", "sidecar")),
        new Scenario(
            "sidecar-init-container",
            () ->
                TestPlans.builder()
                    .setting("OPENSHELL_K8S_TOPOLOGY", "sidecar")
                    .setting("OPENSHELL_SUPERVISOR_SIDELOAD_METHOD", "init-container")),
        new Scenario(
            "sidecar-not-binary-aware",
            () ->
                TestPlans.builder()
                    .setting("OPENSHELL_K8S_TOPOLOGY", "sidecar")
                    .setting("OPENSHELL_K8S_SIDECAR_PROCESS_BINARY_AWARE_NETWORK_POLICY", "false")),
        new Scenario("combined-pvc-subpaths", () -> TestPlans.builder().driverConfig(PVC_SUBPATHS)),
        new Scenario(
            "sidecar-pvc-subpaths",
            () ->
                TestPlans.builder()
                    .setting("OPENSHELL_K8S_TOPOLOGY", "sidecar")
                    .setting("OPENSHELL_SUPERVISOR_SIDELOAD_METHOD", "init-container")
                    .driverConfig(PVC_SUBPATHS)),
        new Scenario(
            "workspace-ephemeral",
            () -> TestPlans.builder().driverConfig("{\"workspace\": {\"persistent\": false}}")),
        new Scenario(
            "workspace-storage-class",
            () ->
                TestPlans.builder()
                    .setting("OPENSHELL_K8S_WORKSPACE_STORAGE_CLASS", "standard")
                    .driverConfig(
                        "{\"workspace\": {\"storage_size\": \"20Gi\", \"storage_class\": \"fast-ssd\"}}")),
        new Scenario("all-volume-kinds", () -> TestPlans.builder().driverConfig(ALL_VOLUME_KINDS)),
        new Scenario(
            "combined-security-overrides",
            () -> TestPlans.builder().driverConfig(COMBINED_OVERRIDES)),
        new Scenario(
            "sidecar-openshift-restricted",
            () ->
                TestPlans.builder()
                    .setting("OPENSHELL_K8S_TOPOLOGY", "sidecar")
                    .facts(new ClusterFacts(SandboxApiVersion.V1BETA1, OPENSHIFT))
                    .driverConfig(SIDECAR_RESTRICTED)),
        new Scenario(
            "gpu",
            () ->
                TestPlans.builder()
                    .gpus(2)
                    .resources(new ResourceRequests("", "8", "", "64Gi"))
                    .driverConfig(
                        "{\"pod\": {\"runtime_class_name\": \"nvidia\", \"tolerations\": [{\"key\":"
                            + " \"nvidia.com/gpu\", \"operator\": \"Exists\", \"effect\":"
                            + " \"NoSchedule\"}]}}")),
        new Scenario(
            "combined-user-namespaces",
            () -> TestPlans.builder().setting("OPENSHELL_ENABLE_USER_NAMESPACES", "true")),
        new Scenario(
            "gateway-credentials",
            () ->
                TestPlans.builder()
                    .setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls")
                    .setting(
                        "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET",
                        "/spiffe-workload-api/spire-agent.sock")
                    .setting("OPENSHELL_GRPC_ENDPOINT", "https://openshell.openshell.svc:8080")
                    .setting("OPENSHELL_HOST_GATEWAY_IP", "10.0.0.1")
                    .setting("OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS", "regcred")
                    .setting("OPENSHELL_K8S_APP_ARMOR_PROFILE", "RuntimeDefault")
                    .setting("OPENSHELL_K8S_SA_TOKEN_TTL_SECS", "100000")
                    .setting("OPENSHELL_SUPERVISOR_IMAGE_PULL_POLICY", "IfNotPresent")
                    .setting("OPENSHELL_SANDBOX_IMAGE_PULL_POLICY", "Always")),
        new Scenario(
            "sidecar-gateway-credentials-proxy",
            () ->
                TestPlans.builder()
                    .setting("OPENSHELL_K8S_TOPOLOGY", "sidecar")
                    .setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls")
                    .setting(
                        "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET",
                        "/spiffe-workload-api/spire-agent.sock")
                    .setting("OPENSHELL_UPSTREAM_PROXY", "http://proxy.corp:3128")
                    .setting("OPENSHELL_UPSTREAM_NO_PROXY", "10.0.0.0/8,.corp")
                    .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_NAME", "proxy-auth")
                    .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY", "credentials")
                    .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_ALLOW_INSECURE", "true")),
        new Scenario(
            "v1alpha1-agent-socket-env",
            () ->
                TestPlans.builder()
                    .facts(new ClusterFacts(SandboxApiVersion.V1ALPHA1, Map.of()))
                    .agentSocket("/run/agent/agent.sock")
                    .logLevel("debug")
                    .command(List.of("python", "-m", "agent"), false)
                    .labels(Map.of("team", "a"))
                    .templateEnvironment(Map.of("A", "template", "B", "template"))
                    .environment(Map.of("B", "spec", "OPENSHELL_LOG_LEVEL", "trace"))
                    .platformConfig(
                        "{\"annotations\": {\"example.com/owner\": \"team-a\"},"
                            + " \"runtime_class_name\": \"gvisor\"}")));
  }
}
