package dev.berth.render;

import dev.berth.render.agentsandbox.AgentSandbox;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/**
 * The result of rendering: the Sandbox resource to create, and its pod template for inspection
 * (security report, tests).
 *
 * @param sandbox the {@code agents.x-k8s.io} Sandbox resource
 * @param podTemplate the same pod template that {@code spec.podTemplate} holds
 */
public record RenderedSandbox(AgentSandbox sandbox, PodTemplateSpec podTemplate) {}
