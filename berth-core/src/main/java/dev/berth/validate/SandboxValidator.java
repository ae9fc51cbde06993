package dev.berth.validate;

import dev.berth.config.DriverConfig;
import dev.berth.config.DriverConfigParser;
import dev.berth.config.PlatformConfig;
import dev.berth.config.PlatformConfigParser;
import dev.berth.naming.Generation;
import dev.berth.plan.AgentPlan;
import dev.berth.plan.ClusterFacts;
import dev.berth.plan.ResourcesPlan;
import dev.berth.plan.RuntimePlan;
import dev.berth.plan.SandboxPlan;
import dev.berth.plan.SandboxUser;
import dev.berth.plan.SchedulingPlan;
import dev.berth.plan.SecurityPlan;
import dev.berth.plan.StoragePlan;
import dev.berth.request.SandboxRequest;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a whole request in one pass and turns it into a {@link SandboxPlan}, or returns every
 * problem found. Pure: no I/O, no clock, and no exception for any input.
 */
public final class SandboxValidator {

  private SandboxValidator() {}

  /**
   * {@link #validate(SandboxRequest, DriverSettings, ClusterFacts, Generation)} by G1's rules, for
   * callers that plan without a gateway call (samples, benchmarks, the CLI without a pinned
   * generation).
   */
  public static Result<SandboxPlan> validate(
      SandboxRequest request, DriverSettings settings, ClusterFacts facts) {
    return validate(request, settings, facts, Generation.G1);
  }

  /**
   * Checks {@code request} as a gateway of {@code generation} sent it: the generation decides which
   * environment names are reserved. The plan is the single-pod one either way; callers serving a
   * two-pod generation apply it with {@link SandboxPlan#forRuntime}.
   */
  public static Result<SandboxPlan> validate(
      SandboxRequest request, DriverSettings settings, ClusterFacts facts, Generation generation) {
    List<Violation> sink = new ArrayList<>();
    SandboxPlan.Identity identity = IdentityRules.check(request, settings, sink);
    LimitRules.check(request, settings.contract().limits(), sink);
    DriverConfig config = DriverConfigParser.parse(request.spec().template().driverConfig(), sink);
    PlatformConfig platform =
        PlatformConfigParser.parse(request.spec().template().platformConfig(), sink);

    AgentPlan agent = AgentRules.check(request, settings, generation, sink);
    ResourcesPlan resources =
        ResourceRules.check(
            request.spec().template().resources(),
            agent.gpuCount(),
            platform,
            config.agent(),
            sink);
    SchedulingPlan scheduling =
        SchedulingRules.check(
            request.spec().template().labels(),
            request.spec().template().userNamespaces(),
            platform,
            config.pod(),
            settings,
            sink);
    StoragePlan storage = StorageRules.check(config, settings, sink);
    SecurityPlan security =
        SecurityRules.check(
            config.pod().securityContext(),
            config.agent().securityContext(),
            settings.supervisor().topology(),
            scheduling.userNamespaces(),
            SandboxUser.resolve(settings, facts),
            sink);

    return Result.of(
        sink,
        () ->
            new SandboxPlan(
                identity,
                agent,
                resources,
                scheduling,
                storage,
                security,
                settings,
                facts,
                RuntimePlan.SINGLE_POD));
  }
}
