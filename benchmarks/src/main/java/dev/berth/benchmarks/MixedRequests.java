package dev.berth.benchmarks;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.berth.grpc.proto.ComputeDriverGrpc;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DeleteSandboxRequest;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.GetCapabilitiesRequest;
import dev.berth.grpc.proto.GetSandboxRequest;
import dev.berth.grpc.proto.ListSandboxesRequest;
import dev.berth.grpc.proto.ValidateSandboxCreateRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The request mix of {@link ServeMemoryBenchmark}: a deterministic sequence (seeded) of valid and
 * invalid calls, the invalid ones each breaking a different rule. Valid creates are deleted again a
 * few calls later, so the cluster (and the driver's cache) stays small and any growth of the
 * driver's memory is the driver's.
 */
final class MixedRequests {

  /** What one call was; {@link #pick} maps a number in [0, 100) onto these shares. */
  enum Kind {
    CREATE_VALID(8),
    CREATE_BAD_NAME(8),
    CREATE_HUGE_NAME(4),
    CREATE_BAD_ENV(8),
    CREATE_BAD_DRIVER_CONFIG(8),
    CREATE_BAD_RESOURCES(8),
    CREATE_NO_SANDBOX(4),
    VALIDATE_VALID(16),
    VALIDATE_INVALID(8),
    GET_EXISTING(8),
    GET_MISSING(8),
    LIST(6),
    CAPABILITIES(6);

    final int share;

    Kind(int share) {
      this.share = share;
    }
  }

  private final DriverSandbox template = CreateSandboxBenchmark.request("template", "template");
  private final Random random;
  private final Map<String, Integer> outcomes = new TreeMap<>();
  private int created;
  private String lastCreated = "";
  private int deleted;

  MixedRequests(long seed) {
    this.random = new Random(seed);
  }

  /** The kind a number in [0, 100) stands for; the shares add up to 100. */
  static Kind pick(int percent) {
    int upTo = 0;
    for (Kind k : Kind.values()) {
      upTo += k.share;
      if (percent < upTo) {
        return k;
      }
    }
    throw new IllegalArgumentException("not in [0, 100): " + percent);
  }

  /** Makes call number {@code i}; a valid create is deleted again before the next one. */
  void call(ComputeDriverGrpc.ComputeDriverBlockingStub stub, int i) {
    Kind kind = pick(random.nextInt(100));
    ComputeDriverGrpc.ComputeDriverBlockingStub s = stub.withDeadlineAfter(60, TimeUnit.SECONDS);
    String id = String.format(Locale.ROOT, "mem-%07d", i);
    String outcome;
    try {
      switch (kind) {
        case CREATE_VALID -> {
          if (created > deleted) {
            s.deleteSandbox(DeleteSandboxRequest.newBuilder().setSandboxId(lastCreated).build());
            deleted++;
          }
          s.createSandbox(CreateSandboxRequest.newBuilder().setSandbox(sandbox(id)).build());
          lastCreated = id;
          created++;
        }
        case CREATE_BAD_NAME ->
            s.createSandbox(create(sandbox(id).toBuilder().setName("Bad_Name!")));
        case CREATE_HUGE_NAME ->
            s.createSandbox(create(sandbox(id).toBuilder().setName("n".repeat(8192))));
        case CREATE_BAD_ENV -> {
          DriverSandbox.Builder b = sandbox(id).toBuilder();
          b.getSpecBuilder().putEnvironment("1BAD KEY", "x".repeat(random.nextInt(2000)));
          s.createSandbox(create(b));
        }
        case CREATE_BAD_DRIVER_CONFIG -> {
          DriverSandbox.Builder b = sandbox(id).toBuilder();
          b.getSpecBuilder()
              .getTemplateBuilder()
              .setDriverConfig(
                  Struct.newBuilder()
                      .putFields("no_such_key", Value.newBuilder().setNumberValue(1).build())
                      .putFields(
                          "volumes", Value.newBuilder().setStringValue("not a list " + i).build()));
          s.createSandbox(create(b));
        }
        case CREATE_BAD_RESOURCES -> {
          DriverSandbox.Builder b = sandbox(id).toBuilder();
          b.getSpecBuilder().getTemplateBuilder().getResourcesBuilder().setCpuRequest("abc" + i);
          s.createSandbox(create(b));
        }
        case CREATE_NO_SANDBOX -> s.createSandbox(CreateSandboxRequest.getDefaultInstance());
        case VALIDATE_VALID ->
            s.validateSandboxCreate(
                ValidateSandboxCreateRequest.newBuilder().setSandbox(sandbox(id)).build());
        case VALIDATE_INVALID ->
            s.validateSandboxCreate(
                ValidateSandboxCreateRequest.newBuilder()
                    .setSandbox(sandbox(id).toBuilder().setId("").setName("-" + i))
                    .build());
        case GET_EXISTING ->
            s.getSandbox(
                GetSandboxRequest.newBuilder()
                    .setSandboxId(created > deleted ? lastCreated : id)
                    .build());
        case GET_MISSING -> s.getSandbox(GetSandboxRequest.newBuilder().setSandboxId(id).build());
        case LIST -> s.listSandboxes(ListSandboxesRequest.getDefaultInstance());
        case CAPABILITIES -> s.getCapabilities(GetCapabilitiesRequest.getDefaultInstance());
      }
      outcome = "OK";
    } catch (StatusRuntimeException e) {
      outcome = e.getStatus().getCode().name();
      if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT && kind == Kind.CREATE_VALID) {
        throw e;
      }
    }
    outcomes.merge(kind.name().toLowerCase(Locale.ROOT) + " " + outcome, 1, Integer::sum);
  }

  /** Deletes what is still there, so the next run starts from the same cluster. */
  void cleanUp(ComputeDriverGrpc.ComputeDriverBlockingStub stub) {
    if (created > deleted) {
      stub.deleteSandbox(DeleteSandboxRequest.newBuilder().setSandboxId(lastCreated).build());
      deleted++;
    }
  }

  /** Calls by kind and answer ("create_bad_name INVALID_ARGUMENT" → count). */
  Map<String, Integer> outcomes() {
    return outcomes;
  }

  List<Integer> createdAndDeleted() {
    return List.of(created, deleted);
  }

  private DriverSandbox sandbox(String id) {
    return template.toBuilder().setId(id).setName("m" + id).build();
  }

  private CreateSandboxRequest create(DriverSandbox.Builder sandbox) {
    return CreateSandboxRequest.newBuilder().setSandbox(sandbox).build();
  }
}
