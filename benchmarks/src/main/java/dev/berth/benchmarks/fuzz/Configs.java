package dev.berth.benchmarks.fuzz;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * driver_config and platform_config trees: valid baselines that exercise every schema section, then
 * changed at random places to boundary values, extra keys and removed keys.
 */
final class Configs {

  private static final List<String> DRIVER_BASELINES =
      List.of(
          """
          {"pod": {"node_selector": {"pool": "sandboxes"},
                   "tolerations": [{"key": "sandboxes", "operator": "Equal", "value": "true", "effect": "NoSchedule"}],
                   "runtime_class_name": "gvisor", "priority_class_name": "standard",
                   "security_context": {"fs_group": 2000, "seccomp_profile": {"type": "RuntimeDefault"},
                                        "sysctls": [{"name": "net.ipv4.ping_group_range", "value": "0 1"}]}},
           "containers": {"agent": {
              "resources": {"requests": {"ephemeral-storage": "1Gi", "example.com/fpga": "1"},
                            "limits": {"ephemeral-storage": "2Gi", "example.com/fpga": "1"}},
              "volume_mounts": [{"name": "ca", "mount_path": "/etc/pki/corp"},
                                {"name": "token", "mount_path": "/var/run/secrets/api"},
                                {"name": "scratch", "mount_path": "/scratch", "sub_path": "s"}],
              "security_context": {"allow_privilege_escalation": false,
                                   "capabilities": {"drop": ["NET_RAW"]}}}},
           "volumes": [
             {"name": "ca", "config_map": {"name": "corp-ca", "items": [{"key": "ca.crt", "path": "ca.crt", "mode": 292}]}},
             {"name": "token", "secret": {"secret_name": "api-token", "default_mode": 256}},
             {"name": "scratch", "empty_dir": {"medium": "Memory", "size_limit": "1Gi"}}],
           "workspace": {"persistent": false}}
          """,
          """
          {"volumes": [{"name": "data", "image": {"reference": "ghcr.io/example/datasets:v3"}}],
           "containers": {"agent": {"volume_mounts": [{"name": "data", "mount_path": "/datasets"}]}}}
          """,
          "{}");

  private static final String PLATFORM_BASELINE =
      """
      {"annotations": {"example.com/owner": "team-a"}, "runtime_class_name": "kata",
       "node_selector": {"pool": "gpu"},
       "tolerations": [{"key": "gpu", "operator": "Exists", "effect": "NoSchedule"}],
       "host_users": true,
       "resources_raw": {"requests": {"example.com/nic": "1"}, "limits": {"example.com/nic": "1"}}}
      """;

  private static final List<String> KEYS =
      List.of(
          "name",
          "path",
          "key",
          "items",
          "requests",
          "limits",
          "unknown_field",
          "mountPath",
          "node_selectr",
          "volumes",
          "pod",
          "annotations",
          "openshell.ai/x",
          "read_only");

  private Configs() {}

  static Struct driverConfig(Random random) {
    return mutated(parse(DRIVER_BASELINES.get(random.nextInt(DRIVER_BASELINES.size()))), random);
  }

  static Struct platformConfig(Random random) {
    return mutated(parse(PLATFORM_BASELINE), random);
  }

  private static Struct mutated(Struct base, Random random) {
    Value.Builder root = Value.newBuilder().setStructValue(base);
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      mutate(root, random, 0);
    }
    return root.getStructValue();
  }

  /** Walks to a random place below {@code v} and changes it. */
  private static void mutate(Value.Builder v, Random random, int depth) {
    boolean stop = random.nextInt(4) == 0 || depth > 6;
    if (v.hasStructValue()) {
      Struct.Builder s = v.getStructValue().toBuilder();
      List<String> keys = new ArrayList<>(s.getFieldsMap().keySet());
      if (stop || keys.isEmpty()) {
        switch (random.nextInt(3)) {
          case 0 -> s.putFields(KEYS.get(random.nextInt(KEYS.size())), FuzzRequests.value(random));
          case 1 -> {
            if (!keys.isEmpty()) {
              s.removeFields(keys.get(random.nextInt(keys.size())));
            }
          }
          default -> s = randomStruct(random, depth).toBuilder();
        }
      } else {
        String key = keys.get(random.nextInt(keys.size()));
        Value.Builder child = s.getFieldsOrThrow(key).toBuilder();
        mutate(child, random, depth + 1);
        s.putFields(key, child.build());
      }
      v.setStructValue(s);
    } else if (v.hasListValue() && v.getListValue().getValuesCount() > 0 && !stop) {
      ListValue.Builder l = v.getListValue().toBuilder();
      int i = random.nextInt(l.getValuesCount());
      Value.Builder child = l.getValues(i).toBuilder();
      mutate(child, random, depth + 1);
      l.setValues(i, child);
      if (random.nextInt(4) == 0) {
        l.addValues(l.getValues(i));
      }
      v.setListValue(l);
    } else {
      Value replacement =
          random.nextInt(20) == 0
              ? Value.newBuilder().setStructValue(deep(40)).build()
              : FuzzRequests.value(random);
      v.clear().mergeFrom(replacement);
    }
  }

  /** A random tree of boundary values. */
  static Struct randomStruct(Random random, int depth) {
    Struct.Builder s = Struct.newBuilder();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      Value child =
          depth < 3 && random.nextInt(3) == 0
              ? Value.newBuilder().setStructValue(randomStruct(random, depth + 1)).build()
              : FuzzRequests.value(random);
      s.putFields(KEYS.get(random.nextInt(KEYS.size())), child);
    }
    return s.build();
  }

  private static Struct deep(int levels) {
    Struct inner = Struct.getDefaultInstance();
    for (int i = 0; i < levels; i++) {
      inner =
          Struct.newBuilder()
              .putFields("a", Value.newBuilder().setStructValue(inner).build())
              .build();
    }
    return inner;
  }

  private static Struct parse(String json) {
    Struct.Builder b = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json, b);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a baseline does not parse", e);
    }
    return b.build();
  }
}
