package dev.berth.kubernetes;

import static dev.berth.naming.ManagedNames.LABEL_GATEWAY_ID;
import static dev.berth.naming.ManagedNames.LABEL_MANAGED_BY;
import static dev.berth.naming.ManagedNames.LABEL_SANDBOX_ID;
import static dev.berth.naming.ManagedNames.MANAGED_BY_VALUE;

import dev.berth.plan.SandboxApiVersion;
import dev.berth.render.agentsandbox.AgentSandbox;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Optional;

/**
 * Addresses of the {@code agents.x-k8s.io} Sandbox resources this driver owns: the resource
 * definition per served version and the label selectors upstream uses to find them.
 *
 * @param namespace the namespace sandboxes live in (shared mode); empty means every namespace
 *     (managed mode)
 */
record SandboxApi(KubernetesClient client, SandboxApiVersion version, Optional<String> namespace) {

  SandboxApi {
    // The client reads objects by apiVersion and kind; without this it would hand back generic
    // resources for a custom kind it has not been told about.
    for (SandboxApiVersion v : SandboxApiVersion.values()) {
      client.getKubernetesSerialization().registerKubernetesResource(AgentSandbox.type(v));
    }
  }

  /** Exactly one sandbox of this gateway (upstream's Get/Stop/Start/Delete lookup). */
  static String idSelector(String sandboxId, String gatewayId) {
    return LABEL_MANAGED_BY
        + "="
        + MANAGED_BY_VALUE
        + ","
        + LABEL_SANDBOX_ID
        + "="
        + sandboxId
        + ","
        + LABEL_GATEWAY_ID
        + "="
        + gatewayId;
  }

  /** Every sandbox of this gateway (upstream's List selector). */
  static String gatewaySelector(String gatewayId) {
    return ownedSelector() + "," + LABEL_GATEWAY_ID + "=" + gatewayId;
  }

  /** Every sandbox any OpenShell gateway made. */
  static String ownedSelector() {
    return LABEL_MANAGED_BY + "=" + MANAGED_BY_VALUE + "," + LABEL_SANDBOX_ID;
  }

  /**
   * OpenShell sandboxes whose gateway-id label is missing or names another gateway (the backfill's
   * selector; {@code !=} also matches objects without the label). The API server filters, so a
   * restart with thousands of labelled sandboxes lists none of them.
   */
  static String unlabelledSelector(String gatewayId) {
    return ownedSelector() + "," + LABEL_GATEWAY_ID + "!=" + gatewayId;
  }

  /**
   * The typed operations on this version's Sandboxes. Both versions' classes are {@link
   * AgentSandbox}es of one shape, so the operations are used through the common type; the class
   * picks the endpoint, and the objects written are rendered for this same version.
   */
  @SuppressWarnings("unchecked")
  MixedOperation<AgentSandbox, KubernetesResourceList<AgentSandbox>, Resource<AgentSandbox>>
      resources() {
    return (MixedOperation<
            AgentSandbox, KubernetesResourceList<AgentSandbox>, Resource<AgentSandbox>>)
        (MixedOperation<?, ?, ?>) client.resources(AgentSandbox.type(version));
  }

  /** Sandboxes in scope: the namespace in shared mode, all namespaces in managed mode. */
  FilterWatchListDeletable<
          AgentSandbox, KubernetesResourceList<AgentSandbox>, Resource<AgentSandbox>>
      inScope() {
    return namespace.isPresent()
        ? resources().inNamespace(namespace.get())
        : resources().inAnyNamespace();
  }

  Resource<AgentSandbox> named(String namespace, String name) {
    return resources().inNamespace(namespace).withName(name);
  }

  /**
   * A Sandbox the caller has just read. A patch through {@link #named} first GETs the object
   * (fabric8 reads it for its name); through this the patch is the only request.
   */
  Resource<AgentSandbox> held(AgentSandbox sandbox) {
    return resources().inNamespace(sandbox.getMetadata().getNamespace()).resource(sandbox);
  }

  /** Where a scope-less caller reads a phrase: "namespace x" or "all namespaces". */
  String scopeDescription() {
    return namespace.map(n -> "namespace " + n).orElse("all namespaces");
  }

  /** Absolute URL of one Sandbox, for requests fabric8's DSL cannot express. */
  String url(String namespace, String name) {
    return KubernetesClients.url(
        client,
        "apis/"
            + SandboxApiVersion.GROUP
            + "/"
            + version.version()
            + "/namespaces/"
            + namespace
            + "/"
            + SandboxApiVersion.PLURAL
            + "/"
            + name);
  }
}
