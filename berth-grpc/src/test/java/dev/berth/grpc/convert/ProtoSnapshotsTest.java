package dev.berth.grpc.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.berth.driver.SandboxSnapshot;
import dev.berth.grpc.proto.DriverCondition;
import dev.berth.grpc.proto.DriverPlatformEvent;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProtoSnapshotsTest {

  private static DriverCondition condition(String time) {
    SandboxSnapshot snapshot =
        new SandboxSnapshot(
            "sb",
            "n",
            "ns",
            "ws",
            Optional.of(
                new SandboxSnapshot.Status(
                    "r",
                    "",
                    "",
                    "",
                    List.of(new SandboxSnapshot.Condition("Ready", "True", "", "", time)),
                    false)));
    return ProtoSnapshots.sandbox(snapshot).getStatus().getConditions(0);
  }

  @Test
  void readsConditionTimesExactlyAsProtobufsParserDoes() throws Exception {
    List<String> times =
        List.of(
            "2026-12-06T10:00:00Z",
            "2026-12-06T10:00:00.5Z",
            "2026-12-06T10:00:00.123456789Z",
            "2026-12-06T11:30:00+01:30",
            "1970-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z");
    for (String time : times) {
      assertThat(ProtoSnapshots.timestamp(time)).as(time).contains(Timestamps.parse(time));
    }
  }

  @Test
  void oddTextGetsProtobufsAnswer() {
    for (String text :
        List.of(
            "2026-12-06T10:00Z", // no seconds: java.time would take it, RFC 3339 does not
            "2026-12-06 10:00:00Z",
            "2026-13-06T10:00:00Z",
            "+12026-12-06T10:00:00Z",
            "yesterday",
            "2026-12-06T10:00:00")) {
      Optional<Timestamp> protobuf;
      try {
        protobuf = Optional.of(Timestamps.parse(text));
      } catch (ParseException e) {
        protobuf = Optional.empty();
      }
      assertThat(ProtoSnapshots.timestamp(text)).as(text).isEqualTo(protobuf);
    }
    assertThat(ProtoSnapshots.timestamp("yesterday")).isEmpty();
  }

  @Test
  void aConditionWithoutAReadableTimeKeepsItsTextAndHasNoTimestamp() {
    assertThat(condition("").hasTransitionTime()).isFalse();
    DriverCondition odd = condition("yesterday");
    assertThat(odd.getLastTransitionTime()).isEqualTo("yesterday");
    assertThat(odd.hasTransitionTime()).isFalse();
    DriverCondition offset = condition("2026-01-01T01:00:00+01:00");
    assertThat(offset.getTransitionTime().getSeconds()).isEqualTo(1767225600L);
  }

  @Test
  void anEventWithoutATimeHasNoTimestamp() {
    DriverPlatformEvent event =
        ProtoSnapshots.event(
                new SandboxSnapshot.Platform("sb", 0, "kubernetes", "Normal", "R", "m", Map.of()))
            .getPlatformEvent()
            .getEvent();
    assertThat(event.getTimestampMs()).isZero();
    assertThat(event.hasEventTime()).isFalse();
  }
}
