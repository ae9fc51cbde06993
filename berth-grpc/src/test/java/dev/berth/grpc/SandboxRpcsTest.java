package dev.berth.grpc;

import static dev.berth.grpc.testing.InProcessDriver.assertStatus;
import static dev.berth.grpc.testing.InProcessDriver.failure;
import static dev.berth.grpc.testing.Sandboxes.running;
import static dev.berth.grpc.testing.Sandboxes.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.berth.driver.DriverException;
import dev.berth.driver.DriverException.Kind;
import dev.berth.grpc.proto.DeleteSandboxRequest;
import dev.berth.grpc.proto.DeleteWorkspaceRequest;
import dev.berth.grpc.proto.DriverSandbox;
import dev.berth.grpc.proto.EnsureWorkspaceRequest;
import dev.berth.grpc.proto.GetSandboxRequest;
import dev.berth.grpc.proto.ListSandboxesRequest;
import dev.berth.grpc.proto.StartSandboxRequest;
import dev.berth.grpc.proto.StopSandboxRequest;
import dev.berth.grpc.testing.FakeBackend;
import dev.berth.grpc.testing.LazyDriver;
import dev.berth.result.Violation;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The RPCs on existing sandboxes and workspaces (Get, List, Stop, Start, Delete, Ensure/Delete
 * workspace) over an in-process channel: answers, codes and upstream's messages.
 */
class SandboxRpcsTest {

  private final FakeBackend backend = new FakeBackend();
  @AutoClose private final LazyDriver driver = new LazyDriver(backend, settings());

  // ---- get, list, stop, start, delete --------------------------------------------------------

  @Test
  void requestsWithoutAnIdAreRefusedWithUpstreamsMessage() {
    var stub = driver.stub();
    for (Supplier<?> call :
        List.<Supplier<?>>of(
            () -> stub.getSandbox(GetSandboxRequest.getDefaultInstance()),
            () -> stub.stopSandbox(StopSandboxRequest.getDefaultInstance()),
            () -> stub.startSandbox(StartSandboxRequest.getDefaultInstance()),
            () -> stub.deleteSandbox(DeleteSandboxRequest.getDefaultInstance()))) {
      assertStatus(failure(call), Status.Code.INVALID_ARGUMENT, "sandbox_id is required");
    }
  }

  @Test
  void getUnknownIsNotFound() {
    var stub = driver.stub();
    assertStatus(
        failure(() -> stub.getSandbox(GetSandboxRequest.newBuilder().setSandboxId("nope").build())),
        Status.Code.NOT_FOUND,
        "sandbox not found");
  }

  @Test
  void getReturnsTheSnapshotWithoutSpecAndWithMappedStatus() {
    backend.put(running("sb-1", "demo"));

    DriverSandbox sandbox =
        driver
            .stub()
            .getSandbox(GetSandboxRequest.newBuilder().setSandboxId("sb-1").build())
            .getSandbox();

    assertThat(sandbox.hasSpec()).isFalse();
    assertThat(sandbox.getWorkspace()).isEqualTo("team-a");
    assertThat(sandbox.getStatus().getName()).isEqualTo("team-a--demo");
    assertThat(sandbox.getStatus().getInstanceId()).isEqualTo("team-a--demo-pod");
    assertThat(sandbox.getStatus().getAgentFd()).isEqualTo("fd-agent");
    assertThat(sandbox.getStatus().getConditions(0).getType()).isEqualTo("Ready");
    assertThat(sandbox.getStatus().getConditions(0).getLastTransitionTime())
        .isEqualTo("2026-01-01T00:00:00Z");
    // The same instant in the field G2 gateways read.
    assertThat(Timestamps.toString(sandbox.getStatus().getConditions(0).getTransitionTime()))
        .isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void listReturnsEverySandboxInTheBackendsOrder() {
    backend.put(running("sb-2", "zeta")).put(running("sb-1", "alpha"));

    assertThat(
            driver
                .stub()
                .listSandboxes(ListSandboxesRequest.getDefaultInstance())
                .getSandboxesList())
        .extracting(DriverSandbox::getName)
        .containsExactly("alpha", "zeta");
  }

  @Test
  void stopAndStartDelegateAndReportNotFound() {
    backend.put(running("sb-1", "demo"));
    var stub = driver.stub();

    stub.stopSandbox(StopSandboxRequest.newBuilder().setSandboxId("sb-1").build());
    assertThat(backend.sandbox("sb-1").orElseThrow().status().orElseThrow().conditions())
        .singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo("True"));
    stub.startSandbox(StartSandboxRequest.newBuilder().setSandboxId("sb-1").build());

    assertStatus(
        failure(() -> stub.stopSandbox(StopSandboxRequest.newBuilder().setSandboxId("x").build())),
        Status.Code.NOT_FOUND,
        "sandbox not found");
  }

  @Test
  void aVersionConflictIsAbortedNeverAlreadyExists() {
    backend.put(running("sb-1", "demo"));
    backend.failNext("stop", new DriverException(Kind.CONFLICT, "sandbox changed while stopping"));

    assertStatus(
        failure(
            () ->
                driver
                    .stub()
                    .stopSandbox(StopSandboxRequest.newBuilder().setSandboxId("sb-1").build())),
        Status.Code.ABORTED,
        "sandbox changed while stopping");
  }

  @Test
  void deleteSaysWhetherSomethingWasRemoved() {
    backend.put(running("sb-1", "demo"));
    var stub = driver.stub();
    DeleteSandboxRequest request = DeleteSandboxRequest.newBuilder().setSandboxId("sb-1").build();

    assertThat(stub.deleteSandbox(request).getDeleted()).isTrue();
    assertThat(stub.deleteSandbox(request).getDeleted()).isFalse();
  }

  // ---- workspaces ------------------------------------------------------------------------------

  @Test
  void workspacesDelegateAndRequireAName() {
    var stub = driver.stub();
    stub.ensureWorkspace(EnsureWorkspaceRequest.newBuilder().setWorkspace("team-a").build());
    stub.deleteWorkspace(DeleteWorkspaceRequest.newBuilder().setWorkspace("team-a").build());

    assertThat(backend.ensured).containsExactly("team-a");
    assertThat(backend.deletedWorkspaces).containsExactly("team-a");
    assertStatus(
        failure(() -> stub.ensureWorkspace(EnsureWorkspaceRequest.getDefaultInstance())),
        Status.Code.INVALID_ARGUMENT,
        "workspace is required");
    assertStatus(
        failure(() -> stub.deleteWorkspace(DeleteWorkspaceRequest.getDefaultInstance())),
        Status.Code.INVALID_ARGUMENT,
        "workspace is required");
  }

  @Test
  void managedModeRefusesAWorkspaceThatCannotNameANamespace() {
    driver.settings(settings("OPENSHELL_WORKSPACE_MODE", "managed"));
    var stub = driver.stub();

    StatusRuntimeException e =
        failure(
            () ->
                stub.ensureWorkspace(
                    EnsureWorkspaceRequest.newBuilder().setWorkspace("x".repeat(60)).build()));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(StatusMapping.violations(e))
        .extracting(Violation::field)
        .containsExactly("workspace");
    assertThat(backend.ensured).isEmpty();
  }

  @Test
  void workspaceOutsideWhatTheDriverManagesIsPermissionDenied() {
    backend.failNext(
        "ensureWorkspace",
        new DriverException(Kind.PERMISSION_DENIED, "workspace 'x' is not in the allowlist"));

    assertStatus(
        failure(
            () ->
                driver
                    .stub()
                    .ensureWorkspace(
                        EnsureWorkspaceRequest.newBuilder().setWorkspace("x").build())),
        Status.Code.PERMISSION_DENIED,
        "workspace 'x' is not in the allowlist");
  }
}
