package dev.berth.grpc.convert;

import dev.berth.driver.SandboxSnapshot;
import dev.berth.grpc.proto.DriverCondition;
import dev.berth.grpc.proto.DriverPlatformEvent;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.DriverSandboxStatus;
import dev.berth.grpc.proto.WatchSandboxesDeletedEvent;
import dev.berth.grpc.proto.WatchSandboxesEvent;
import dev.berth.grpc.proto.WatchSandboxesPlatformEvent;
import dev.berth.grpc.proto.WatchSandboxesSandboxEvent;

/**
 * Observed sandboxes and watch events as protobuf messages. Like upstream, a snapshot has no spec
 * (the gateway keeps the desired state); the status is absent until the controller writes one.
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
            .setSandboxName(s.sandboxName())
            .setInstanceId(s.instanceId())
            .setAgentFd(s.agentFd())
            .setSandboxFd(s.sandboxFd())
            .setDeleting(s.deleting());
    for (SandboxSnapshot.Condition c : s.conditions()) {
      b.addConditions(
          DriverCondition.newBuilder()
              .setType(c.type())
              .setStatus(c.status())
              .setReason(c.reason())
              .setMessage(c.message())
              .setLastTransitionTime(c.lastTransitionTime()));
    }
    return b.build();
  }

  public static WatchSandboxesEvent event(SandboxSnapshot.Event event) {
    WatchSandboxesEvent.Builder b = WatchSandboxesEvent.newBuilder();
    if (event instanceof SandboxSnapshot.Updated u) {
      b.setSandbox(WatchSandboxesSandboxEvent.newBuilder().setSandbox(sandbox(u.sandbox())));
    } else if (event instanceof SandboxSnapshot.Deleted d) {
      b.setDeleted(WatchSandboxesDeletedEvent.newBuilder().setSandboxId(d.sandboxId()));
    } else if (event instanceof SandboxSnapshot.Platform p) {
      b.setPlatformEvent(
          WatchSandboxesPlatformEvent.newBuilder()
              .setSandboxId(p.sandboxId())
              .setEvent(
                  DriverPlatformEvent.newBuilder()
                      .setTimestampMs(p.timestampMs())
                      .setSource(p.source())
                      .setType(p.type())
                      .setReason(p.reason())
                      .setMessage(p.message())
                      .putAllMetadata(p.metadata())));
    }
    return b.build();
  }
}
