package dev.berth.benchmarks.fuzz;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.berth.grpc.proto.DriverSandbox;
import java.util.List;
import java.util.Random;

/**
 * Seeded requests built from the proto schema and from each rule's boundary values. Most start from
 * a valid request and change one to three things to a boundary (so both sides of each rule are
 * reached); some fill every field the schema has with random values. Every environment value and
 * the sandbox token carry {@link #SECRET} so the runner can look for them in the log.
 */
final class FuzzRequests {

  /** Marks secret values; no log line may contain it. */
  static final String SECRET = "fz-secret-";

  private static final List<String> TEXT =
      List.of(
          "",
          "a",
          "A",
          "-a",
          "a-",
          "a".repeat(63),
          "a".repeat(64),
          "x".repeat(253),
          "x".repeat(254),
          "x".repeat(8192),
          "x".repeat(8193),
          "日本語",
          "\u0000",
          "a\nb",
          "../etc",
          "/abs/path",
          "..data",
          "Cpu",
          "nvidia.com/gpu",
          "openshell.ai/gateway-id",
          "ryno.ai/x",
          "1.5",
          "500m",
          "-1",
          "1e3",
          "abc",
          "NaN",
          " spaced ",
          "\u202e",
          "team-a",
          "example.com/key",
          "%s%n",
          "${jndi:x}");
  private static final List<String> QUANTITIES =
      List.of(
          "1",
          "2",
          "0",
          "1.5",
          "500m",
          "2Gi",
          "-1",
          "1e3",
          "1e400",
          "abc",
          "",
          "0.1m",
          "1Ki",
          "9223372036854775807",
          "1.2.3");
  private static final List<String> RESOURCE_NAMES =
      List.of(
          "cpu",
          "memory",
          "ephemeral-storage",
          "nvidia.com/gpu",
          "example.com/fpga",
          "Cpu",
          "gpu",
          "hugepages-2Mi",
          "hugepages-0",
          "requests.example.com/x",
          "kubernetes.io/x",
          "bad name");
  private static final List<String> PATHS =
      List.of(
          "/data",
          "/sandbox/data",
          "/sandbox",
          "/",
          "/etc/openshell",
          "relative",
          "/a/../b",
          "/a//b",
          "/data/",
          "/opt/openshell/bin/x",
          "/" + "p".repeat(300));

  private final Random random;

  FuzzRequests(long seed) {
    this.random = new Random(seed);
  }

  /** The request of case {@code index}; its id and name are unique to the case when valid. */
  DriverSandbox next(int index) {
    int kind = random.nextInt(100);
    if (kind < 15) {
      DriverSandbox.Builder any = DriverSandbox.newBuilder();
      fill(any, 0);
      return any.build();
    }
    DriverSandbox.Builder b = baseline(index).toBuilder();
    if (kind < 45) {
      b.getSpecBuilder().getTemplateBuilder().setDriverConfig(Configs.driverConfig(random));
    }
    if (kind < 60) {
      b.getSpecBuilder().getTemplateBuilder().setPlatformConfig(Configs.platformConfig(random));
    }
    int mutations = random.nextInt(4);
    for (int i = 0; i < mutations; i++) {
      mutate(b);
    }
    return b.build();
  }

  private DriverSandbox baseline(int index) {
    DriverSandbox.Builder b =
        DriverSandbox.newBuilder().setId("fz-" + index).setName("n" + index).setWorkspace("team-a");
    b.getSpecBuilder()
        .setSandboxToken(SECRET + "token-" + index)
        .putEnvironment("API_KEY", SECRET + index)
        .addCommand("python")
        .getTemplateBuilder()
        .setImage("ghcr.io/example/agent:1")
        .putLabels("team", "a")
        .putEnvironment("TOKEN", SECRET + "t" + index);
    return b.build();
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private String text() {
    return random.nextInt(5) == 0 ? randomText(1 + random.nextInt(40)) : pick(TEXT);
  }

  private String randomText(int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(
          (char) (random.nextInt(4) == 0 ? random.nextInt(0x3000) : 0x20 + random.nextInt(95)));
    }
    return out.toString();
  }

  private void mutate(DriverSandbox.Builder b) {
    var spec = b.getSpecBuilder();
    var template = spec.getTemplateBuilder();
    switch (random.nextInt(16)) {
      case 0 -> b.setId(text());
      case 1 -> b.setName(text());
      case 2 -> b.setWorkspace(text());
      case 3 -> template.setImage(text());
      case 4 -> template.setAgentSocketPath(pick(PATHS));
      case 5 -> spec.setLogLevel(text());
      case 6 -> spec.putEnvironment(text(), SECRET + text());
      case 7 -> template.putEnvironment(text(), SECRET + text());
      case 8 -> template.putLabels(text(), text());
      case 9 -> spec.addCommand(text());
      case 10 -> template.getResourcesBuilder().setCpuLimit(pick(QUANTITIES));
      case 11 -> template.getResourcesBuilder().setMemoryRequest(pick(QUANTITIES));
      case 12 -> spec.getResourceRequirementsBuilder().getGpuBuilder().setCount(random.nextInt(3));
      case 13 -> {
        int n = pick(List.of(127, 128, 129, 300));
        for (int i = 0; i < n; i++) {
          spec.putEnvironment("E" + i, SECRET + i);
        }
      }
      case 14 -> template.setUserNamespaces(random.nextBoolean());
      default -> template.putLabels("openshell.ai/sandbox-id", "x");
    }
  }

  /** Every field of the message, by type, down to a few levels; Structs get random trees. */
  private void fill(Message.Builder b, int depth) {
    for (FieldDescriptor f : b.getDescriptorForType().getFields()) {
      if (random.nextInt(3) == 0) {
        continue;
      }
      if (f.isMapField()) {
        for (int i = random.nextInt(4); i > 0; i--) {
          Message.Builder entry = b.newBuilderForField(f);
          fill(entry, depth + 1);
          b.addRepeatedField(f, entry.build());
        }
      } else if (f.isRepeated()) {
        for (int i = random.nextInt(3); i > 0; i--) {
          Object v = scalar(f, b, depth);
          if (v != null) {
            b.addRepeatedField(f, v);
          }
        }
      } else {
        Object v = scalar(f, b, depth);
        if (v != null) {
          b.setField(f, v);
        }
      }
    }
  }

  private Object scalar(FieldDescriptor f, Message.Builder parent, int depth) {
    return switch (f.getJavaType()) {
      case STRING -> f.getName().contains("environment") ? SECRET + text() : text();
      case BOOLEAN -> random.nextBoolean();
      case INT -> pick(List.of(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE));
      case LONG -> pick(List.of(0L, 1L, -1L, Long.MAX_VALUE));
      case FLOAT -> random.nextFloat();
      case DOUBLE -> pick(List.of(0.0, 1.5, Double.NaN, Double.POSITIVE_INFINITY));
      case BYTE_STRING -> ByteString.copyFromUtf8(text());
      case ENUM ->
          f.getEnumType().getValues().get(random.nextInt(f.getEnumType().getValues().size()));
      case MESSAGE -> {
        if (f.getMessageType().getFullName().equals(Struct.getDescriptor().getFullName())) {
          yield Configs.randomStruct(random, 0);
        }
        if (depth > 4) {
          yield null;
        }
        Message.Builder child = parent.newBuilderForField(f);
        fill(child, depth + 1);
        yield child.build();
      }
    };
  }

  /** A Value from the boundary pools, for Struct trees. */
  static Value value(Random random) {
    return switch (random.nextInt(9)) {
      case 0 ->
          Value.newBuilder()
              .setNumberValue(
                  List.of(
                          0.0,
                          -1.0,
                          1.5,
                          1e308,
                          9007199254740993.0,
                          Double.NaN,
                          Double.POSITIVE_INFINITY)
                      .get(random.nextInt(7)))
              .build();
      case 1 -> Value.newBuilder().setBoolValue(random.nextBoolean()).build();
      case 2 -> Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
      case 3 -> Value.newBuilder().setStructValue(Struct.getDefaultInstance()).build();
      case 4 -> Value.newBuilder().setListValue(ListValue.getDefaultInstance()).build();
      case 5 ->
          Value.newBuilder()
              .setStringValue(QUANTITIES.get(random.nextInt(QUANTITIES.size())))
              .build();
      case 6 -> Value.newBuilder().setStringValue(PATHS.get(random.nextInt(PATHS.size()))).build();
      case 7 ->
          Value.newBuilder()
              .setStringValue(RESOURCE_NAMES.get(random.nextInt(RESOURCE_NAMES.size())))
              .build();
      default -> Value.newBuilder().setStringValue(TEXT.get(random.nextInt(TEXT.size()))).build();
    };
  }
}
