package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import dev.berth.naming.IsolationNames;
import dev.berth.naming.ManagedNames;
import dev.berth.render.isolation.SupervisorPod;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway CA a G3 supervisor in managed mode gets through its bootstrap Secret: the client TLS
 * Secret lives in the gateway's namespace, which the workspace namespace's pods cannot mount, so
 * its {@code ca.crt} is read there and staged. Only the CA: the supervisor never holds the
 * gateway's client key.
 */
final class StagedClientCa implements GeneratedBootstrapMaterial.ClientCa {

  private final KubernetesClient client;
  private final ApiErrors errors;
  private final DriverSettings settings;

  StagedClientCa(KubernetesClient client, ApiErrors errors, DriverSettings settings) {
    this.client = client;
    this.errors = errors;
    this.settings = settings;
  }

  @Override
  public Optional<byte[]> read(IsolationNames names) throws DriverException {
    if (!SupervisorPod.stagesClientCa(names, settings)) {
      return Optional.empty();
    }
    String namespace = settings.cluster().sandboxNamespace();
    String name = settings.gateway().clientTlsSecretName().orElseThrow();
    Secret secret =
        errors.call(
            "read Secret " + name + " in namespace " + namespace,
            () -> client.secrets().inNamespace(namespace).withName(name).get());
    String ca =
        Optional.ofNullable(secret)
            .map(Secret::getData)
            .orElse(Map.of())
            .get(ManagedNames.TLS_CA_FILE_NAME);
    if (ca == null) {
      throw new DriverException(
          DriverException.Kind.FAILED_PRECONDITION,
          "Secret "
              + name
              + " in namespace "
              + namespace
              + " has no "
              + ManagedNames.TLS_CA_FILE_NAME
              + "; the supervisor needs the gateway's CA to reach it");
    }
    return Optional.of(Base64.getDecoder().decode(ca));
  }
}
