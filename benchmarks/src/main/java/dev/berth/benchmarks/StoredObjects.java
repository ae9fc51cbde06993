package dev.berth.benchmarks;

import static dev.berth.benchmarks.CreateSandboxBenchmark.NAMESPACE;
import static dev.berth.benchmarks.CreateSandboxBenchmark.berthId;
import static dev.berth.benchmarks.CreateSandboxBenchmark.berthName;
import static dev.berth.benchmarks.CreateSandboxBenchmark.rawId;
import static dev.berth.benchmarks.CreateSandboxBenchmark.rawName;

import dev.berth.naming.ManagedNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;

/** The check that Berth and the raw client stored the same Sandbox, names aside. */
final class StoredObjects {

  private StoredObjects() {}

  /**
   * Whether what Berth stored for operation {@code i} and what the raw client stored for it are the
   * same object once ids and names are made equal and server-set metadata is dropped.
   */
  static boolean same(KubernetesClient client, ResourceDefinitionContext sandboxes, int i) {
    Optional<GenericKubernetesResource> b = byId(client, sandboxes, berthId(i));
    Optional<GenericKubernetesResource> r = byId(client, sandboxes, rawId(i));
    if (b.isEmpty() || r.isEmpty()) {
      return false;
    }
    return normalized(b.get(), berthId(i), berthName(i))
        .equals(normalized(r.get(), rawId(i), rawName(i)));
  }

  private static Optional<GenericKubernetesResource> byId(
      KubernetesClient client, ResourceDefinitionContext sandboxes, String id) {
    return client
        .genericKubernetesResources(sandboxes)
        .inNamespace(NAMESPACE)
        .withLabel(ManagedNames.LABEL_SANDBOX_ID, id)
        .list()
        .getItems()
        .stream()
        .findFirst();
  }

  private static String normalized(GenericKubernetesResource object, String id, String name) {
    GenericKubernetesResource copy = Serialization.clone(object);
    copy.getMetadata().setUid(null);
    copy.getMetadata().setResourceVersion(null);
    copy.getMetadata().setCreationTimestamp(null);
    copy.getMetadata().setGeneration(null);
    copy.getMetadata().setManagedFields(null);
    return Serialization.asJson(copy).replace(name, "NAME").replace(id, "ID");
  }
}
