package dev.berth.plan;

import dev.berth.config.DriverConfig.ContainerSecurity;
import dev.berth.config.DriverConfig.PodSecurity;
import java.util.Optional;

/**
 * Resolved identity and the user's checked security overrides, which may only tighten what the
 * topology needs.
 *
 * @param sandboxUid UID the sandbox user runs as (settings, else OpenShift range, else 1000)
 * @param sandboxGid GID of the sandbox user
 * @param pod pod-level overrides
 * @param agent agent-container overrides
 */
public record SecurityPlan(
    long sandboxUid,
    long sandboxGid,
    Optional<PodSecurity> pod,
    Optional<ContainerSecurity> agent) {}
