package dev.berth.render.isolation;

import dev.berth.naming.IsolationNames;
import dev.berth.plan.SandboxPlan;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two immutable Secrets of one runtime generation, split by trust domain as upstream splits
 * them: {@code os-sandbox-<id>-<gen>} is mounted only by the workload's trusted init container,
 * {@code os-supervisor-<id>-<gen>} only by the supervisor. Immutable, so nothing can swap a running
 * sandbox's trust anchors; a new generation gets new names instead.
 *
 * @param sandbox the workload side: boundary configuration and TLS server key
 * @param supervisor the supervisor side: descriptor, auth bundle, interception CA, optional bundles
 */
public record BootstrapSecrets(Secret sandbox, Secret supervisor) {

  static final String OPAQUE = "Opaque";

  public static BootstrapSecrets render(
      IsolationNames names, SandboxPlan plan, BootstrapMaterial material) {
    return render(
        names,
        plan.identity().id(),
        plan.identity().namespace(),
        plan.runtime().runtimeGeneration(),
        material);
  }

  /**
   * The Secrets of {@code generation} of sandbox {@code id}: for a Start, which has the stored
   * Sandbox but no plan.
   */
  public static BootstrapSecrets render(
      IsolationNames names,
      String id,
      String namespace,
      String generation,
      BootstrapMaterial material) {
    Map<String, String> sandboxData = new TreeMap<>();
    sandboxData.put(IsolationNames.KEY_BOUNDARY_CONFIG, encode(material.boundaryConfig()));
    sandboxData.put(
        IsolationNames.KEY_BOUNDARY_CERTIFICATE, encode(material.boundaryCertificate()));
    sandboxData.put(IsolationNames.KEY_BOUNDARY_PRIVATE_KEY, encode(material.boundaryPrivateKey()));

    Map<String, String> supervisorData = new TreeMap<>();
    supervisorData.put(IsolationNames.KEY_BACKEND_DESCRIPTOR, encode(material.backendDescriptor()));
    supervisorData.put(IsolationNames.KEY_AUTH_BUNDLE, encode(material.authBundle()));
    supervisorData.put(
        IsolationNames.KEY_PROXY_CA_CERTIFICATE, encode(material.proxyCaCertificate()));
    supervisorData.put(
        IsolationNames.KEY_PROXY_CA_PRIVATE_KEY, encode(material.proxyCaPrivateKey()));
    material
        .upstreamProxyCaBundle()
        .ifPresent(b -> supervisorData.put(IsolationNames.KEY_UPSTREAM_PROXY_CA_BUNDLE, encode(b)));
    material.clientCa().ifPresent(b -> supervisorData.put(IsolationNames.KEY_CLIENT_CA, encode(b)));

    return new BootstrapSecrets(
        secret(
            IsolationNames.sandboxSecret(id, generation),
            namespace,
            IsolationMeta.common(names, id, IsolationNames.COMPONENT_SANDBOX_SECRET),
            sandboxData),
        secret(
            IsolationNames.supervisorSecret(id, generation),
            namespace,
            IsolationMeta.common(names, id, IsolationNames.COMPONENT_SUPERVISOR_SECRET),
            supervisorData));
  }

  private static Secret secret(
      String name, String namespace, Map<String, String> labels, Map<String, String> data) {
    Secret secret = new Secret();
    secret.setMetadata(IsolationMeta.meta(name, namespace, labels));
    secret.setType(OPAQUE);
    secret.setImmutable(true);
    secret.setData(data);
    return secret;
  }

  private static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
