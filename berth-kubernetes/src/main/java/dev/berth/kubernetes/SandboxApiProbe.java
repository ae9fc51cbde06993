package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.plan.SandboxApiVersion;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds which {@code agents.x-k8s.io} Sandbox version the cluster serves, newest first, by listing
 * at most one Sandbox in the configured namespace. Only a 404 (the version is not served) moves on
 * to the next version; any other failure is reported. The answer is kept for the life of the
 * process, as upstream does.
 */
final class SandboxApiProbe {

  static final String INSTALL_HINT =
      "install agent-sandbox (https://github.com/kubernetes-sigs/agent-sandbox)";

  private final KubernetesClient client;
  private final String namespace;
  private final ApiErrors errors;

  SandboxApiProbe(KubernetesClient client, String namespace, ApiErrors errors) {
    this.client = client;
    this.namespace = namespace;
    this.errors = errors;
  }

  /** Asks the cluster; the backend asks once, at startup, and keeps the answer. */
  SandboxApiVersion detect() throws DriverException {
    List<String> tried = new ArrayList<>();
    for (SandboxApiVersion version : SandboxApiVersion.values()) {
      tried.add(version.version());
      try {
        client
            .genericKubernetesResources(KubernetesClients.sandboxes(version))
            .inNamespace(namespace)
            .list(new ListOptionsBuilder().withLimit(1L).build());
        return version;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw errors.map(
              e,
              "list Sandbox resources ("
                  + version.apiVersion()
                  + ") in namespace "
                  + namespace
                  + " to detect the served API version");
        }
      }
    }
    throw new DriverException(
        DriverException.Kind.FAILED_PRECONDITION,
        "no supported Agent Sandbox API version is available; tried "
            + String.join(", ", tried)
            + " — "
            + INSTALL_HINT);
  }
}
