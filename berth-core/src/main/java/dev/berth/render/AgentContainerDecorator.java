package dev.berth.render;

import static dev.berth.naming.ManagedNames.AGENT_CONTAINER;
import static dev.berth.naming.ManagedNames.LABEL_MANAGED_BY;
import static dev.berth.naming.ManagedNames.LABEL_SANDBOX_ID;
import static dev.berth.naming.ManagedNames.MANAGED_BY_VALUE;
import static dev.berth.naming.ManagedNames.POD_ANNOTATION_SANDBOX_ID;

import dev.berth.plan.SandboxPlan;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The agent container and the pod basics every sandbox has. */
final class AgentContainerDecorator implements PodDecorator {

  /** Names a sandbox can use to reach the machine the gateway runs on. */
  static final List<String> HOST_GATEWAY_NAMES =
      List.of("host.docker.internal", "host.openshell.internal");

  /** The gateway records the agent's exit as the sandbox's end, so the pod never restarts it. */
  static final String RESTART_NEVER = "Never";

  /**
   * The template's labels plus the two the driver owns. Upstream adds these only with provider
   * SPIFFE (SPIRE selects pods by them); Berth always does, because the managed-mode SSH
   * NetworkPolicy selects sandbox pods by {@code managed-by} and would otherwise protect none.
   */
  static Map<String, String> podLabels(SandboxPlan plan) {
    Map<String, String> labels = new TreeMap<>(plan.scheduling().podLabels());
    labels.put(LABEL_MANAGED_BY, MANAGED_BY_VALUE);
    labels.put(LABEL_SANDBOX_ID, plan.identity().id());
    return labels;
  }

  @Override
  public PodContribution contribute(SandboxPlan plan) {
    DriverSettings settings = plan.settings();
    Map<String, String> annotations = new LinkedHashMap<>(plan.scheduling().podAnnotations());
    // The gateway maps a TokenReview's pod back to the sandbox through this annotation; the
    // driver's value wins over anything the platform supplied under the same key.
    annotations.put(POD_ANNOTATION_SANDBOX_ID, plan.identity().id());
    return PodContribution.of(Concern.AGENT)
        .podLabels(podLabels(plan))
        .podAnnotations(annotations)
        .container(
            ContainerSlot.AGENT,
            c -> {
              c.setName(AGENT_CONTAINER);
              c.setImage(plan.agent().image());
              plan.agent().pullPolicy().ifPresent(p -> c.setImagePullPolicy(p.value()));
            })
        .spec(
            s -> {
              s.setRestartPolicy(RESTART_NEVER);
              // Sandbox code must not hold the namespace's Kubernetes credentials; the gateway
              // token is projected separately with its own audience.
              s.setAutomountServiceAccountToken(false);
              s.setImagePullSecrets(
                  settings.images().imagePullSecrets().stream()
                      .map(LocalObjectReference::new)
                      .toList());
              String serviceAccount = settings.cluster().serviceAccountName();
              if (!serviceAccount.isEmpty()) {
                s.setServiceAccountName(serviceAccount);
              }
              settings
                  .gateway()
                  .hostGatewayIp()
                  .ifPresent(
                      ip -> s.setHostAliases(List.of(new HostAlias(HOST_GATEWAY_NAMES, ip))));
            })
        .build();
  }
}
