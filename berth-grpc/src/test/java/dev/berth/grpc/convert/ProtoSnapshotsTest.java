package dev.berth.grpc.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.driver.SandboxSnapshot;
import dev.berth.grpc.proto.DriverCondition;
import dev.berth.grpc.proto.DriverPlatformEvent;
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
