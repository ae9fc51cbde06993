package dev.berth.kubernetes;

import static dev.berth.naming.ManagedNames.GPU_RESOURCE;

import dev.berth.driver.ClaimMetadata;
import dev.berth.driver.DriverException;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.PartialObjectMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-only questions planning asks the cluster: do these claims exist, is there a GPU, what does
 * the target namespace say about OpenShift UID ranges. Each is a bounded API call.
 */
final class ClusterQueries {

  /** Nodes read per page while looking for a GPU; the search stops at the first hit. */
  static final long NODE_PAGE = 500;

  private final KubernetesClient client;
  private final ApiErrors errors;
  private final Duration annotationsTtl;
  private final Map<String, Cached> annotations = new ConcurrentHashMap<>();

  private record Cached(Map<String, String> annotations, long expiresNanos) {}

  ClusterQueries(KubernetesClient client, ApiErrors errors, Duration annotationsTtl) {
    this.client = client;
    this.errors = errors;
    this.annotationsTtl = annotationsTtl;
  }

  /**
   * The names among {@code claims} with no PersistentVolumeClaim in {@code namespace}, in order.
   */
  List<String> missingClaims(String namespace, Collection<String> claims) throws DriverException {
    List<String> missing = new ArrayList<>();
    for (String claim : new LinkedHashSet<>(claims)) {
      Object found =
          errors.call(
              "read PersistentVolumeClaim " + claim + " in namespace " + namespace,
              () -> client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get());
      if (found == null) {
        missing.add(claim);
      }
    }
    return missing;
  }

  /**
   * One metadata-only read (a {@code PartialObjectMetadata} GET, which needs the same {@code get}
   * permission but carries no spec or status) per distinct claim, in order. 404 and 403 are answers
   * about one claim, not failures of the whole check.
   */
  List<ClaimMetadata> claimMetadata(String namespace, Collection<String> claims)
      throws DriverException {
    List<ClaimMetadata> found = new ArrayList<>();
    for (String claim : new LinkedHashSet<>(claims)) {
      String action =
          "read the metadata of PersistentVolumeClaim " + claim + " in namespace " + namespace;
      PartialObjectMetadata metadata;
      try {
        metadata =
            client
                .persistentVolumeClaims()
                .inNamespace(namespace)
                .withName(claim)
                .getAsPartialObjectMetadata();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 403) {
          found.add(new ClaimMetadata.Forbidden(claim));
          continue;
        }
        if (e.getCode() == 404) {
          found.add(new ClaimMetadata.Missing(claim));
          continue;
        }
        throw errors.map(e, action);
      }
      if (metadata == null || metadata.getMetadata() == null) {
        found.add(new ClaimMetadata.Missing(claim));
        continue;
      }
      Map<String, String> labels = metadata.getMetadata().getLabels();
      found.add(
          new ClaimMetadata.Found(
              claim,
              labels == null ? Map.of() : labels,
              metadata.getMetadata().getDeletionTimestamp() != null));
    }
    return found;
  }

  /** True when some node has allocatable {@code nvidia.com/gpu} other than zero. */
  boolean hasGpuCapacity() throws DriverException {
    String next = null;
    do {
      String page = next;
      NodeList nodes =
          errors.call(
              "list Nodes to check GPU capacity",
              () ->
                  client
                      .nodes()
                      .list(
                          new ListOptionsBuilder()
                              .withLimit(NODE_PAGE)
                              .withContinue(page)
                              .build()));
      for (Node node : nodes.getItems()) {
        if (hasGpu(node)) {
          return true;
        }
      }
      next = nodes.getMetadata() == null ? null : nodes.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
    return false;
  }

  static boolean hasGpu(Node node) {
    if (node.getStatus() == null || node.getStatus().getAllocatable() == null) {
      return false;
    }
    Quantity gpus = node.getStatus().getAllocatable().get(GPU_RESOURCE);
    if (gpus == null) {
      return false;
    }
    try {
      return gpus.getNumericalAmount().compareTo(BigDecimal.ZERO) > 0;
    } catch (RuntimeException e) {
      return !"0".equals(gpus.toString());
    }
  }

  /**
   * Annotations of {@code namespace}, cached briefly: they carry OpenShift's SCC ranges, which are
   * assigned once, and reading them on every create would double the API calls of a create.
   */
  Map<String, String> namespaceAnnotations(String namespace) throws DriverException {
    long now = System.nanoTime();
    Cached cached = annotations.get(namespace);
    if (cached != null && now - cached.expiresNanos() < 0) {
      return cached.annotations();
    }
    Namespace found =
        errors.call(
            "read namespace " + namespace, () -> client.namespaces().withName(namespace).get());
    if (found == null) {
      throw new DriverException(
          DriverException.Kind.FAILED_PRECONDITION,
          "namespace " + namespace + " does not exist; create it or configure another one");
    }
    Map<String, String> values =
        found.getMetadata().getAnnotations() == null
            ? Map.of()
            : Map.copyOf(found.getMetadata().getAnnotations());
    remember(namespace, values);
    return values;
  }

  /** Records annotations the driver just read or wrote itself. */
  void remember(String namespace, Map<String, String> values) {
    annotations.put(
        namespace, new Cached(Map.copyOf(values), System.nanoTime() + annotationsTtl.toNanos()));
  }
}
