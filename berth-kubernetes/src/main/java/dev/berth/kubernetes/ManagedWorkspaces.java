package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxApiVersion;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Map;
import java.util.Optional;

/**
 * Managed mode: one namespace per workspace, created on demand with the sandbox ServiceAccount, the
 * SSH NetworkPolicy and copies of the gateway's Secrets, and deleted with the workspace.
 */
final class ManagedWorkspaces implements Workspaces {

  private final SandboxApiVersion version;
  private final NamespaceManager namespaces;
  private final SecretCopier secrets;

  ManagedWorkspaces(SandboxApiVersion version, NamespaceManager namespaces, SecretCopier secrets) {
    this.version = version;
    this.namespaces = namespaces;
    this.secrets = secrets;
  }

  @Override
  public Optional<String> scope() {
    return Optional.empty();
  }

  /** Nothing to adopt: managed namespaces carry the gateway id from the start. */
  @Override
  public void adoptExisting(SandboxStore store) {}

  @Override
  public ClusterFacts prepare(String workspace, String namespace) throws DriverException {
    requireManagedNamespace(workspace, namespace);
    Namespace ensured = namespaces.ensure(workspace);
    secrets.copyImagePullSecrets(namespace);
    secrets.copyClientTls(namespace);
    Map<String, String> annotations = ensured.getMetadata().getAnnotations();
    return new ClusterFacts(version, annotations == null ? Map.of() : annotations);
  }

  @Override
  public ClusterFacts inspect(String workspace, String namespace) throws DriverException {
    requireManagedNamespace(workspace, namespace);
    return new ClusterFacts(version, namespaces.annotations(workspace));
  }

  @Override
  public void ensure(String workspace) throws DriverException {
    namespaces.ensure(workspace);
  }

  @Override
  public void delete(String workspace) throws DriverException {
    namespaces.delete(workspace);
  }

  private void requireManagedNamespace(String workspace, String namespace) throws DriverException {
    String expected = namespaces.namespaceFor(workspace);
    if (!expected.equals(namespace)) {
      throw new DriverException(
          DriverException.Kind.INTERNAL,
          "planned namespace "
              + namespace
              + " is not the managed namespace "
              + expected
              + " of workspace "
              + workspace);
    }
  }
}
