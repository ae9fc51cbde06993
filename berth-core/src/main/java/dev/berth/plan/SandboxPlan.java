package dev.berth.plan;

import dev.berth.settings.DriverSettings;
import dev.berth.settings.Topology;
import java.util.Objects;

/**
 * Everything needed to render one sandbox, already checked and normalized: rendering reads this and
 * cannot fail. Built only by the validator.
 *
 * @param identity names and where the sandbox goes
 * @param agent what the agent container runs
 * @param resources final requests and limits of the agent container
 * @param scheduling placement and pod metadata
 * @param storage user volumes, their mounts and the workspace decision
 * @param security resolved sandbox UID/GID and the user's security overrides
 * @param settings the driver settings the plan was made under
 * @param facts what was known about the cluster
 * @param runtime the gateway generation the plan renders for and the runtime generation it starts
 */
public record SandboxPlan(
    Identity identity,
    AgentPlan agent,
    ResourcesPlan resources,
    SchedulingPlan scheduling,
    StoragePlan storage,
    SecurityPlan security,
    DriverSettings settings,
    ClusterFacts facts,
    RuntimePlan runtime) {

  public SandboxPlan {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(scheduling, "scheduling");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(runtime, "runtime");
  }

  /**
   * This plan for {@code runtime}: its generation's topology ({@link Topology#forGeneration}) in
   * the settings the renderer reads, so a G2 or G3 plan renders the two-pod shape and a G1 plan
   * exactly what it rendered before.
   */
  public SandboxPlan forRuntime(RuntimePlan runtime) {
    return new SandboxPlan(
        identity,
        agent,
        resources,
        scheduling,
        storage,
        security,
        withTopology(settings, Topology.forGeneration(runtime.generation(), configuredTopology())),
        facts,
        runtime);
  }

  /** The topology of the settings, which for a single-pod plan is the configured one. */
  private Topology configuredTopology() {
    return settings.supervisor().topology();
  }

  /** {@code settings} with {@code topology}; the copy the validator should judge a G2 call by. */
  public static DriverSettings withTopology(DriverSettings settings, Topology topology) {
    DriverSettings.Supervisor s = settings.supervisor();
    return new DriverSettings(
        settings.serving(),
        settings.cluster(),
        settings.images(),
        new DriverSettings.Supervisor(
            topology, s.sidecarProxyUid(), s.binaryAwareNetworkPolicy(), s.proxy()),
        settings.isolation(),
        settings.podIdentity(),
        settings.gateway(),
        settings.workspace(),
        settings.contract());
  }

  /**
   * Sandbox names.
   *
   * @param id gateway-assigned id
   * @param name user-facing name
   * @param workspace OpenShell workspace
   * @param resourceName name of the Sandbox resource ({@code {workspace}--{name}} when shared)
   * @param namespace namespace the Sandbox resource goes to
   */
  public record Identity(
      String id, String name, String workspace, String resourceName, String namespace) {}
}
