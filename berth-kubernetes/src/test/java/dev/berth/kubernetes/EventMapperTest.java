package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.driver.SandboxSnapshot;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventMapperTest {

  /** ns-a/ws--agent is sandbox sb-1 with agent pod agent-pod-1; ns-b/ws--agent is sb-2. */
  private static final EventMapper.Lookup LOOKUP =
      new EventMapper.Lookup() {
        @Override
        public Optional<String> byResourceName(String namespace, String name) {
          return Optional.ofNullable(
              Map.of("ns-a/ws--agent", "sb-1", "ns-b/ws--agent", "sb-2")
                  .get(namespace + "/" + name));
        }

        @Override
        public Optional<String> byAgentPod(String namespace, String pod) {
          return Optional.ofNullable(Map.of("ns-a/agent-pod-1", "sb-1").get(namespace + "/" + pod));
        }

        @Override
        public Optional<String> byId(String namespace, String sandboxId) {
          return Optional.ofNullable(
              Map.of("ns-a/sb-1", "sb-1", "ns-b/sb-2", "sb-2").get(namespace + "/" + sandboxId));
        }
      };

  @Test
  void aSupervisorPodsEventsBelongToItsSandbox() {
    SandboxSnapshot.Platform p =
        map(event("Pod", "os-supervisor-sb-1", "Pulling", "Pulling image \"sup:1\"").build());
    assertThat(p.sandboxId()).isEqualTo("sb-1");
    assertThat(p.metadata()).containsEntry("involved_name", "os-supervisor-sb-1");
    // Another namespace's sandbox of that id, or a pod merely named alike, is not it.
    assertThat(EventMapper.map(event("Pod", "os-supervisor-sb-2", "Pulling", "x").build(), LOOKUP))
        .isEmpty();
    assertThat(EventMapper.map(event("Pod", "os-supervisor-", "Pulling", "x").build(), LOOKUP))
        .isEmpty();
  }

  private static EventBuilder event(String kind, String name, String reason, String message) {
    return new EventBuilder()
        .withNewMetadata()
        .withName("e")
        .withNamespace("ns-a")
        .endMetadata()
        .withNewInvolvedObject()
        .withKind(kind)
        .withName(name)
        .withNamespace("ns-a")
        .endInvolvedObject()
        .withType("Normal")
        .withReason(reason)
        .withMessage(message)
        .withCount(3)
        .withLastTimestamp("2026-01-02T03:04:05Z");
  }

  private static SandboxSnapshot.Platform map(Event e) {
    return EventMapper.map(e, LOOKUP).orElseThrow();
  }

  @Test
  void scheduledCompletesRequestingAndStartsPulling() {
    SandboxSnapshot.Platform p =
        map(event("Pod", "ws--agent", "Scheduled", "Successfully assigned ns-a/x to n1").build());

    assertThat(p.sandboxId()).isEqualTo("sb-1");
    assertThat(p.source()).isEqualTo("kubernetes");
    assertThat(p.type()).isEqualTo("Normal");
    assertThat(p.reason()).isEqualTo("Scheduled");
    assertThat(p.timestampMs()).isEqualTo(1767323045000L);
    assertThat(p.metadata())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "involved_kind", "Pod",
                "involved_name", "ws--agent",
                "namespace", "ns-a",
                "count", "3",
                "openshell.progress.complete_step", "requesting_sandbox",
                "openshell.progress.complete_label", "Sandbox allocated",
                "openshell.progress.active_step", "pulling_image"));
  }

  @Test
  void pullingNamesTheImage() {
    SandboxSnapshot.Platform p =
        map(event("Pod", "ws--agent", "Pulling", "Pulling image \"ghcr.io/x/base:1\"").build());

    assertThat(p.metadata())
        .containsEntry("openshell.progress.active_step", "pulling_image")
        .containsEntry("openshell.progress.active_detail", "ghcr.io/x/base:1");
  }

  @Test
  void pulledReportsTheSizeAndStartsTheSandbox() {
    SandboxSnapshot.Platform p =
        map(
            event(
                    "Pod",
                    "ws--agent",
                    "Pulled",
                    "Successfully pulled image \"x\" in 1.2s (1.2s including waiting). Image size:"
                        + " 44040192 bytes.")
                .build());

    assertThat(p.metadata())
        .containsEntry("openshell.progress.complete_step", "pulling_image")
        .containsEntry("openshell.progress.complete_label", "Image pulled (42 MB)")
        .containsEntry("openshell.progress.active_step", "starting_sandbox");
  }

  @Test
  void pulledWithoutSizeIsPlain() {
    SandboxSnapshot.Platform p =
        map(event("Pod", "ws--agent", "Pulled", "Container image \"x\" already present").build());

    assertThat(p.metadata()).containsEntry("openshell.progress.complete_label", "Image pulled");
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0 B",
    "1023, 1023 B",
    "1024, 1 KB",
    "1048575, 1023 KB",
    "1048576, 1 MB",
    "44040192, 42 MB",
    "1073741824, 1.0 GB",
    "1610612736, 1.5 GB",
    "1342177280, 1.2 GB",
    "5905580032, 5.5 GB"
  })
  void formatsBytesAsUpstream(long bytes, String text) {
    assertThat(EventMapper.formatBytes(bytes)).isEqualTo(text);
  }

  @Test
  void imageSizeNeedsTheTrailingSpace() {
    assertThat(EventMapper.imageSize("Image size: 12 bytes")).contains(12L);
    assertThat(EventMapper.imageSize("Image size: 12")).isEmpty();
    assertThat(EventMapper.imageSize("Image size: many bytes")).isEmpty();
  }

  @Test
  void failedMountNamesTheMissingClaim() {
    SandboxSnapshot.Platform p =
        map(
            event(
                    "Pod",
                    "ws--agent",
                    "FailedMount",
                    "MountVolume.SetUp failed for volume \"data\" : persistentvolumeclaim"
                        + " \"team-data\" not found")
                .withType("Warning")
                .build());

    assertThat(p.type()).isEqualTo("Warning");
    assertThat(p.metadata())
        .containsEntry("openshell.volume.claim", "team-data")
        .containsEntry("openshell.volume.name", "data")
        .containsEntry("openshell.volume.problem", "claim_not_found");
  }

  @Test
  void failedSchedulingOnAMissingClaimIsAVolumeProblem() {
    SandboxSnapshot.Platform p =
        map(
            event(
                    "Pod",
                    "ws--agent",
                    "FailedScheduling",
                    "0/3 nodes are available: persistentvolumeclaim \"cache\" not found."
                        + " preemption: 0/3 nodes are available.")
                .build());

    assertThat(p.metadata())
        .containsEntry("openshell.volume.claim", "cache")
        .containsEntry("openshell.volume.problem", "claim_not_found");
  }

  @Test
  void otherVolumeFailuresAreClassified() {
    assertThat(
            EventMapper.volumeProblem(
                "FailedAttachVolume",
                "AttachVolume.Attach failed for volume \"pvc-1\" : rpc error: code = Internal"))
        .containsEntry("openshell.volume.problem", "attach_failed")
        .containsEntry("openshell.volume.name", "pvc-1")
        .doesNotContainKey("openshell.volume.claim");
    assertThat(
            EventMapper.volumeProblem(
                "FailedMount",
                "Unable to attach or mount volumes: unmounted volumes=[data]: timed out"))
        .containsExactlyEntriesOf(Map.of("openshell.volume.problem", "mount_failed"));
    assertThat(
            EventMapper.volumeProblem(
                "FailedMount", "error processing PVC ns-a/shared: PVC is not bound"))
        .containsEntry("openshell.volume.claim", "shared")
        .containsEntry("openshell.volume.problem", "claim_unbound");
    assertThat(
            EventMapper.volumeProblem(
                "FailedScheduling", "0/1 nodes are available: 1 Insufficient cpu."))
        .isEmpty();
    assertThat(EventMapper.volumeProblem("BackOff", "persistentvolumeclaim \"x\" not found"))
        .isEmpty();
  }

  @Test
  void podEventsResolveByAgentPodAndSandboxEventsByResourceName() {
    assertThat(map(event("Pod", "agent-pod-1", "Started", "").build()).sandboxId())
        .isEqualTo("sb-1");
    assertThat(map(event("Sandbox", "ws--agent", "Created", "").build()).sandboxId())
        .isEqualTo("sb-1");
    assertThat(EventMapper.map(event("Sandbox", "agent-pod-1", "x", "").build(), LOOKUP)).isEmpty();
    assertThat(EventMapper.map(event("Service", "ws--agent", "x", "").build(), LOOKUP)).isEmpty();
  }

  @Test
  void namesAreScopedByNamespace() {
    Event inB =
        event("Pod", "ws--agent", "Started", "")
            .editInvolvedObject()
            .withNamespace("ns-b")
            .endInvolvedObject()
            .build();
    Event inC =
        event("Pod", "ws--agent", "Started", "")
            .editInvolvedObject()
            .withNamespace("ns-c")
            .endInvolvedObject()
            .build();

    assertThat(map(inB).sandboxId()).isEqualTo("sb-2");
    assertThat(EventMapper.map(inC, LOOKUP)).isEmpty();
  }

  @Test
  void timestampFallsBackToFirstThenEventTime() {
    Event first =
        event("Pod", "ws--agent", "x", "")
            .withLastTimestamp(null)
            .withFirstTimestamp("2026-01-02T03:04:06Z")
            .build();
    Event micro =
        event("Pod", "ws--agent", "x", "")
            .withLastTimestamp(null)
            .withEventTime(new MicroTime("2026-01-02T03:04:07.250000Z"))
            .build();
    Event none = event("Pod", "ws--agent", "x", "").withLastTimestamp(null).withCount(null).build();

    assertThat(map(first).timestampMs()).isEqualTo(1767323046000L);
    assertThat(map(micro).timestampMs()).isEqualTo(1767323047250L);
    assertThat(map(none).timestampMs()).isZero();
    assertThat(map(none).metadata()).doesNotContainKey("count");
  }
}
