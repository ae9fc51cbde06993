package dev.berth.grpc.e2e;

import static dev.berth.grpc.testing.InProcessDriver.assertStatus;
import static dev.berth.grpc.testing.InProcessDriver.failure;
import static dev.berth.grpc.testing.Sandboxes.minimal;
import static dev.berth.grpc.testing.Sandboxes.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.grpc.proto.ComputeDriverGrpc.ComputeDriverBlockingStub;
import dev.berth.grpc.proto.CreateSandboxRequest;
import dev.berth.grpc.proto.DeleteWorkspaceRequest;
import dev.berth.grpc.proto.EnsureWorkspaceRequest;
import dev.berth.grpc.proto.ValidateSandboxCreateRequest;
import dev.berth.naming.ManagedNames;
import dev.berth.plan.SandboxApiVersion;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.grpc.Status;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managed workspace mode over the socket: the driver creates and deletes one namespace per
 * workspace, with its ownership labels, the gateway namespace's OpenShift ranges and the sandbox
 * service account, and refuses a namespace of the same name that it does not own.
 */
class ManagedWorkspaceIT {

  static final String GATEWAY_NAMESPACE = LifecycleIT.GATEWAY_NAMESPACE;
  static final String WORKSPACE_NAMESPACE = "openshell-" + LifecycleIT.GATEWAY_ID + "-team-a";
  static final String SCC_ROLE = "openshell-berth-sandbox-combined";

  @TempDir Path tmp;

  @AutoClose private ClusterDriver env;
  private MockCluster cluster;
  private ComputeDriverBlockingStub stub;

  @BeforeEach
  void start() throws Exception {
    env =
        ClusterDriver.start(
            MockCluster.start(SandboxApiVersion.V1BETA1),
            c -> {
              openShiftNamespace(c);
              return SocketDriver.start(
                  c,
                  settings(
                      "OPENSHELL_WORKSPACE_MODE",
                      "managed",
                      "OPENSHELL_SANDBOX_NAMESPACE",
                      GATEWAY_NAMESPACE,
                      "OPENSHELL_GATEWAY_ID",
                      LifecycleIT.GATEWAY_ID,
                      "OPENSHELL_SANDBOX_SCC_CLUSTER_ROLE",
                      SCC_ROLE),
                  tmp.resolve("driver.sock"));
            });
    cluster = env.cluster();
    stub = env.driver().stub();
  }

  /** The gateway's namespace as OpenShift annotates it, which managed namespaces copy. */
  private static void openShiftNamespace(MockCluster cluster) {
    cluster
        .admin()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(GATEWAY_NAMESPACE)
                .addToAnnotations("openshift.io/sa.scc.uid-range", "1000680000/10000")
                .addToAnnotations("openshift.io/sa.scc.supplemental-groups", "1000680000/10000")
                .endMetadata()
                .build())
        .create();
  }

  private Namespace workspaceNamespace() {
    return cluster.admin().namespaces().withName(WORKSPACE_NAMESPACE).get();
  }

  @Test
  void ensureCreatesTheOwnedNamespaceAndDeleteRemovesIt() {
    stub.ensureWorkspace(EnsureWorkspaceRequest.newBuilder().setWorkspace("team-a").build());
    // Idempotent, as the gateway calls it for every sandbox.
    stub.ensureWorkspace(EnsureWorkspaceRequest.newBuilder().setWorkspace("team-a").build());

    Namespace ns = workspaceNamespace();
    assertThat(ns.getMetadata().getLabels())
        .containsEntry("openshell.ai/managed-by", "openshell")
        .containsEntry("openshell.ai/gateway-id", LifecycleIT.GATEWAY_ID)
        .containsEntry("openshell.ai/sandbox-workspace", "team-a");
    assertThat(ns.getMetadata().getAnnotations())
        .containsEntry("openshift.io/sa.scc.uid-range", "1000680000/10000");
    assertThat(
            cluster
                .admin()
                .serviceAccounts()
                .inNamespace(WORKSPACE_NAMESPACE)
                .withName("default")
                .get())
        .isNotNull();
    // On OpenShift the workspace's own account may use the sandbox SCC, in that namespace only.
    RoleBinding scc =
        cluster
            .admin()
            .rbac()
            .roleBindings()
            .inNamespace(WORKSPACE_NAMESPACE)
            .withName(ManagedNames.SCC_ROLE_BINDING_NAME)
            .get();
    assertThat(scc.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(scc.getRoleRef().getName()).isEqualTo(SCC_ROLE);
    assertThat(scc.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName()).isEqualTo("default");
              assertThat(s.getNamespace()).isEqualTo(WORKSPACE_NAMESPACE);
            });

    stub.deleteWorkspace(DeleteWorkspaceRequest.newBuilder().setWorkspace("team-a").build());
    assertThat(workspaceNamespace()).isNull();
    // Deleting a workspace that is gone is fine.
    stub.deleteWorkspace(DeleteWorkspaceRequest.newBuilder().setWorkspace("team-a").build());
  }

  @Test
  void aSandboxInANewWorkspaceGetsTheGatewaysUidRange() {
    stub.createSandbox(
        CreateSandboxRequest.newBuilder().setSandbox(minimal("sb-1", "alpha")).build());

    var sandbox = cluster.sandbox(SandboxApiVersion.V1BETA1, WORKSPACE_NAMESPACE, "alpha").get();
    assertThat(sandbox.getMetadata().getAnnotations())
        .containsEntry("openshift.io/sa.scc.uid-range", "1000680000/10000");
  }

  @Test
  void aNamespaceOfTheSameNameThatTheGatewayDoesNotOwnIsRefused() {
    cluster.createNamespace(WORKSPACE_NAMESPACE);
    String message =
        "namespace " + WORKSPACE_NAMESPACE + " exists but is not owned by this gateway";

    assertStatus(
        failure(
            () ->
                stub.validateSandboxCreate(
                    ValidateSandboxCreateRequest.newBuilder()
                        .setSandbox(minimal("sb-1", "alpha"))
                        .build())),
        Status.Code.FAILED_PRECONDITION,
        message);
    assertStatus(
        failure(
            () ->
                stub.createSandbox(
                    CreateSandboxRequest.newBuilder()
                        .setSandbox(minimal("sb-1", "alpha"))
                        .build())),
        Status.Code.FAILED_PRECONDITION,
        message);
    assertThat(cluster.sandboxes(SandboxApiVersion.V1BETA1, WORKSPACE_NAMESPACE)).isEmpty();

    // Never deleted by the driver either.
    stub.deleteWorkspace(DeleteWorkspaceRequest.newBuilder().setWorkspace("team-a").build());
    assertThat(workspaceNamespace()).isNotNull();
  }
}
