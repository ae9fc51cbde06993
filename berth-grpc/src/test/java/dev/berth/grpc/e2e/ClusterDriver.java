package dev.berth.grpc.e2e;

/**
 * A mock cluster and a driver serving it on a socket, started and closed together: the driver is
 * closed first, as its informers watch the cluster, and a driver that fails to start still lets the
 * cluster go. Tests hold one in an {@code @AutoClose} field instead of pairing set-up and tear-down
 * methods.
 *
 * @param cluster the mock API server
 * @param driver the driver under test
 */
record ClusterDriver(MockCluster cluster, SocketDriver driver) implements AutoCloseable {

  /** How a test starts its driver against the cluster. */
  @FunctionalInterface
  interface DriverStart {
    SocketDriver start(MockCluster cluster) throws Exception;
  }

  static ClusterDriver start(MockCluster cluster, DriverStart driver) throws Exception {
    try {
      return new ClusterDriver(cluster, driver.start(cluster));
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      driver.close();
    } finally {
      cluster.close();
    }
  }
}
