package dev.berth.grpc.convert;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.berth.driver.SandboxSnapshot;
import dev.berth.grpc.proto.DriverCondition;
import dev.berth.grpc.proto.DriverPlatformEvent;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.DriverSandboxStatus;
import dev.berth.grpc.proto.WatchSandboxesDeletedEvent;
import dev.berth.grpc.proto.WatchSandboxesEvent;
import dev.berth.grpc.proto.WatchSandboxesPlatformEvent;
import dev.berth.grpc.proto.WatchSandboxesSandboxEvent;
import java.text.ParseException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Observed sandboxes and watch events as protobuf messages. Like upstream, a snapshot has no spec
 * (the gateway keeps the desired state); the status is absent until the controller writes one.
 * Times go out in both generations' fields: G1 reads condition time 5 (text) and event time 1
 * (milliseconds), G2 and later read 105 and 101 (timestamps); each skips the other's.
 */
public final class ProtoSnapshots {

  private ProtoSnapshots() {}

  public static DriverSandbox sandbox(SandboxSnapshot snapshot) {
    DriverSandbox.Builder b =
        DriverSandbox.newBuilder()
            .setId(snapshot.id())
            .setName(snapshot.name())
            .setNamespace(snapshot.namespace())
            .setWorkspace(snapshot.workspace());
    snapshot.status().ifPresent(s -> b.setStatus(status(s)));
    return b.build();
  }

  static DriverSandboxStatus status(SandboxSnapshot.Status s) {
    DriverSandboxStatus.Builder b =
        DriverSandboxStatus.newBuilder()
            .setName(s.sandboxName())
            .setInstanceId(s.instanceId())
            .setAgentFd(s.agentFd())
            .setSandboxFd(s.sandboxFd())
            .setDeleting(s.deleting());
    for (SandboxSnapshot.Condition c : s.conditions()) {
      DriverCondition.Builder condition =
          DriverCondition.newBuilder()
              .setType(c.type())
              .setStatus(c.status())
              .setReason(c.reason())
              .setMessage(c.message())
              .setLastTransitionTime(c.lastTransitionTime());
      timestamp(c.lastTransitionTime()).ifPresent(condition::setTransitionTime);
      b.addConditions(condition);
    }
    return b.build();
  }

  /**
   * The instant of an RFC 3339 condition time; empty for the empty text of a condition without one,
   * or for text that is not a time (passed through verbatim in field 5 all the same).
   *
   * <p>java.time reads the API server's form ({@code 2026-12-06T10:00:00Z}, fractions and offsets
   * too) about ten times faster than protobuf's {@link Timestamps#parse}, which goes through {@code
   * SimpleDateFormat} and was over half of ListSandboxes' time at 10,000 sandboxes. Text that
   * java.time does not take whole (or that lacks seconds, which it would allow and RFC 3339 does
   * not) is left to {@link Timestamps#parse}, so the accepted set is protobuf's.
   */
  static Optional<Timestamp> timestamp(String rfc3339) {
    if (rfc3339.isEmpty()) {
      return Optional.empty();
    }
    if (rfc3339.length() >= 20 && rfc3339.charAt(4) == '-' && rfc3339.charAt(16) == ':') {
      try {
        Instant instant = OffsetDateTime.parse(rfc3339).toInstant();
        Timestamp t =
            Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
        if (Timestamps.isValid(t)) {
          return Optional.of(t);
        }
      } catch (DateTimeParseException e) {
        // not java.time's form; protobuf's parser decides below
      }
    }
    try {
      return Optional.of(Timestamps.parse(rfc3339));
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  public static WatchSandboxesEvent event(SandboxSnapshot.Event event) {
    WatchSandboxesEvent.Builder b = WatchSandboxesEvent.newBuilder();
    if (event instanceof SandboxSnapshot.Updated u) {
      b.setSandbox(WatchSandboxesSandboxEvent.newBuilder().setSandbox(sandbox(u.sandbox())));
    } else if (event instanceof SandboxSnapshot.Deleted d) {
      b.setDeleted(WatchSandboxesDeletedEvent.newBuilder().setSandboxId(d.sandboxId()));
    } else if (event instanceof SandboxSnapshot.Platform p) {
      DriverPlatformEvent.Builder platform =
          DriverPlatformEvent.newBuilder()
              .setTimestampMs(p.timestampMs())
              .setSource(p.source())
              .setType(p.type())
              .setReason(p.reason())
              .setMessage(p.message())
              .putAllMetadata(p.metadata());
      // 0 means the event carried no time; an unset timestamp says so to G2, as 0 does to G1.
      if (p.timestampMs() != 0) {
        platform.setEventTime(Timestamps.fromMillis(p.timestampMs()));
      }
      b.setPlatformEvent(
          WatchSandboxesPlatformEvent.newBuilder().setSandboxId(p.sandboxId()).setEvent(platform));
    }
    return b.build();
  }
}
