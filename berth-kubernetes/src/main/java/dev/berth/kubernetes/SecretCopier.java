package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.render.workspace.WorkspaceResources;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.List;
import java.util.Optional;

/**
 * Copies the gateway's Secrets into a workspace namespace: the client TLS Secret sandboxes present
 * to the gateway and the image-pull Secrets of their pods. Only {@code data} and {@code type} are
 * copied, labelled managed-by, as upstream does. Upstream uses server-side apply; the copy here is
 * create-or-update, which converges to the same object on a real cluster and also works against the
 * fabric8 mock server, which has no server-side apply.
 */
final class SecretCopier {

  private final KubernetesClient client;
  private final ApiErrors errors;
  private final String sourceNamespace;
  private final Optional<String> clientTlsSecret;
  private final List<String> imagePullSecrets;

  SecretCopier(
      KubernetesClient client,
      ApiErrors errors,
      String sourceNamespace,
      Optional<String> clientTlsSecret,
      List<String> imagePullSecrets) {
    this.client = client;
    this.errors = errors;
    this.sourceNamespace = sourceNamespace;
    this.clientTlsSecret = clientTlsSecret;
    this.imagePullSecrets = List.copyOf(imagePullSecrets);
  }

  /** Copies the client TLS Secret; a no-op when none is configured or the target is the source. */
  void copyClientTls(String targetNamespace) throws DriverException {
    if (clientTlsSecret.isPresent() && !targetNamespace.equals(sourceNamespace)) {
      copy(clientTlsSecret.get(), targetNamespace, "client TLS");
    }
  }

  /** Copies every configured image-pull Secret. */
  void copyImagePullSecrets(String targetNamespace) throws DriverException {
    if (targetNamespace.equals(sourceNamespace)) {
      return;
    }
    for (String name : imagePullSecrets) {
      copy(name, targetNamespace, "image-pull");
    }
  }

  private void copy(String name, String targetNamespace, String role) throws DriverException {
    Secret source =
        errors.call(
            "read the " + role + " Secret " + name + " in namespace " + sourceNamespace,
            () -> client.secrets().inNamespace(sourceNamespace).withName(name).get());
    if (source == null) {
      throw new DriverException(
          DriverException.Kind.FAILED_PRECONDITION,
          "configured "
              + role
              + " Secret "
              + name
              + " does not exist in source namespace "
              + sourceNamespace);
    }
    Secret copy = WorkspaceResources.secretCopy(source, targetNamespace);
    errors.call(
        "copy the " + role + " Secret " + name + " into namespace " + targetNamespace,
        () ->
            client
                .secrets()
                .inNamespace(targetNamespace)
                .resource(copy)
                .createOr(NonDeletingOperation::update));
  }
}
