package dev.berth.kubernetes;

import static dev.berth.naming.ManagedNames.ANNOTATION_CALLER_DRIVER_CONFIG_USED;
import static dev.berth.naming.ManagedNames.ANNOTATION_RUNTIME_GENERATION;
import static dev.berth.naming.ManagedNames.LABEL_WORKSPACE;

import dev.berth.driver.DriverException;
import dev.berth.driver.RuntimeGenerations;
import dev.berth.driver.RuntimeIdentity;
import dev.berth.driver.RuntimeStart;
import dev.berth.driver.StoredSandbox;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.render.Manifests;
import dev.berth.render.agentsandbox.AgentSandbox;
import dev.berth.render.agentsandbox.AgentSandboxSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * StartSandbox against the cluster: read the Sandbox, let {@link RuntimeStart#decide} judge it, and
 * apply the decision in one JSON merge patch that carries the resourceVersion it was based on. A G1
 * start ({@link RuntimeStart.Keep}) sends exactly the patch it always did; a rotating start also
 * records the new runtime generation on the Sandbox and its pod template, so the pod the controller
 * creates next carries it.
 */
final class RuntimeStarts {

  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  private final SandboxApi api;
  private final SandboxStore store;
  private final ApiErrors errors;

  RuntimeStarts(SandboxApi api, SandboxStore store, ApiErrors errors) {
    this.api = api;
    this.store = store;
    this.errors = errors;
  }

  RuntimeIdentity start(String sandboxId, RuntimeStart start) throws DriverException {
    if (start instanceof RuntimeStart.Keep) {
      AgentSandbox current = find(sandboxId);
      RuntimeStart.Decision decision = RuntimeStart.decide(stored(sandboxId, current), start);
      return identity(store.patchOperatingState(sandboxId, current, true), decision.generation());
    }
    // A conflict means someone changed the Sandbox (perhaps a retry of this very start): decide
    // again from what is there now rather than re-sending a patch decided on stale state.
    for (int attempt = 1; ; attempt++) {
      AgentSandbox current = find(sandboxId);
      RuntimeStart.Decision decision = RuntimeStart.decide(stored(sandboxId, current), start);
      if (!decision.patch()) {
        return identity(current, decision.generation());
      }
      ObjectMeta meta = current.getMetadata();
      String body =
          decision.record()
              ? recordingPatch(api.version(), meta.getResourceVersion(), decision.generation())
              : SandboxStore.operatingStatePatch(api.version(), true, meta.getResourceVersion());
      try {
        return identity(api.held(current).patch(MERGE, body), decision.generation());
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          throw SandboxStore.notFound();
        }
        if (e.getCode() != 409 || attempt >= SandboxStore.PATCH_ATTEMPTS) {
          throw errors.map(
              e, "start Sandbox " + meta.getName() + " in namespace " + meta.getNamespace());
        }
      }
    }
  }

  private AgentSandbox find(String sandboxId) throws DriverException {
    return store.find(sandboxId).orElseThrow(SandboxStore::notFound);
  }

  /** The identity of a Sandbox resource's runtime of {@code generation}. */
  static RuntimeIdentity identity(AgentSandbox sandbox, String generation) {
    return new RuntimeIdentity(
        sandbox.getMetadata().getNamespace(),
        Objects.requireNonNullElse(sandbox.getMetadata().getUid(), ""),
        generation);
  }

  /** The identity a freshly created Sandbox resource reports. */
  static RuntimeIdentity identity(AgentSandbox created) {
    return identity(created, RuntimeGenerations.recorded(created.getMetadata().getAnnotations()));
  }

  static StoredSandbox stored(String sandboxId, AgentSandbox sandbox) {
    ObjectMeta meta = sandbox.getMetadata();
    Map<String, String> annotations =
        meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
    String workspace =
        annotations.getOrDefault(LABEL_WORKSPACE, labels.getOrDefault(LABEL_WORKSPACE, ""));
    return new StoredSandbox(
        sandboxId,
        meta.getNamespace(),
        Objects.requireNonNullElse(meta.getUid(), ""),
        workspace,
        claims(sandbox),
        RuntimeGenerations.recorded(annotations),
        running(sandbox),
        Optional.ofNullable(annotations.get(ANNOTATION_CALLER_DRIVER_CONFIG_USED))
            .map(Boolean::parseBoolean));
  }

  /** True unless the Sandbox asks for no pod: {@code operatingMode: Suspended} or 0 replicas. */
  static boolean running(AgentSandbox sandbox) {
    AgentSandboxSpec spec = sandbox.getSpec();
    if (spec.getOperatingMode() != null) {
      return !"Suspended".equals(spec.getOperatingMode());
    }
    return !Integer.valueOf(0).equals(spec.getReplicas());
  }

  /** The claim names of the pod template's PersistentVolumeClaim volumes, in order. */
  static List<String> claims(AgentSandbox sandbox) {
    return Optional.ofNullable(sandbox.getSpec().getPodTemplate())
        .map(PodTemplateSpec::getSpec)
        .map(PodSpec::getVolumes)
        .orElse(List.of())
        .stream()
        .map(Volume::getPersistentVolumeClaim)
        .filter(Objects::nonNull)
        .map(PersistentVolumeClaimVolumeSource::getClaimName)
        .filter(name -> name != null && !name.isEmpty())
        .distinct()
        .toList();
  }

  /**
   * Set running and record {@code generation} on the Sandbox and its pod template; the merge leaves
   * every other annotation alone.
   */
  static String recordingPatch(
      SandboxApiVersion version, String resourceVersion, String generation) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (resourceVersion != null) {
      metadata.put("resourceVersion", resourceVersion);
    }
    metadata.put("annotations", Map.of(ANNOTATION_RUNTIME_GENERATION, generation));
    Map<String, Object> spec = new LinkedHashMap<>();
    if (version == SandboxApiVersion.V1BETA1) {
      spec.put("operatingMode", "Running");
    } else {
      spec.put("replicas", 1);
    }
    spec.put(
        "podTemplate",
        Map.of(
            "metadata", Map.of("annotations", Map.of(ANNOTATION_RUNTIME_GENERATION, generation))));
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("metadata", metadata);
    patch.put("spec", spec);
    return Manifests.compactJson(patch);
  }
}
