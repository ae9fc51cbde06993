package dev.berth.driver;

import dev.berth.config.Quote;
import dev.berth.naming.Generation;
import dev.berth.naming.LabelRules;
import dev.berth.naming.ManagedNames;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxPlan;
import dev.berth.plan.StoragePlan.PlannedVolume;
import dev.berth.plan.VolumeSourcePlan;
import dev.berth.request.SandboxRequest;
import dev.berth.result.Result;
import dev.berth.settings.ContractSettings;
import dev.berth.settings.DriverSettings;
import dev.berth.validate.IdentityRules;
import dev.berth.validate.SandboxValidator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The checks a sandbox must pass before anything is created or started. ValidateSandboxCreate calls
 * {@link #check} and CreateSandbox {@link #admit}; both run the same checks, so a request that
 * validates is exactly a request that Create accepts (upstream's Create skips the shared-mode name
 * length check; ours cannot). Only {@link #admit} may write to the cluster (the managed namespace).
 * StartSandbox runs {@link #startGuard}.
 *
 * <p>Resource admission follows the {@link AdmissionPolicy} of the caller's gateway generation: a
 * non-empty {@code driver_config} only when allowed, and, when enabled, the required labels on
 * every PersistentVolumeClaim the sandbox mounts (read-only ones too), read with a metadata-only
 * request. With the G1 defaults neither applies, and a claim is only checked to exist.
 */
public final class SandboxAdmission {

  /** Upstream's sentence, kept so gateways that show it to users show the same words. */
  static final String NO_GPU_CAPACITY =
      "GPU sandbox requested, but the active gateway has no allocatable GPUs. Add a node that"
          + " advertises allocatable nvidia.com/gpu (NVIDIA device plugin) or create the sandbox"
          + " without a GPU requirement.";

  static final String CLAIM = "PersistentVolumeClaim";

  private final SandboxBackend backend;
  private final DriverSettings settings;

  public SandboxAdmission(SandboxBackend backend, DriverSettings settings) {
    this.backend = backend;
    this.settings = settings;
  }

  /** The policy in force for a gateway of {@code generation}. */
  public AdmissionPolicy policy(Generation generation) {
    return AdmissionPolicy.of(settings.contract().admission(), generation);
  }

  /**
   * Checks the sandbox against the settings, the admission policy and the cluster, and returns its
   * plan.
   *
   * <p>Order: the driver_config gate first (nothing is asked of the cluster for a request the
   * policy refuses outright), then cluster facts (the validator needs the namespace's UID ranges),
   * then every input violation at once, then the cluster preconditions (GPU capacity, claims),
   * which are only worth asking about for input that is otherwise valid.
   *
   * @throws DriverException FAILED_PRECONDITION for a refused driver_config, missing GPUs, missing
   *     or unlabelled claims; INVALID_ARGUMENT with every violation; UNAVAILABLE when claim
   *     metadata may not be read; or the failure of a cluster query
   */
  public SandboxPlan admit(SandboxRequest request, Generation generation) throws DriverException {
    return plan(request, generation, true);
  }

  /** {@link #admit}'s checks without any write to the cluster, for ValidateSandboxCreate. */
  public SandboxPlan check(SandboxRequest request, Generation generation) throws DriverException {
    return plan(request, generation, false);
  }

  /**
   * What StartSandbox re-checks under the policy in force now: a sandbox created with a caller
   * {@code driver_config} that is no longer allowed is refused, and its claims must still carry the
   * required labels.
   */
  public RuntimeStart.Guard startGuard(Generation generation) {
    AdmissionPolicy policy = policy(generation);
    return stored -> {
      if (stored.callerDriverConfigUsed().orElse(false) && !policy.allowDriverConfig()) {
        throw DriverException.precondition(
            "sandbox "
                + stored.id()
                + " was created with a caller driver_config, which "
                + ContractSettings.ALLOW_DRIVER_CONFIG.label()
                + " no longer allows; allow it again, or recreate the sandbox without one.",
            "setting",
            List.of(ContractSettings.ALLOW_DRIVER_CONFIG.key()));
      }
      if (policy.enabled()) {
        admitClaims(stored.namespace(), stored.workspace(), stored.claims(), policy);
      }
    };
  }

  /** True when the caller sent a {@code driver_config} with anything in it. */
  public static boolean usesDriverConfig(SandboxRequest request) {
    JsonNode config = request.spec().template().driverConfig();
    if (config == null || config.isNull() || config.isMissingNode()) {
      return false;
    }
    return !(config.isObject() && config.isEmpty());
  }

  private SandboxPlan plan(SandboxRequest request, Generation generation, boolean prepare)
      throws DriverException {
    AdmissionPolicy policy = policy(generation);
    if (!policy.allowDriverConfig() && usesDriverConfig(request)) {
      throw DriverException.precondition(
          "the request carries a driver_config, and callers may not send one: set "
              + ContractSettings.ALLOW_DRIVER_CONFIG.label()
              + " to true and allow_driver_config = true in the gateway's driver table to allow"
              + " it, or leave driver_config out.",
          "setting",
          List.of(ContractSettings.ALLOW_DRIVER_CONFIG.key()));
    }
    ClusterFacts facts = facts(request, prepare);
    Result<SandboxPlan> result = SandboxValidator.validate(request, settings, facts, generation);
    if (!result.isValid()) {
      throw DriverException.invalid(result.violations());
    }
    SandboxPlan plan = result.orElseThrow();
    if (plan.agent().gpuCount().isPresent() && !backend.hasGpuCapacity()) {
      throw DriverException.precondition(
          NO_GPU_CAPACITY, "GPU", List.of(ManagedNames.GPU_RESOURCE));
    }
    List<String> claims = claims(plan);
    if (!claims.isEmpty()) {
      String namespace = plan.identity().namespace();
      if (policy.enabled()) {
        admitClaims(namespace, plan.identity().workspace(), claims, policy);
      } else {
        requireClaims(namespace, backend.missingClaims(namespace, claims));
      }
    }
    return plan;
  }

  /**
   * Facts for the sandbox's namespace. With a workspace that cannot name a namespace there is
   * nothing to ask the cluster about, and the validator reports the workspace anyway; default facts
   * keep the remaining checks running so every violation still comes back at once.
   */
  private ClusterFacts facts(SandboxRequest request, boolean prepare) throws DriverException {
    Optional<String> namespace = IdentityRules.namespace(settings, request.workspace());
    if (namespace.isEmpty()) {
      return ClusterFacts.DEFAULT;
    }
    return prepare
        ? backend.prepare(request.workspace(), namespace.get())
        : backend.inspect(request.workspace(), namespace.get());
  }

  private static List<String> claims(SandboxPlan plan) {
    Set<String> claims = new LinkedHashSet<>();
    for (PlannedVolume volume : plan.storage().volumes()) {
      if (volume.source() instanceof VolumeSourcePlan.Claim claim) {
        claims.add(claim.claimName());
      }
    }
    return List.copyOf(claims);
  }

  private static void requireClaims(String namespace, List<String> missing) throws DriverException {
    if (!missing.isEmpty()) {
      throw DriverException.precondition(
          missingClaimsMessage(namespace, missing),
          CLAIM,
          missing.stream().map(c -> namespace + "/" + c).toList());
    }
  }

  /**
   * Reads every claim's labels and refuses the sandbox, naming each offending claim, when one is
   * missing, being deleted or lacks a required label. A claim the driver may not read makes the
   * check impossible, which is the cluster's fault, not the request's: UNAVAILABLE.
   */
  private void admitClaims(
      String namespace, String workspace, List<String> claims, AdmissionPolicy policy)
      throws DriverException {
    if (policy.requiredLabels().containsValue(Generation.WORKSPACE_PLACEHOLDER)
        && (workspace.isEmpty() || !LabelRules.isLabelValue(workspace))) {
      throw DriverException.precondition(
          "workspace "
              + Quote.of(workspace)
              + " is not a valid label value, so no PersistentVolumeClaim can carry the"
              + " workspace label resource admission requires; use a workspace name of at most 63"
              + " letters, digits, '-', '_' or '.'.",
          CLAIM,
          claims.stream().map(c -> namespace + "/" + c).toList());
    }
    List<ClaimMetadata> found = backend.claimMetadata(namespace, claims);
    List<String> forbidden = names(found, ClaimMetadata.Forbidden.class);
    if (!forbidden.isEmpty()) {
      throw new DriverException(
          DriverException.Kind.UNAVAILABLE,
          "the driver may not read PersistentVolumeClaim metadata in namespace "
              + Quote.of(namespace)
              + " (needed for "
              + quoted(forbidden)
              + "); grant its service account 'get' on persistentvolumeclaims there.");
    }
    requireClaims(namespace, names(found, ClaimMetadata.Missing.class));
    List<String> problems = new ArrayList<>();
    List<String> subjects = new ArrayList<>();
    var expected = policy.labelsFor(workspace);
    for (ClaimMetadata claim : found) {
      if (!(claim instanceof ClaimMetadata.Found f)) {
        continue;
      }
      if (f.deleting()) {
        problems.add(CLAIM + " " + Quote.of(f.name()) + " is being deleted.");
        subjects.add(namespace + "/" + f.name());
        continue;
      }
      List<String> lacking =
          expected.entrySet().stream()
              .filter(e -> !e.getValue().equals(f.labels().get(e.getKey())))
              .map(e -> e.getKey() + "=" + e.getValue())
              .toList();
      if (!lacking.isEmpty()) {
        problems.add(
            CLAIM
                + " "
                + Quote.of(f.name())
                + " lacks "
                + (lacking.size() == 1 ? "the label " : "the labels ")
                + String.join(", ", lacking)
                + " that resource admission requires of claims a sandbox of workspace "
                + Quote.of(workspace)
                + " mounts.");
        subjects.add(namespace + "/" + f.name());
      }
    }
    if (!problems.isEmpty()) {
      throw DriverException.precondition(
          String.join(" ", problems)
              + " Label the claims in namespace "
              + Quote.of(namespace)
              + " if they are meant for this sandbox, or mount others.",
          CLAIM,
          subjects);
    }
  }

  private static List<String> names(
      List<ClaimMetadata> found, Class<? extends ClaimMetadata> kind) {
    return found.stream().filter(kind::isInstance).map(ClaimMetadata::name).toList();
  }

  private static String quoted(List<String> names) {
    return names.stream().map(Quote::of).collect(Collectors.joining(", "));
  }

  static String missingClaimsMessage(String namespace, List<String> missing) {
    String names = quoted(missing);
    boolean one = missing.size() == 1;
    return CLAIM
        + (one ? " " : "s ")
        + names
        + (one ? " does" : " do")
        + " not exist in namespace "
        + Quote.of(namespace)
        + "; create "
        + (one ? "it" : "them")
        + " there before the sandbox, or remove the volume that references "
        + (one ? "it" : "them")
        + " (otherwise the pod would wait on FailedMount).";
  }
}
