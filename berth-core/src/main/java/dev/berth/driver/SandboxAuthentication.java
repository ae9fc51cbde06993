package dev.berth.driver;

import static dev.berth.naming.ManagedNames.LABEL_GATEWAY_ID;
import static dev.berth.naming.ManagedNames.LABEL_MANAGED_BY;
import static dev.berth.naming.ManagedNames.LABEL_SANDBOX_ID;
import static dev.berth.naming.ManagedNames.MANAGED_BY_VALUE;
import static dev.berth.naming.ManagedNames.POD_ANNOTATION_SANDBOX_ID;

import dev.berth.driver.DriverException.Kind;
import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import dev.berth.naming.ManagedNames;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.settings.ClusterSettings;
import dev.berth.settings.DriverSettings;
import dev.berth.settings.WorkspaceMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of AuthenticateSandbox, as pure checks over what the cluster answered. The backend
 * makes the three reads (a TokenReview, the pod, the Sandbox) and hands each answer here; every
 * refusal is {@code UNAUTHENTICATED} (the credential is not valid for this gateway) or {@code
 * PERMISSION_DENIED} (valid, but not a sandbox runtime this driver runs). No sentence quotes the
 * credential.
 */
public final class SandboxAuthentication {

  private SandboxAuthentication() {}

  /** How Kubernetes names service account users: {@code system:serviceaccount:<ns>:<name>}. */
  public static final String SERVICE_ACCOUNT_USER = "system:serviceaccount:";

  /** TokenReview extras that bind a projected token to the pod it was mounted into. */
  public static final String EXTRA_POD_NAME = "authentication.kubernetes.io/pod-name";

  public static final String EXTRA_POD_UID = "authentication.kubernetes.io/pod-uid";

  /**
   * What the TokenReview said.
   *
   * @param authenticated {@code status.authenticated}
   * @param audiences {@code status.audiences}
   * @param username {@code status.user.username}, empty when absent
   * @param extra {@code status.user.extra}
   */
  public record Review(
      boolean authenticated,
      List<String> audiences,
      Optional<String> username,
      Map<String, List<String>> extra) {
    public Review {
      audiences = List.copyOf(audiences);
      extra = Map.copyOf(extra);
    }
  }

  /** The pod a reviewed token was issued to. */
  public record PodRef(String namespace, String name, String uid) {}

  /** An owner reference of the pod. */
  public record Owner(
      String apiVersion, String kind, String name, String uid, boolean controller) {}

  /**
   * The pod, as read from the API server.
   *
   * @param uid {@code metadata.uid}
   * @param labels its labels
   * @param annotations its annotations
   * @param owners its owner references
   */
  public record Pod(
      String uid, Map<String, String> labels, Map<String, String> annotations, List<Owner> owners) {
    public Pod {
      labels = Map.copyOf(labels);
      annotations = Map.copyOf(annotations);
      owners = List.copyOf(owners);
    }
  }

  /** A pod bound to a sandbox: its role, the sandbox id it carries and the Sandbox that owns it. */
  public record Binding(
      PodRef pod, PodRole role, String sandboxId, Owner owner, String runtimeGeneration) {}

  /**
   * The owning Sandbox, as read from the API server.
   *
   * @param uid {@code metadata.uid}
   * @param labels its labels
   * @param podName the name of the pod agent-sandbox runs for it
   */
  public record Sandbox(String uid, Map<String, String> labels, String podName) {
    public Sandbox {
      labels = Map.copyOf(labels);
    }
  }

  /**
   * Which pods of a sandbox may authenticate, and how each is bound to its Sandbox. A single-pod
   * sandbox (G1) has one, the pod agent-sandbox runs from the Sandbox's template. A two-pod sandbox
   * (G2 and later) authenticates through its supervisor pod, which Berth creates owned by the
   * Sandbox without being its controller and recognises by the generation's boundary-role label;
   * its workload pod holds no token at all.
   */
  public enum PodRole {
    /** The pod agent-sandbox runs for the Sandbox: the Sandbox is its controller. */
    AGENT(true),
    /** The supervisor pod of a two-pod sandbox: owned by the Sandbox, not controlled. */
    SUPERVISOR(false);

    private final boolean controlledBySandbox;

    PodRole(boolean controlledBySandbox) {
      this.controlledBySandbox = controlledBySandbox;
    }

    /** The role of {@code pod} for a gateway of {@code generation}. */
    static PodRole of(Pod pod, Generation generation) {
      Objects.requireNonNull(pod, "pod");
      if (generation.runtimeShape() != Generation.RuntimeShape.ISOLATION_BACKEND) {
        return AGENT;
      }
      IsolationNames names = new IsolationNames(generation);
      return IsolationNames.ROLE_SUPERVISOR.equals(pod.labels().get(names.roleLabel()))
          ? SUPERVISOR
          : AGENT;
    }

    /** True for the workload pod of a two-pod sandbox, which never authenticates. */
    static boolean isWorkload(Pod pod, Generation generation) {
      return generation.runtimeShape() == Generation.RuntimeShape.ISOLATION_BACKEND
          && IsolationNames.ROLE_WORKLOAD.equals(
              pod.labels().get(new IsolationNames(generation).roleLabel()));
    }

    /** The name a pod of this role must have for {@code sandbox}. */
    String expectedName(Sandbox sandbox, String sandboxId) {
      return this == SUPERVISOR ? IsolationNames.supervisorPod(sandboxId) : sandbox.podName();
    }

    /** The annotation that carries the sandbox id on a pod of this role. */
    String sandboxIdKey(Generation generation) {
      return this == SUPERVISOR
          ? new IsolationNames(generation).sandboxIdKey()
          : POD_ANNOTATION_SANDBOX_ID;
    }

    /** The runtime generation a pod of this role records. */
    String runtimeGeneration(Pod pod, Generation generation) {
      if (this == SUPERVISOR) {
        String recorded =
            pod.annotations().get(new IsolationNames(generation).runtimeGenerationAnnotation());
        return recorded == null || recorded.isEmpty() ? RuntimeGenerations.UNRECORDED : recorded;
      }
      return RuntimeGenerations.recorded(pod.annotations());
    }
  }

  /**
   * Step 1: the TokenReview says the credential is a live token for this generation's audience,
   * issued to the configured sandbox service account and bound to a pod in a namespace this driver
   * serves.
   */
  public static PodRef reviewed(Review review, Generation generation, DriverSettings settings)
      throws DriverException {
    if (!review.authenticated()) {
      throw new DriverException(
          Kind.UNAUTHENTICATED, "the sandbox credential was not accepted by the Kubernetes API");
    }
    if (!review.audiences().contains(generation.tokenAudience())) {
      throw new DriverException(
          Kind.UNAUTHENTICATED,
          "the sandbox credential is not meant for audience '" + generation.tokenAudience() + "'");
    }
    String user = review.username().orElse("");
    if (!user.startsWith(SERVICE_ACCOUNT_USER)) {
      throw denied("the sandbox credential does not belong to a service account");
    }
    String account = user.substring(SERVICE_ACCOUNT_USER.length());
    int colon = account.indexOf(':');
    if (colon <= 0 || colon == account.length() - 1) {
      throw denied("the sandbox credential names no valid service account");
    }
    String namespace = account.substring(0, colon);
    String name = account.substring(colon + 1);
    String expected = settings.cluster().serviceAccountName();
    if (!name.equals(expected)) {
      throw denied(
          "the sandbox credential belongs to service account '"
              + name
              + "', not to the sandbox service account '"
              + expected
              + "' ("
              + ClusterSettings.SANDBOX_SERVICE_ACCOUNT.flag()
              + ")");
    }
    if (!served(namespace, settings.cluster())) {
      throw denied("namespace '" + namespace + "' is not one this driver runs sandboxes in");
    }
    Optional<String> pod = single(review.extra(), EXTRA_POD_NAME);
    Optional<String> uid = single(review.extra(), EXTRA_POD_UID);
    if (!review.extra().containsKey(EXTRA_POD_NAME) || !review.extra().containsKey(EXTRA_POD_UID)) {
      throw denied(
          "the sandbox credential is not bound to a pod; sandboxes present a projected service"
              + " account token");
    }
    if (pod.isEmpty() || uid.isEmpty()) {
      throw denied("the sandbox credential's pod binding is not exactly one pod name and UID");
    }
    return new PodRef(namespace, pod.get(), uid.get());
  }

  /**
   * Step 2: the pod is still the one the token was issued to, carries a sandbox id, and is bound to
   * a Sandbox the way its role requires.
   *
   * @param pod the pod read by name, empty when the API server answered 404
   */
  public static Binding bound(PodRef ref, Optional<Pod> pod) throws DriverException {
    return bound(ref, pod, Generation.G1);
  }

  /**
   * {@link #bound(PodRef, Optional)} for a gateway of {@code generation}, whose two-pod sandboxes
   * authenticate through their supervisor pods.
   */
  public static Binding bound(PodRef ref, Optional<Pod> pod, Generation generation)
      throws DriverException {
    String which = "pod '" + ref.name() + "' in namespace '" + ref.namespace() + "'";
    if (pod.isEmpty()) {
      throw denied("the credential's " + which + " no longer exists");
    }
    Pod p = pod.get();
    if (!ref.uid().equals(p.uid())) {
      throw denied("the credential was issued to an earlier " + which + " (its UID differs)");
    }
    if (PodRole.isWorkload(p, generation)) {
      throw denied(
          which
              + " is a two-pod sandbox's workload, which holds no gateway credential; its"
              + " supervisor pod authenticates for it");
    }
    PodRole role = PodRole.of(p, generation);
    String key = role.sandboxIdKey(generation);
    String id = p.annotations().get(key);
    if (id == null || id.isEmpty()) {
      throw denied(which + " is not bound to a sandbox (no " + key + ")");
    }
    String labelled = p.labels().get(role == PodRole.SUPERVISOR ? key : LABEL_SANDBOX_ID);
    if (labelled != null && !labelled.equals(id)) {
      throw denied(which + " carries two different sandbox ids");
    }
    List<Owner> sandboxes =
        p.owners().stream()
            .filter(o -> o.kind().equals(SandboxApiVersion.KIND) && isSandboxApi(o.apiVersion()))
            .toList();
    if (sandboxes.size() != 1) {
      throw denied(which + " is not owned by exactly one Sandbox");
    }
    Owner owner = sandboxes.get(0);
    if (owner.controller() != role.controlledBySandbox
        || owner.name().isEmpty()
        || owner.uid().isEmpty()) {
      throw denied(which + " is not run by its Sandbox the way a sandbox pod is");
    }
    return new Binding(ref, role, id, owner, role.runtimeGeneration(p, generation));
  }

  /**
   * Step 3: the owning Sandbox is the one the pod names, belongs to this gateway, and runs this
   * pod; then the answer is the sandbox id and the identity of the pod's runtime generation.
   *
   * @param sandbox the Sandbox read by the owner reference's name, empty on 404
   */
  public static AuthenticatedSandbox owned(
      Binding binding, Optional<Sandbox> sandbox, DriverSettings settings) throws DriverException {
    String which = "pod '" + binding.pod().name() + "'";
    if (sandbox.isEmpty()) {
      throw denied("the Sandbox '" + binding.owner().name() + "' that owns " + which + " is gone");
    }
    Sandbox s = sandbox.get();
    Map<String, String> labels = s.labels();
    boolean matches =
        s.uid().equals(binding.owner().uid())
            && MANAGED_BY_VALUE.equals(labels.get(LABEL_MANAGED_BY))
            && binding.sandboxId().equals(labels.get(LABEL_SANDBOX_ID))
            && settings.cluster().gatewayId().equals(labels.get(LABEL_GATEWAY_ID));
    if (!matches) {
      throw denied(
          which + " does not match the Sandbox '" + binding.owner().name() + "' that owns it");
    }
    if (!binding.role().expectedName(s, binding.sandboxId()).equals(binding.pod().name())) {
      throw denied(which + " is not the pod its Sandbox runs");
    }
    return new AuthenticatedSandbox(
        binding.sandboxId(),
        new RuntimeIdentity(binding.pod().namespace(), s.uid(), binding.runtimeGeneration()));
  }

  private static boolean served(String namespace, DriverSettings.Cluster cluster) {
    if (cluster.workspaceMode() == WorkspaceMode.MANAGED) {
      return namespace.startsWith(ManagedNames.managedNamespacePrefix(cluster.gatewayId()));
    }
    return namespace.equals(cluster.sandboxNamespace());
  }

  private static boolean isSandboxApi(String apiVersion) {
    for (SandboxApiVersion v : SandboxApiVersion.values()) {
      if (v.apiVersion().equals(apiVersion)) {
        return true;
      }
    }
    return false;
  }

  /** The one non-empty value of {@code key}, else empty. */
  private static Optional<String> single(Map<String, List<String>> extra, String key) {
    List<String> values = extra.get(key);
    if (values == null || values.size() != 1 || values.get(0) == null || values.get(0).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(values.get(0));
  }

  private static DriverException denied(String message) {
    return new DriverException(Kind.PERMISSION_DENIED, message);
  }
}
