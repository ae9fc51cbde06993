package dev.berth.render.isolation;

import dev.berth.naming.IsolationNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The objects of a later runtime generation of a stopped two-pod sandbox. A Start has no request to
 * render from, only the stored Sandbox: its pod template and the supervisor pod the Create rendered
 * onto it ({@link IsolationNames#supervisorTemplateAnnotation()}). Everything that differs between
 * generations is the bootstrap Secrets' names and the recorded generation, so the next generation
 * is the stored objects with those re-pointed. Pure: the inputs are left as they were.
 */
public final class NextGeneration {

  static final String PHASE_PREPARING = "preparing";

  private NextGeneration() {}

  /**
   * The supervisor pod of {@code generation}: the stored one with its bootstrap Secret volume on
   * the generation's Secret, the generation recorded and Berth's gate back in place, and nothing
   * the API server assigned (uid, resourceVersion, owner references, status).
   */
  public static Pod supervisorPod(
      Pod stored, IsolationNames names, String sandboxId, String generation) {
    Pod next = new PodBuilder(stored).withStatus(null).build();
    next.getMetadata().setUid(null);
    next.getMetadata().setResourceVersion(null);
    next.getMetadata().setCreationTimestamp(null);
    next.getMetadata().setOwnerReferences(null);
    Map<String, String> annotations =
        new TreeMap<>(Objects.requireNonNullElse(next.getMetadata().getAnnotations(), Map.of()));
    annotations.put(names.runtimeGenerationAnnotation(), generation);
    next.getMetadata().setAnnotations(annotations);
    next.getSpec()
        .setVolumes(
            repoint(
                next.getSpec().getVolumes(),
                IsolationNames.SUPERVISOR_BOOTSTRAP_VOLUME,
                IsolationNames.supervisorSecret(sandboxId, generation)));
    next.getSpec().setSchedulingGates(List.of(new PodSchedulingGate(names.schedulingGate())));
    next.getSpec().setNodeName(null);
    return next;
  }

  /**
   * The JSON merge patch that points a stopped Sandbox's pod template at {@code generation}'s
   * sandbox Secret and records the generation and the preparing phase. A merge patch replaces a
   * list whole, so the patch carries every volume of {@code current}, only the bootstrap one
   * changed.
   */
  public static Map<String, Object> rotateTemplate(
      PodTemplateSpec current, IsolationNames names, String sandboxId, String generation) {
    List<Volume> volumes =
        repoint(
            current.getSpec().getVolumes(),
            IsolationNames.BOOTSTRAP_VOLUME,
            IsolationNames.sandboxSecret(sandboxId, generation));
    Map<String, Object> annotations = new TreeMap<>();
    annotations.put(names.runtimeGenerationAnnotation(), generation);
    annotations.put(names.bootstrapPhaseAnnotation(), PHASE_PREPARING);
    return Map.of(
        ReleasePatches.METADATA,
        Map.of(ReleasePatches.ANNOTATIONS, annotations),
        ReleasePatches.SPEC,
        Map.of(POD_TEMPLATE, Map.of(ReleasePatches.SPEC, Map.of(VOLUMES, volumes))));
  }

  static final String POD_TEMPLATE = "podTemplate";
  static final String VOLUMES = "volumes";

  private static List<Volume> repoint(List<Volume> volumes, String volume, String secretName) {
    List<Volume> out = new ArrayList<>(volumes.size());
    for (Volume v : volumes) {
      if (volume.equals(v.getName()) && v.getSecret() != null) {
        out.add(new VolumeBuilder(v).editSecret().withSecretName(secretName).endSecret().build());
      } else {
        out.add(v);
      }
    }
    return out;
  }
}
