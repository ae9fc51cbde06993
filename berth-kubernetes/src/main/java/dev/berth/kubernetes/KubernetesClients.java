package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.plan.SandboxApiVersion;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds the one fabric8 client the driver uses: the JDK HTTP client, a 30 s request timeout and a
 * 10 s connect timeout like upstream, no hidden HTTP-level retries (so every call is bounded by one
 * request timeout), and watches without a read timeout that reconnect on their own.
 */
public final class KubernetesClients {

  /** Bound of every non-watch API call (upstream's {@code KUBE_API_TIMEOUT}). */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** Bound of establishing a connection to the API server. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** First delay before a dropped watch reconnects; fabric8 backs off from here. */
  static final Duration WATCH_RECONNECT_INTERVAL = Duration.ofSeconds(1);

  private KubernetesClients() {}

  /**
   * The cluster configuration: the given kubeconfig file when one is named, else fabric8's
   * auto-configuration, which uses the in-cluster service account inside a pod and otherwise the
   * kubeconfig that {@code KUBECONFIG} or {@code ~/.kube/config} names.
   */
  public static Config config(Optional<Path> kubeconfig) throws DriverException {
    if (kubeconfig.isEmpty()) {
      try {
        return Config.autoConfigure(null);
      } catch (RuntimeException e) {
        throw new DriverException(
            DriverException.Kind.FAILED_PRECONDITION,
            "could not configure access to Kubernetes: " + e.getMessage(),
            e);
      }
    }
    Path path = kubeconfig.get();
    if (!Files.isRegularFile(path)) {
      throw new DriverException(
          DriverException.Kind.FAILED_PRECONDITION,
          "kubeconfig '" + path + "' does not exist or is not a regular file");
    }
    try {
      return Config.fromKubeconfig(null, path.toFile());
    } catch (RuntimeException e) {
      throw new DriverException(
          DriverException.Kind.FAILED_PRECONDITION,
          "could not read kubeconfig '" + path + "': " + e.getMessage(),
          e);
    }
  }

  /** Absolute URL of an API path on the client's server, for requests the DSL cannot express. */
  static String url(KubernetesClient client, String path) {
    String master = client.getMasterUrl().toString();
    return (master.endsWith("/") ? master : master + "/") + path;
  }

  /** Where the Sandbox resources of {@code version} live, for generic resource calls. */
  public static ResourceDefinitionContext sandboxes(SandboxApiVersion version) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(SandboxApiVersion.GROUP)
        .withVersion(version.version())
        .withKind(SandboxApiVersion.KIND)
        .withPlural(SandboxApiVersion.PLURAL)
        .withNamespaced(true)
        .build();
  }

  /** A client for {@code base} with the driver's timeouts. */
  public static KubernetesClient create(Config base) {
    return create(base, REQUEST_TIMEOUT);
  }

  /** A client for {@code base} with the given request timeout (tests use a short one). */
  public static KubernetesClient create(Config base, Duration requestTimeout) {
    return create(base, requestTimeout, CONNECT_TIMEOUT);
  }

  /**
   * A client with the given request and connect timeouts ({@code berth doctor} uses short ones).
   */
  public static KubernetesClient create(
      Config base, Duration requestTimeout, Duration connectTimeout) {
    Config config =
        new ConfigBuilder(base)
            .withRequestTimeout(millis(requestTimeout))
            .withConnectionTimeout(millis(connectTimeout))
            // fabric8 would otherwise retry 429/5xx/IO failures up to 10 times with exponential
            // backoff, which can hold a call for minutes; the caller decides about retries.
            .withRequestRetryBackoffLimit(0)
            .withWatchReconnectInterval(millis(WATCH_RECONNECT_INTERVAL))
            .withWatchReconnectLimit(-1)
            .build();
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  /** The error mapper for calls made through {@code client}. */
  public static ApiErrors errors(KubernetesClient client) {
    Integer timeout = client.getConfiguration().getRequestTimeout();
    Integer connect = client.getConfiguration().getConnectionTimeout();
    return new ApiErrors(
        timeout == null || timeout <= 0 ? REQUEST_TIMEOUT : Duration.ofMillis(timeout),
        connect == null || connect <= 0 ? CONNECT_TIMEOUT : Duration.ofMillis(connect));
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }
}
