package dev.berth.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/**
 * The result of rendering: the Sandbox resource to create, and its pod template as a typed object
 * for inspection (security report, tests).
 *
 * @param sandbox the {@code agents.x-k8s.io} Sandbox resource
 * @param podTemplate the same pod template that {@code spec.podTemplate} holds
 */
public record RenderedSandbox(GenericKubernetesResource sandbox, PodTemplateSpec podTemplate) {}
