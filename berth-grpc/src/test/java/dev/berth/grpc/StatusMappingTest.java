package dev.berth.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.BadRequest;
import com.google.rpc.PreconditionFailure;
import dev.berth.driver.DriverException;
import dev.berth.driver.DriverException.Kind;
import dev.berth.result.Violation;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatusMappingTest {

  @Test
  void everyDriverFailureKindHasItsCode() {
    Map<Kind, Status.Code> expected = new EnumMap<>(Kind.class);
    expected.put(Kind.INVALID_ARGUMENT, Status.Code.INVALID_ARGUMENT);
    expected.put(Kind.NOT_FOUND, Status.Code.NOT_FOUND);
    expected.put(Kind.ALREADY_EXISTS, Status.Code.ALREADY_EXISTS);
    expected.put(Kind.CONFLICT, Status.Code.ABORTED);
    expected.put(Kind.FAILED_PRECONDITION, Status.Code.FAILED_PRECONDITION);
    expected.put(Kind.PERMISSION_DENIED, Status.Code.PERMISSION_DENIED);
    expected.put(Kind.UNAUTHENTICATED, Status.Code.UNAUTHENTICATED);
    expected.put(Kind.UNAVAILABLE, Status.Code.UNAVAILABLE);
    expected.put(Kind.DEADLINE_EXCEEDED, Status.Code.DEADLINE_EXCEEDED);
    expected.put(Kind.INTERNAL, Status.Code.INTERNAL);
    assertThat(expected).hasSize(Kind.values().length);

    expected.forEach(
        (kind, code) -> {
          DriverException e = new DriverException(kind, "what happened");
          StatusException mapped = StatusMapping.of(e);
          assertThat(mapped.getStatus().getCode()).as(kind.name()).isEqualTo(code);
          assertThat(mapped.getStatus().getDescription()).isEqualTo("what happened");
          assertThat(mapped.getStatus().getCause()).isSameAs(e);
        });
  }

  @Test
  void violationsBecomeOneMessageAndOneFieldViolationEach() throws Exception {
    List<Violation> violations =
        List.of(
            new Violation("name", "'X' is not a valid sandbox name."),
            new Violation(
                "driver_config.kubernetes.volumes[0].persistent_volume_claim.claim_name",
                "is required."));

    StatusException e = StatusMapping.invalid(violations);

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .isEqualTo(
            "name: 'X' is not a valid sandbox name.; "
                + "driver_config.kubernetes.volumes[0].persistent_volume_claim.claim_name:"
                + " is required.");
    BadRequest details = StatusProto.fromThrowable(e).getDetails(0).unpack(BadRequest.class);
    assertThat(details.getFieldViolationsCount()).isEqualTo(2);
    assertThat(StatusMapping.violations(e)).containsExactlyElementsOf(violations);
  }

  @Test
  void structuredDriverFailuresKeepTheirStructure() throws Exception {
    List<Violation> violations = List.of(new Violation("name", "'X' is not a valid sandbox name."));
    StatusException invalid = StatusMapping.of(DriverException.invalid(violations));
    assertThat(invalid.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(StatusMapping.violations(invalid)).containsExactlyElementsOf(violations);

    StatusException missing =
        StatusMapping.of(
            DriverException.precondition(
                "claim 'data' is missing", "PersistentVolumeClaim", List.of("ns/data")));
    assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(missing.getStatus().getDescription()).isEqualTo("claim 'data' is missing");
    PreconditionFailure details =
        StatusProto.fromThrowable(missing).getDetails(0).unpack(PreconditionFailure.class);
    assertThat(details.getViolations(0).getType()).isEqualTo("PersistentVolumeClaim");
    assertThat(details.getViolations(0).getSubject()).isEqualTo("ns/data");
  }

  @Test
  void longListsAreCutToFitTheTrailersAndSaySo() throws Exception {
    List<Violation> many =
        IntStream.range(0, 500)
            .mapToObj(
                i ->
                    new Violation(
                        "driver_config.kubernetes.volumes[" + i + "].name",
                        "'Bad_Name_"
                            + i
                            + "' is not a valid volume name: use at most 63"
                            + " lowercase letters, digits or '-'."))
            .toList();

    StatusException e = StatusMapping.invalid(many);

    String message = e.getStatus().getDescription();
    assertThat(message.length()).isLessThanOrEqualTo(StatusMapping.MESSAGE_LIMIT);
    assertThat(message)
        .startsWith(many.get(0).toString())
        .matches(".*; and \\d+ more violations \\(see the google.rpc.BadRequest details\\)");
    var proto = StatusProto.fromThrowable(e);
    List<Violation> listed = StatusMapping.violations(e);
    assertThat(listed.subList(0, listed.size() - 1)).isEqualTo(many.subList(0, listed.size() - 1));
    assertThat(listed.get(listed.size() - 1).message())
        .isEqualTo(
            "and " + (501 - listed.size()) + " more violations not listed; fix these first.");
    // grpc-message plus base64 grpc-status-details-bin: well under tonic's 16 KiB.
    int trailers = message.length() + (proto.getSerializedSize() + 2) / 3 * 4;
    assertThat(trailers).isLessThan(12 * 1024);
  }

  @Test
  void statusesWithoutDetailsCarryNoViolations() {
    assertThat(StatusMapping.violations(Status.NOT_FOUND.asRuntimeException())).isEmpty();
    assertThat(StatusMapping.violations(new IllegalStateException("not a status"))).isEmpty();
  }

  @Test
  void anEmptyViolationListIsABug() {
    assertThatThrownBy(() -> StatusMapping.invalid(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHugeViolationIsCutNotDropped() {
    Violation huge = new Violation("spec.template.labels['x']", "is " + "x".repeat(10_000));
    Violation next = new Violation("name", "is required.");

    List<Violation> shown = StatusMapping.violations(StatusMapping.invalid(List.of(huge, next)));

    assertThat(shown).hasSize(2);
    assertThat(shown.get(0).field()).isEqualTo(huge.field());
    assertThat(shown.get(0).message()).hasSizeLessThanOrEqualTo(Violation.MAX_SHOWN);
    assertThat(shown.get(0).message()).startsWith("is xxx").endsWith(" more)");
    assertThat(shown.get(1)).isEqualTo(next);
  }

  @Test
  void theWorstStatusFitsTheDefaultEightKibOfMetadata() {
    // Non-ASCII text costs three bytes, and nine once percent-encoded in grpc-message.
    List<Violation> worst =
        IntStream.range(0, 2_000)
            .mapToObj(i -> new Violation("f".repeat(5_000) + i, "é€".repeat(5_000)))
            .toList();

    StatusException e = StatusMapping.invalid(worst);

    var proto = StatusProto.fromThrowable(e);
    int trailers =
        "grpc-status".length()
            + 3
            + "grpc-message".length()
            + StatusMapping.encodedLength(e.getStatus().getDescription())
            + "grpc-status-details-bin".length()
            + (proto.getSerializedSize() + 2) / 3 * 4
            + 3 * 32;
    assertThat(trailers).isLessThanOrEqualTo(8 * 1024);
    List<Violation> shown = StatusMapping.violations(e);
    assertThat(shown.size()).isGreaterThan(2);
    assertThat(shown.get(0).message()).startsWith("é€é€");
  }
}
