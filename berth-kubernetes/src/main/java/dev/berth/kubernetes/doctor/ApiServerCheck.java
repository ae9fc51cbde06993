package dev.berth.kubernetes.doctor;

import dev.berth.kubernetes.KubernetesClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import java.util.Optional;

/**
 * Check 1: the API server answers {@code /version}. It runs before the others and alone decides
 * whether they run: without an API server they could only repeat its failure.
 */
public final class ApiServerCheck {

  static final String NAME = "api-server";

  /**
   * The result, and the version when the server answered one.
   *
   * @param result the check's result
   * @param version the server's version
   */
  public record Reach(CheckResult result, Optional<ServerVersion> version) {}

  private ApiServerCheck() {}

  /**
   * @param contextName the kubeconfig context in use, or a phrase such as "in-cluster"
   */
  public static Reach probe(KubernetesClient client, String contextName) {
    String where = "context " + contextName + ", server " + client.getMasterUrl();
    VersionInfo info;
    try {
      info = client.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      String reason =
          KubernetesClients.errors(client).map(e, "read the server version").getMessage();
      return new Reach(
          CheckResult.fail(
              NAME,
              where + ": " + reason + ".",
              "check that the server URL is reachable from here and the credentials of the"
                  + " context are current (kubectl --context "
                  + contextName
                  + " version), or name another kubeconfig with --kubeconfig."),
          Optional.empty());
    }
    Optional<ServerVersion> version = ServerVersion.of(info);
    String text =
        version
            .map(v -> "Kubernetes " + (v.gitVersion().isEmpty() ? v.shortText() : v.gitVersion()))
            .orElse("an unreadable version (major '" + info.getMajor() + "')");
    return new Reach(CheckResult.ok(NAME, where + ", " + text + "."), version);
  }
}
