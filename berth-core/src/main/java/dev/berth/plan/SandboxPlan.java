package dev.berth.plan;

import dev.berth.settings.DriverSettings;
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
 */
public record SandboxPlan(
    Identity identity,
    AgentPlan agent,
    ResourcesPlan resources,
    SchedulingPlan scheduling,
    StoragePlan storage,
    SecurityPlan security,
    DriverSettings settings,
    ClusterFacts facts) {

  public SandboxPlan {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(scheduling, "scheduling");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(facts, "facts");
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
