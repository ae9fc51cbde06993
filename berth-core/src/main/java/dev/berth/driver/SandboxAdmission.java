package dev.berth.driver;

import dev.berth.config.Quote;
import dev.berth.naming.ManagedNames;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.SandboxPlan;
import dev.berth.plan.StoragePlan.PlannedVolume;
import dev.berth.plan.VolumeSourcePlan;
import dev.berth.request.SandboxRequest;
import dev.berth.result.Result;
import dev.berth.settings.DriverSettings;
import dev.berth.validate.IdentityRules;
import dev.berth.validate.SandboxValidator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks a sandbox must pass before anything is created. ValidateSandboxCreate calls {@link
 * #check} and CreateSandbox {@link #admit}; both run the same checks, so a request that validates
 * is exactly a request that Create accepts (upstream's Create skips the shared-mode name length
 * check; ours cannot). Only {@link #admit} may write to the cluster (the managed namespace).
 */
public final class SandboxAdmission {

  /** Upstream's sentence, kept so gateways that show it to users show the same words. */
  static final String NO_GPU_CAPACITY =
      "GPU sandbox requested, but the active gateway has no allocatable GPUs. Add a node that"
          + " advertises allocatable nvidia.com/gpu (NVIDIA device plugin) or create the sandbox"
          + " without a GPU requirement.";

  private final SandboxBackend backend;
  private final DriverSettings settings;

  public SandboxAdmission(SandboxBackend backend, DriverSettings settings) {
    this.backend = backend;
    this.settings = settings;
  }

  /**
   * Checks the sandbox against the settings and the cluster and returns its plan.
   *
   * <p>Order: cluster facts first (the validator needs the namespace's UID ranges), then every
   * input violation at once, then the cluster preconditions (GPU capacity, claims), which are only
   * worth asking about for input that is otherwise valid.
   *
   * @throws DriverException INVALID_ARGUMENT with every violation, FAILED_PRECONDITION for missing
   *     GPUs or claims, or the failure of a cluster query
   */
  public SandboxPlan admit(SandboxRequest request) throws DriverException {
    return plan(request, true);
  }

  /** {@link #admit}'s checks without any write to the cluster, for ValidateSandboxCreate. */
  public SandboxPlan check(SandboxRequest request) throws DriverException {
    return plan(request, false);
  }

  private SandboxPlan plan(SandboxRequest request, boolean prepare) throws DriverException {
    ClusterFacts facts = facts(request, prepare);
    Result<SandboxPlan> result = SandboxValidator.validate(request, settings, facts);
    if (!result.isValid()) {
      throw DriverException.invalid(result.violations());
    }
    SandboxPlan plan = result.orElseThrow();
    if (plan.agent().gpuCount().isPresent() && !backend.hasGpuCapacity()) {
      throw DriverException.precondition(
          NO_GPU_CAPACITY, "GPU", List.of(ManagedNames.GPU_RESOURCE));
    }
    checkClaims(plan);
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

  private void checkClaims(SandboxPlan plan) throws DriverException {
    Set<String> claims = new LinkedHashSet<>();
    for (PlannedVolume volume : plan.storage().volumes()) {
      if (volume.source() instanceof VolumeSourcePlan.Claim claim) {
        claims.add(claim.claimName());
      }
    }
    if (claims.isEmpty()) {
      return;
    }
    String namespace = plan.identity().namespace();
    List<String> missing = backend.missingClaims(namespace, claims);
    if (!missing.isEmpty()) {
      throw DriverException.precondition(
          missingClaimsMessage(namespace, missing),
          "PersistentVolumeClaim",
          missing.stream().map(c -> namespace + "/" + c).toList());
    }
  }

  static String missingClaimsMessage(String namespace, List<String> missing) {
    String names = missing.stream().map(Quote::of).collect(Collectors.joining(", "));
    boolean one = missing.size() == 1;
    return "PersistentVolumeClaim"
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
