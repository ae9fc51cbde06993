package dev.berth.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code berth serve} as a child process against a {@link MockApi}: the command, an environment
 * without inherited JVM options, and the wait for its socket. Shared by the start-up and load
 * benchmarks, the training run and the runtime's integration test.
 */
public final class ServeProcess {

  private ServeProcess() {}

  /** {@code java} (a command ending in {@code -jar JAR}) followed by serve's arguments. */
  public static ProcessBuilder builder(List<String> java, Path kubeconfig, Path socket) {
    List<String> command = new ArrayList<>(java);
    command.addAll(
        List.of(
            "serve", "--kubeconfig", kubeconfig.toString(), "--bind-socket", socket.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    clean(pb.environment());
    return pb;
  }

  /**
   * No inherited JVM options, so a process runs with exactly the options its command names, and the
   * mock's namespace as the sandbox namespace.
   */
  static void clean(Map<String, String> env) {
    env.remove("JDK_JAVA_OPTIONS");
    env.remove("JAVA_TOOL_OPTIONS");
    env.remove("_JAVA_OPTIONS");
    env.remove("BERTH_JAVA_OPTS");
    env.put(MockApi.NAMESPACE_SETTING, MockApi.NAMESPACE);
  }

  /** Waits until the socket exists; false when the process ended or the time ran out first. */
  public static boolean awaitSocket(Process serve, Path socket, long timeoutSeconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (!Files.exists(socket)) {
      if (!serve.isAlive() || System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(2);
    }
    return true;
  }
}
