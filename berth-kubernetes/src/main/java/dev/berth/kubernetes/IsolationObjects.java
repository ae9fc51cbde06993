package dev.berth.kubernetes;

import dev.berth.driver.DriverException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceList;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.ServiceResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The plain reads and writes of the two-pod lifecycle on the objects around the Sandbox: its
 * fences, Service, supervisor pod and bootstrap Secrets. {@link #create} is the idempotent create
 * every step uses: a 409 reads the object that is there and hands it back for the step to judge.
 */
final class IsolationObjects {

  private static final PatchContext JSON_PATCH = PatchContext.of(PatchType.JSON);

  private final KubernetesClient client;
  private final ApiErrors errors;

  IsolationObjects(KubernetesClient client, ApiErrors errors) {
    this.client = client;
    this.errors = errors;
  }

  /** What a create found: the object it made, or the one already there. */
  record Created<T>(T object, boolean existed) {}

  Created<NetworkPolicy> create(NetworkPolicy policy) throws DriverException {
    return create(policy, networkPolicies(), "NetworkPolicy");
  }

  Created<Service> create(Service service) throws DriverException {
    return create(service, services(), "Service");
  }

  Created<Pod> create(Pod pod) throws DriverException {
    return create(pod, pods(), "pod");
  }

  Created<Secret> create(Secret secret) throws DriverException {
    return create(secret, secrets(), "Secret");
  }

  Optional<Pod> pod(String namespace, String name) throws DriverException {
    return get(pods(), namespace, name, "pod");
  }

  Optional<Service> service(String namespace, String name) throws DriverException {
    return get(services(), namespace, name, "Service");
  }

  Optional<NetworkPolicy> networkPolicy(String namespace, String name) throws DriverException {
    return get(networkPolicies(), namespace, name, "NetworkPolicy");
  }

  /**
   * The UID of {@code namespace}, which the bootstrap claims bind: a namespace deleted and made
   * again under the same name has another.
   */
  String namespaceUid(String namespace) throws DriverException {
    Namespace found =
        errors.call(
            "read namespace " + namespace, () -> client.namespaces().withName(namespace).get());
    if (found == null) {
      throw new DriverException(
          DriverException.Kind.FAILED_PRECONDITION,
          "namespace " + namespace + " is gone; create it, then create the sandbox again");
    }
    return Objects.requireNonNullElse(found.getMetadata().getUid(), "");
  }

  Pod jsonPatchPod(String namespace, String name, String jsonPatch) throws DriverException {
    return errors.call(
        "patch pod " + name + " in namespace " + namespace,
        () -> pods().inNamespace(namespace).withName(name).patch(JSON_PATCH, jsonPatch));
  }

  /** Deletes one pod; true when it was there. */
  boolean deletePod(String namespace, String name) throws DriverException {
    return delete(pods(), namespace, name, "pod");
  }

  boolean deleteService(String namespace, String name) throws DriverException {
    return delete(services(), namespace, name, "Service");
  }

  boolean deleteSecret(String namespace, String name) throws DriverException {
    return delete(secrets(), namespace, name, "Secret");
  }

  /** The Secrets in {@code namespace} carrying every label of {@code labels}. */
  List<Secret> secrets(String namespace, Map<String, String> labels) throws DriverException {
    return errors.call(
        "list the bootstrap Secrets in namespace " + namespace,
        () -> secrets().inNamespace(namespace).withLabels(labels).list().getItems());
  }

  /** {@code object} with {@code owner} as its one owner reference. */
  static <T extends HasMetadata> T owned(T object, OwnerReference owner) {
    object.getMetadata().setOwnerReferences(List.of(owner));
    return object;
  }

  /** True when {@code actual} carries every label of {@code rendered}. */
  static boolean hasLabels(HasMetadata actual, HasMetadata rendered) {
    Map<String, String> want = rendered.getMetadata().getLabels();
    Map<String, String> have =
        Objects.requireNonNullElse(actual.getMetadata().getLabels(), Map.of());
    return want == null || have.entrySet().containsAll(want.entrySet());
  }

  /** The UID of the owner reference of {@code object}, empty when it has none. */
  static Optional<String> ownerUid(HasMetadata object) {
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    return owners == null || owners.isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(owners.get(0).getUid());
  }

  static DriverException foreign(HasMetadata object, String why) {
    return new DriverException(
        DriverException.Kind.FAILED_PRECONDITION,
        object.getKind()
            + " "
            + object.getMetadata().getName()
            + " in namespace "
            + object.getMetadata().getNamespace()
            + " already exists and "
            + why
            + "; remove or rename it");
  }

  private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
      Created<T> create(T object, MixedOperation<T, L, R> op, String kind) throws DriverException {
    String namespace = object.getMetadata().getNamespace();
    String name = object.getMetadata().getName();
    String action = "create " + kind + " " + name + " in namespace " + namespace;
    try {
      return new Created<>(op.inNamespace(namespace).resource(object).create(), false);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw errors.map(e, action);
      }
    }
    Optional<T> existing = get(op, namespace, name, kind);
    if (existing.isEmpty()) {
      throw new DriverException(
          DriverException.Kind.CONFLICT,
          kind + " " + name + " in namespace " + namespace + " was being replaced; retry");
    }
    return new Created<>(existing.get(), true);
  }

  private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
      Optional<T> get(MixedOperation<T, L, R> op, String namespace, String name, String kind)
          throws DriverException {
    return Optional.ofNullable(
        errors.call(
            "read " + kind + " " + name + " in namespace " + namespace,
            () -> op.inNamespace(namespace).withName(name).get()));
  }

  private <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
      boolean delete(MixedOperation<T, L, R> op, String namespace, String name, String kind)
          throws DriverException {
    return !errors
        .call(
            "delete " + kind + " " + name + " in namespace " + namespace,
            () -> op.inNamespace(namespace).withName(name).delete())
        .isEmpty();
  }

  private MixedOperation<Pod, PodList, PodResource> pods() {
    return client.pods();
  }

  private MixedOperation<Service, ServiceList, ServiceResource<Service>> services() {
    return client.services();
  }

  private MixedOperation<Secret, SecretList, Resource<Secret>> secrets() {
    return client.secrets();
  }

  private MixedOperation<NetworkPolicy, NetworkPolicyList, Resource<NetworkPolicy>>
      networkPolicies() {
    return client.network().v1().networkPolicies();
  }
}
