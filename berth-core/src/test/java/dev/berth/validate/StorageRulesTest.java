package dev.berth.validate;

import static dev.berth.validate.RuleCase.D;
import static dev.berth.validate.RuleCase.of;
import static dev.berth.validate.RuleCase.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.SandboxPlan;
import dev.berth.plan.StoragePlan.PlannedMount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Volumes, mounts and the workspace: a valid baseline, then one mutation per rule. */
class StorageRulesTest {

  private static final String V = D + "volumes";
  private static final String M = D + "containers.agent.volume_mounts";

  static List<RuleCase> cases() {
    return List.of(
        of(
            "volume name required",
            m -> m.remove("/volumes/4/name"),
            V + "[4].name",
            "is required; name the volume so mounts can refer to it (for example 'datasets')."),
        of(
            "volume name DNS-1123",
            m ->
                m.set("/volumes/4/name", "\"Scratch\"")
                    .set("/containers/agent/volume_mounts/5/name", "\"Scratch\""),
            V + "[4].name",
            "'Scratch' is not a valid volume name: use at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit."),
        of(
            "reserved workspace name",
            m ->
                m.set("/volumes/4/name", "\"workspace\"")
                    .set("/containers/agent/volume_mounts/5/name", "\"workspace\""),
            V + "[4].name",
            "volume name 'workspace' is reserved for volumes the driver manages (workspace and names starting with 'openshell-'); choose another name."),
        of(
            "reserved sidecar volume name",
            m ->
                m.set("/volumes/4/name", "\"openshell-sidecar-state\"")
                    .set("/containers/agent/volume_mounts/5/name", "\"openshell-sidecar-state\""),
            V + "[4].name",
            "volume name 'openshell-sidecar-state' is reserved for volumes the driver manages (workspace and names starting with 'openshell-'); choose another name."),
        of(
            "duplicate volume name",
            m -> m.set("/volumes/4/name", "\"token\"").remove("/containers/agent/volume_mounts/5"),
            V + "[4].name",
            "volume name 'token' is already used by " + V + "[3]; give each volume its own name."),
        of(
            "hostPath refused",
            m -> m.set("/volumes/4", "{\"name\": \"scratch\", \"hostPath\": {\"path\": \"/var\"}}"),
            V + "[4].hostPath",
            "host_path volumes are refused: they expose the node's filesystem to the sandbox and are rejected by Pod Security 'baseline' and OpenShift restricted-v2; use a persistent_volume_claim instead."),
        of(
            "no source",
            m -> m.set("/volumes/4", "{\"name\": \"scratch\"}"),
            V + "[4]",
            "has no source; add exactly one of persistent_volume_claim, config_map, secret, empty_dir, image."),
        of(
            "two sources",
            m -> m.set("/volumes/4/secret", "{\"secret_name\": \"x\"}"),
            V + "[4]",
            "sets 2 sources (secret, empty_dir); a volume has exactly one, so split it into separate volumes."),
        of(
            "claim name required",
            m -> m.remove("/volumes/0/persistent_volume_claim/claim_name"),
            V + "[0].persistent_volume_claim.claim_name",
            "is required; name the claim to use (for example 'workspace-data')."),
        of(
            "claim name subdomain",
            m -> m.set("/volumes/0/persistent_volume_claim/claim_name", "\"Team_Data\""),
            V + "[0].persistent_volume_claim.claim_name",
            "'Team_Data' is not a valid claim name: use at most 253 characters of lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit."),
        of(
            "config map name",
            m -> m.set("/volumes/2/config_map/name", "\"Corp CA\""),
            V + "[2].config_map.name",
            "'Corp CA' is not a valid config map name: use at most 253 characters of lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit."),
        of(
            "item key",
            m -> m.set("/volumes/2/config_map/items/0/key", "\"ca crt\""),
            V + "[2].config_map.items[0].key",
            "'ca crt' is not a valid key; use letters, digits, '-', '_' or '.'."),
        of(
            "item path escapes",
            m -> m.set("/volumes/2/config_map/items/0/path", "\"../ca.crt\""),
            V + "[2].config_map.items[0].path",
            "'../ca.crt' must not contain '..', which would leave the volume."),
        of(
            "item mode range",
            m -> m.set("/volumes/2/config_map/items/0/mode", "1000"),
            V + "[2].config_map.items[0].mode",
            "is 1000; a file mode must be between 0 and 511 (octal 0777), for example 256 for 0400."),
        of(
            "secret name required",
            m -> m.remove("/volumes/3/secret/secret_name"),
            V + "[3].secret.secret_name",
            "is required; name the secret to use (for example 'api-credentials')."),
        of(
            "default mode",
            m -> m.set("/volumes/3/secret/default_mode", "-1"),
            V + "[3].secret.default_mode",
            "is -1; a file mode must be between 0 and 511 (octal 0777), for example 256 for 0400."),
        of(
            "empty dir medium",
            m -> m.set("/volumes/4/empty_dir/medium", "\"Disk\""),
            V + "[4].empty_dir.medium",
            "'Disk' is not a medium; use 'Memory' for a RAM-backed volume or leave it out for node disk."),
        of(
            "negative size limit",
            m -> m.set("/volumes/4/empty_dir/size_limit", "\"-1Gi\""),
            V + "[4].empty_dir.size_limit",
            "'-1Gi' is negative; a size limit must be 0 or more."),
        of(
            "bad size limit",
            m -> m.set("/volumes/4/empty_dir/size_limit", "\"1GB\""),
            V + "[4].empty_dir.size_limit",
            "'1GB' is not a quantity; use a number with an optional suffix such as 500m, 2, 512Mi or 4Gi."),
        of(
            "image reference required",
            m -> m.remove("/volumes/1/image/reference"),
            V + "[1].image.reference",
            "is required; name the image whose files the volume shows, for example 'ghcr.io/org/datasets:v3'."),
        of(
            "image pull policy",
            m -> m.set("/volumes/1/image/pull_policy", "\"always\""),
            V + "[1].image.pull_policy",
            "'always' is not a pull policy; use 'Always', 'IfNotPresent' or 'Never'."),
        of(
            "mount name required",
            m -> m.remove("/containers/agent/volume_mounts/5/name"),
            M + "[5].name",
            "is required; name the volume to mount, as declared under volumes[]."),
        of(
            "unknown volume",
            m -> m.set("/containers/agent/volume_mounts/5/name", "\"tmp\""),
            M + "[5].name",
            "refers to volume 'tmp', which is not declared under driver_config.kubernetes.volumes (declared volumes: 'data', 'datasets', 'ca', 'token', 'scratch'); declare it or fix the name."),
        of(
            "mount path required",
            m -> m.remove("/containers/agent/volume_mounts/5/mount_path"),
            M + "[5].mount_path",
            "is required; give an absolute path such as '/sandbox/data'."),
        of(
            "relative mount path",
            m -> m.set("/containers/agent/volume_mounts/5/mount_path", "\"scratch\""),
            M + "[5].mount_path",
            "'scratch' must be an absolute path starting with '/'."),
        of(
            "dot-dot in mount path",
            m -> m.set("/containers/agent/volume_mounts/5/mount_path", "\"/sandbox/../etc\""),
            M + "[5].mount_path",
            "'/sandbox/../etc' must be normalized, without empty, '.' or '..' segments."),
        of(
            "double slash",
            m -> m.set("/containers/agent/volume_mounts/5/mount_path", "\"/mnt//x\""),
            M + "[5].mount_path",
            "'/mnt//x' must be normalized, without empty, '.' or '..' segments."),
        of(
            "whitespace",
            m -> m.set("/containers/agent/volume_mounts/5/mount_path", "\" /scratch\""),
            M + "[5].mount_path",
            "' /scratch' must not start or end with whitespace."),
        of(
            "control character",
            m -> m.set("/containers/agent/volume_mounts/5/mount_path", "\"/scr\\u0000atch\""),
            M + "[5].mount_path",
            "'/scr\\u0000atch' must not contain control characters."),
        of(
            "container root",
            m -> m.set("/containers/agent/volume_mounts/5/mount_path", "\"/\""),
            M + "[5].mount_path",
            "'/' must not be the container root '/'."),
        of(
            "inside control root",
            m -> m.set("/containers/agent/volume_mounts/5/mount_path", "\"/opt/openshell/bin\""),
            M + "[5].mount_path",
            "'/opt/openshell/bin' is inside '/opt/openshell', which the OpenShell supervisor owns; mount somewhere else, for example under /sandbox or /mnt."),
        of(
            "covering control root",
            m -> m.set("/containers/agent/volume_mounts/5/mount_path", "\"/run\""),
            M + "[5].mount_path",
            "'/run' would cover '/run/openshell', '/run/openshell-sidecar' and '/run/netns', which the OpenShell supervisor owns; mount somewhere else, for example under /sandbox or /mnt."),
        of(
            "similar prefix is fine but protected path is not",
            m ->
                m.set(
                    "/containers/agent/volume_mounts/5/mount_path",
                    "\"/var/run/secrets/openshell/x\""),
            M + "[5].mount_path",
            "'/var/run/secrets/openshell/x' is inside '/var/run/secrets/openshell', which holds the sandbox's gateway credentials; mount somewhere else."),
        with(
            "spiffe directory protected when enabled",
            Map.of(
                "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET", "/spiffe-workload-api/agent.sock"),
            m -> m.set("/containers/agent/volume_mounts/5/mount_path", "\"/spiffe-workload-api\""),
            M + "[5].mount_path",
            "'/spiffe-workload-api' is a reserved path, which holds the sandbox's gateway credentials; mount somewhere else."),
        of(
            "workspace itself",
            m -> m.set("/containers/agent/volume_mounts/5/mount_path", "\"/sandbox/\""),
            M + "[5].mount_path",
            "'/sandbox' would cover the /sandbox workspace; mount below it (for example /sandbox/data) or elsewhere."),
        of(
            "duplicate after normalization",
            m -> m.set("/containers/agent/volume_mounts/5/mount_path", "\"/sandbox/models/\""),
            M + "[5].mount_path",
            "'/sandbox/models' is already used by "
                + M
                + "[0]; a container can mount only one volume at a path."),
        of(
            "absolute sub_path",
            m -> m.set("/containers/agent/volume_mounts/0/sub_path", "\"/models\""),
            M + "[0].sub_path",
            "'/models' must be relative to the volume root, without a leading '/'."),
        of(
            "sub_path escapes",
            m -> m.set("/containers/agent/volume_mounts/0/sub_path", "\"a/../../b\""),
            M + "[0].sub_path",
            "'a/../../b' must not contain '..', which would leave the volume."),
        of(
            "empty sub_path",
            m -> m.set("/containers/agent/volume_mounts/0/sub_path", "\"\""),
            M + "[0].sub_path",
            "'' must not be empty; leave sub_path out to mount the whole volume."),
        of(
            "write mount of read-only claim",
            m ->
                m.remove("/volumes/0/persistent_volume_claim/read_only")
                    .set("/containers/agent/volume_mounts/0/read_only", "false"),
            M + "[0].read_only",
            "is false, but volume 'data' is read-only; set persistent_volume_claim.read_only: false on the volume to allow writes (the mount then inherits it)."),
        of(
            "write mount of config map",
            m -> m.set("/containers/agent/volume_mounts/3/read_only", "false"),
            M + "[3].read_only",
            "is false, but config_map volumes are always mounted read-only; remove read_only."),
        of(
            "workspace size without persistence",
            m -> m.set("/workspace/persistent", "false"),
            D + "workspace.storage_size",
            "has no effect when persistent is false (the workspace is then an emptyDir); remove it or set persistent: true."),
        of(
            "workspace size",
            m -> m.set("/workspace/storage_size", "\"0\""),
            D + "workspace.storage_size",
            "'0' is not a usable size; use a positive quantity such as 10Gi."),
        of(
            "storage class",
            m -> m.set("/workspace/storage_class", "\"Fast SSD\""),
            D + "workspace.storage_class",
            "'Fast SSD' is not a valid storage class name: use at most 253 characters of lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit."));
  }

  @Test
  void baselineIsValid() {
    assertThat(new RuleCase("baseline", Map.of(), m -> {}, List.of()).run()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachRuleReportsExactlyItsViolation(RuleCase c) {
    assertThat(c.run()).containsExactlyElementsOf(c.expected());
  }

  @Test
  void mountsAreNormalizedOrderedParentFirstAndInheritReadOnly() {
    SandboxPlan plan =
        RuleCase.plan(
            Map.of(),
            m ->
                m.set("/containers/agent/volume_mounts/0/mount_path", "\"/sandbox/models/deep/\"")
                    .set(
                        "/containers/agent/volume_mounts/6",
                        "{\"name\": \"data\", \"mount_path\": \"/sandbox/models\"}"));

    List<PlannedMount> mounts = plan.storage().mounts();
    assertThat(mounts)
        .extracting(PlannedMount::mountPath)
        .containsExactly(
            "/datasets",
            "/scratch",
            "/sandbox/cache",
            "/sandbox/models",
            "/etc/pki/corp",
            "/sandbox/models/deep",
            "/var/run/secrets/api");
    assertThat(mounts)
        .filteredOn(p -> p.mountPath().equals("/sandbox/models/deep"))
        .singleElement()
        .satisfies(p -> assertThat(p.readOnly()).as("inherits the writable claim").isFalse());
    assertThat(mounts)
        .filteredOn(p -> p.mountPath().equals("/sandbox/cache"))
        .singleElement()
        .satisfies(p -> assertThat(p.readOnly()).as("mount tightens itself").isTrue());
    assertThat(mounts)
        .filteredOn(p -> p.mountPath().equals("/datasets"))
        .singleElement()
        .satisfies(p -> assertThat(p.readOnly()).isTrue());
    assertThat(mounts)
        .filteredOn(p -> p.mountPath().equals("/scratch"))
        .singleElement()
        .satisfies(p -> assertThat(p.readOnly()).as("emptyDir is scratch space").isFalse());
    assertThat(plan.storage().workspace().persistent()).isTrue();
    assertThat(plan.storage().workspace().storageSize()).isEqualTo("10Gi");
  }

  @Test
  void spiffeDirectoryIsFreeWhenSpiffeIsOff() {
    assertThat(
            new RuleCase(
                    "x",
                    Map.of(),
                    m ->
                        m.set(
                            "/containers/agent/volume_mounts/5/mount_path",
                            "\"/spiffe-workload-api\""),
                    List.of())
                .run())
        .isEmpty();
  }

  @Test
  void ephemeralWorkspaceUsesNoClaim() {
    SandboxPlan plan = RuleCase.plan(Map.of(), m -> m.set("/workspace", "{\"persistent\": false}"));

    assertThat(plan.storage().workspace().persistent()).isFalse();
  }
}
