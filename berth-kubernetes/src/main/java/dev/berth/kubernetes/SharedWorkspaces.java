package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxApiVersion;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shared mode: every sandbox in the one sandbox namespace, which the operator provides. */
final class SharedWorkspaces implements Workspaces {

  private static final Logger LOG = LoggerFactory.getLogger(SharedWorkspaces.class);

  private final SandboxApiVersion version;
  private final String namespace;
  private final String gatewayId;
  private final ClusterQueries queries;

  SharedWorkspaces(
      SandboxApiVersion version, String namespace, String gatewayId, ClusterQueries queries) {
    this.version = version;
    this.namespace = namespace;
    this.gatewayId = gatewayId;
    this.queries = queries;
  }

  @Override
  public Optional<String> scope() {
    return Optional.of(namespace);
  }

  /**
   * Labels sandboxes made before the gateway-id label existed (or by a previous gateway identity)
   * with this gateway's id, as upstream does, so that they stay visible.
   */
  @Override
  public void adoptExisting(SandboxStore store) throws DriverException {
    int relabelled = store.backfillGatewayId();
    if (relabelled > 0) {
      LOG.info("Labelled {} existing sandboxes with gateway id {}", relabelled, gatewayId);
    }
  }

  @Override
  public ClusterFacts prepare(String workspace, String namespace) throws DriverException {
    return inspect(workspace, namespace);
  }

  @Override
  public ClusterFacts inspect(String workspace, String namespace) throws DriverException {
    return new ClusterFacts(version, queries.namespaceAnnotations(namespace));
  }

  /** Nothing to do: the namespace is the operator's. */
  @Override
  public void ensure(String workspace) {}

  /** Nothing to do: the namespace is the operator's and outlives workspaces. */
  @Override
  public void delete(String workspace) {}
}
