package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.driver.SandboxSnapshot;
import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import dev.berth.render.agentsandbox.AgentSandbox;
import dev.berth.render.agentsandbox.AgentSandboxV1beta1;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SupervisorReadinessTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final IsolationNames G3 = new IsolationNames(Generation.G3);
  private static final String GENERATION = "7f3c9a2e-51d4-4b8e-9c01-2a6e5d8f4b13";
  private static final String EARLIER = "00000000-0000-0000-0000-000000000001";

  static {
    JSON.registerKubernetesResource(AgentSandboxV1beta1.class);
  }

  private static AgentSandbox sandbox(String phase, String ready) {
    return JSON.unmarshal(
        """
        {"apiVersion": "agents.x-k8s.io/v1beta1", "kind": "Sandbox",
         "metadata": {"name": "ws--agent", "namespace": "agents",
           "annotations": {"ryno.ai/sandbox-runtime-bootstrap-phase": "%s",
                           "ryno.ai/sandbox-runtime-generation": "%s"},
           "labels": {"openshell.ai/managed-by": "openshell", "openshell.ai/sandbox-id": "id-1",
                      "openshell.ai/sandbox-name": "agent", "openshell.ai/sandbox-workspace": "ws"}},
         "status": {"conditions": [
           {"type": "Ready", "status": "%s", "reason": "DependenciesReady",
            "lastTransitionTime": "2026-01-01T00:00:10Z"},
           {"type": "Suspended", "status": "False", "reason": "Running"}]}}
        """
            .formatted(phase, GENERATION, ready),
        AgentSandboxV1beta1.class);
  }

  /** A supervisor pod as the kubelet reports it; {@code status} is the pod's status JSON. */
  static Pod pod(String generation, String extraMetadata, String status) {
    return JSON.unmarshal(
        """
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "os-supervisor-id-1", "namespace": "agents", "uid": "pod-uid-1",
           "annotations": {"ryno.ai/sandbox-id": "id-1",
                           "ryno.ai/sandbox-runtime-generation": "%s"}%s},
         "status": %s}
        """
            .formatted(generation, extraMetadata, status),
        Pod.class);
  }

  static final String READY_POD =
      """
      {"phase": "Running", "conditions": [{"type": "Ready", "status": "True",
        "lastTransitionTime": "2026-01-01T00:00:20Z"}]}
      """;

  static final String CRASHING_POD =
      """
      {"phase": "Running",
       "conditions": [{"type": "Ready", "status": "False", "reason": "ContainersNotReady",
         "message": "containers with unready status: [supervisor]",
         "lastTransitionTime": "2026-01-01T00:00:30Z"}],
       "containerStatuses": [{"name": "supervisor", "ready": false, "restartCount": 4,
         "image": "i", "imageID": "", "state": {"waiting": {"reason": "CrashLoopBackOff",
         "message": "back-off 1m20s restarting failed container"}}}]}
      """;

  private static SandboxSnapshot.Condition ready(
      AgentSandbox sandbox, Optional<SupervisorState> supervisor) {
    SandboxSnapshot reported = SandboxMapper.snapshot(sandbox, "agents").orElseThrow();
    SandboxSnapshot derived =
        SupervisorReadiness.apply(reported, SupervisorReadiness.pairing(sandbox), deps(supervisor));
    List<SandboxSnapshot.Condition> conditions = derived.status().orElseThrow().conditions();
    // Every other condition passes through as the controller wrote it.
    assertThat(conditions.get(1)).isEqualTo(reported.status().orElseThrow().conditions().get(1));
    return conditions.get(0);
  }

  /** The namespace's workload fence, in place. */
  static final FenceState FENCE = new FenceState("agents", "ryno-sandbox-workloads", "f-1", true);

  private static SupervisorReadiness.Dependencies deps(Optional<SupervisorState> supervisor) {
    return new SupervisorReadiness.Dependencies(supervisor, Optional.of(FENCE));
  }

  private static Optional<SupervisorState> state(Pod pod) {
    return SupervisorState.of(pod, G3);
  }

  @Test
  void aReleasedPairWithAnAvailableSupervisorIsReadySinceTheLaterOfTheTwo() {
    SandboxSnapshot.Condition ready =
        ready(sandbox("released", "True"), state(pod(GENERATION, "", READY_POD)));

    assertThat(ready)
        .isEqualTo(
            new SandboxSnapshot.Condition(
                "Ready", "True", "DependenciesReady", "", "2026-01-01T00:00:20Z"));
  }

  @Test
  void untilTheReleaseTheControllersReadyIsReportedFalse() {
    SandboxSnapshot.Condition ready =
        ready(sandbox("preparing", "True"), state(pod(GENERATION, "", READY_POD)));

    assertThat(ready.status()).isEqualTo("False");
    assertThat(ready.reason()).isEqualTo(SupervisorReadiness.REASON);
    assertThat(ready.message()).contains("not both released");
  }

  @Test
  void withoutASupervisorPodTheSandboxIsNotReady() {
    SandboxSnapshot.Condition ready = ready(sandbox("released", "True"), Optional.empty());

    assertThat(ready.status()).isEqualTo("False");
    assertThat(ready.reason()).isEqualTo(SupervisorReadiness.REASON);
    assertThat(ready.message()).startsWith("the supervisor pod does not exist");
    assertThat(ready.lastTransitionTime()).isEqualTo("2026-01-01T00:00:10Z");
  }

  @Test
  void aSupervisorOfAnEarlierRuntimeGenerationDoesNotCount() {
    SandboxSnapshot.Condition ready =
        ready(sandbox("released", "True"), state(pod(EARLIER, "", READY_POD)));

    assertThat(ready.status()).isEqualTo("False");
    assertThat(ready.reason()).isEqualTo(SupervisorReadiness.REASON);
    assertThat(ready.message()).contains(EARLIER).contains(GENERATION);
  }

  @Test
  void aCrashingSupervisorIsNamedWithTheKubeletsReason() {
    SandboxSnapshot.Condition ready =
        ready(sandbox("released", "True"), state(pod(GENERATION, "", CRASHING_POD)));

    assertThat(ready.status()).isEqualTo("False");
    assertThat(ready.reason()).isEqualTo(SupervisorReadiness.REASON);
    assertThat(ready.message())
        .isEqualTo(
            "supervisor pod os-supervisor-id-1 is not ready (Running): container supervisor is"
                + " waiting: CrashLoopBackOff — back-off 1m20s restarting failed container");
    assertThat(ready.lastTransitionTime()).isEqualTo("2026-01-01T00:00:30Z");
  }

  @Test
  void aNotReadySandboxIsReportedAsTheControllerWroteIt() {
    AgentSandbox sandbox = sandbox("released", "False");
    SandboxSnapshot reported = SandboxMapper.snapshot(sandbox, "agents").orElseThrow();

    assertThat(
            SupervisorReadiness.apply(
                reported, SupervisorReadiness.pairing(sandbox), deps(Optional.empty())))
        .isSameAs(reported);
  }

  @Test
  void aSinglePodSandboxIsNotTouched() {
    AgentSandbox sandbox = sandbox("released", "True");
    sandbox.getMetadata().getAnnotations().clear();
    SandboxSnapshot reported = SandboxMapper.snapshot(sandbox, "agents").orElseThrow();

    assertThat(SupervisorReadiness.pairing(sandbox)).isEmpty();
    assertThat(SupervisorReadiness.apply(reported, Optional.empty(), deps(Optional.empty())))
        .isSameAs(reported);
  }

  @Test
  void aDeletedOrEndedSupervisorIsNotAvailable() {
    SupervisorState deleting =
        state(pod(GENERATION, ", \"deletionTimestamp\": \"2026-01-01T00:01:00Z\"", READY_POD))
            .orElseThrow();
    SupervisorState ended =
        state(pod(GENERATION, "", "{\"phase\": \"Failed\", \"message\": \"evicted\"}"))
            .orElseThrow();
    SupervisorState pending = state(pod(GENERATION, "", "{\"phase\": \"Pending\"}")).orElseThrow();

    assertThat(deleting.available()).isFalse();
    assertThat(deleting.message()).isEqualTo("supervisor pod os-supervisor-id-1 is being deleted");
    assertThat(ended.available()).isFalse();
    assertThat(ended.message()).contains("Failed").contains("evicted");
    assertThat(pending.available()).isFalse();
    assertThat(pending.message())
        .isEqualTo("supervisor pod os-supervisor-id-1 is not ready (Pending)");
    assertThat(state(pod(GENERATION, "", READY_POD)).orElseThrow().available()).isTrue();
  }

  @Test
  void aPodWithoutTheSandboxIdIsNotASupervisorOfAnySandbox() {
    Pod pod = pod(GENERATION, "", READY_POD);
    pod.getMetadata().getAnnotations().remove("ryno.ai/sandbox-id");

    assertThat(state(pod)).isEmpty();
    assertThat(
            SupervisorState.of(pod(GENERATION, "", READY_POD), new IsolationNames(Generation.G2)))
        .isEmpty();
  }

  @Test
  void aRunningReleasedSandboxHasLostItsSupervisorOnlyWhenThePodIsGoneOrEnded() {
    SupervisorReadiness.Pairing running =
        SupervisorReadiness.pairing(sandbox("released", "True")).orElseThrow();
    Optional<SupervisorState> ended =
        state(pod(GENERATION, "", "{\"phase\": \"Failed\", \"message\": \"exit 1\"}"));
    Optional<SupervisorState> deleting =
        state(pod(GENERATION, ", \"deletionTimestamp\": \"2026-01-01T00:01:00Z\"", READY_POD));

    assertThat(running.running()).isTrue();
    assertThat(SupervisorReadiness.broken(running, deps(Optional.empty()))).isTrue();
    assertThat(SupervisorReadiness.broken(running, deps(ended))).isTrue();
    assertThat(SupervisorReadiness.broken(running, deps(deleting))).isTrue();
    // Running but not Ready is degraded, not lost; so is a Ready one.
    assertThat(SupervisorReadiness.broken(running, deps(state(pod(GENERATION, "", CRASHING_POD)))))
        .isFalse();
    assertThat(SupervisorReadiness.broken(running, deps(state(pod(GENERATION, "", READY_POD)))))
        .isFalse();
    // An ended pod of another generation is not the current one's.
    assertThat(
            SupervisorReadiness.broken(
                running, deps(state(pod(EARLIER, "", "{\"phase\": \"Failed\"}")))))
        .isFalse();
  }

  @Test
  void aSandboxBeingBroughtUpOrSuspendedHasNotLostItsSupervisor() {
    AgentSandbox suspended = sandbox("released", "True");
    suspended.getSpec().setOperatingMode("Suspended");

    assertThat(
            SupervisorReadiness.broken(
                SupervisorReadiness.pairing(sandbox("preparing", "True")).orElseThrow(),
                deps(Optional.empty())))
        .isFalse();
    assertThat(
            SupervisorReadiness.broken(
                SupervisorReadiness.pairing(suspended).orElseThrow(),
                new SupervisorReadiness.Dependencies(Optional.empty(), Optional.empty())))
        .isFalse();
  }

  @Test
  void aMissingOrOpenedFenceMakesTheSandboxNotReadyAndItsBoundaryBroken() {
    AgentSandbox sandbox = sandbox("released", "True");
    SupervisorReadiness.Pairing pairing = SupervisorReadiness.pairing(sandbox).orElseThrow();
    SandboxSnapshot reported = SandboxMapper.snapshot(sandbox, "agents").orElseThrow();
    Optional<SupervisorState> ready = state(pod(GENERATION, "", READY_POD));
    SupervisorReadiness.Dependencies gone =
        new SupervisorReadiness.Dependencies(ready, Optional.empty());
    SupervisorReadiness.Dependencies opened =
        new SupervisorReadiness.Dependencies(
            ready, Optional.of(new FenceState("agents", pairing.fence(), "f-1", false)));

    assertThat(pairing.fence()).isEqualTo("ryno-sandbox-workloads");
    for (SupervisorReadiness.Dependencies broken : List.of(gone, opened)) {
      SandboxSnapshot.Condition condition =
          SupervisorReadiness.apply(reported, Optional.of(pairing), broken)
              .status()
              .orElseThrow()
              .conditions()
              .get(0);
      assertThat(condition.status()).isEqualTo("False");
      assertThat(condition.message())
          .startsWith("the workload fence NetworkPolicy ryno-sandbox-workloads");
      assertThat(SupervisorReadiness.broken(pairing, broken)).isTrue();
    }
    assertThat(SupervisorReadiness.broken(pairing, deps(ready))).isFalse();
  }

  @Test
  void laterComparesKubernetesTimesAndNeverPicksAnEmptyOne() {
    assertThat(SupervisorReadiness.later("2026-01-01T00:00:10Z", "2026-01-01T00:00:09Z"))
        .isEqualTo("2026-01-01T00:00:10Z");
    assertThat(SupervisorReadiness.later("", "2026-01-01T00:00:09Z"))
        .isEqualTo("2026-01-01T00:00:09Z");
    assertThat(SupervisorReadiness.later("2026-01-01T00:00:10Z", ""))
        .isEqualTo("2026-01-01T00:00:10Z");
  }
}
