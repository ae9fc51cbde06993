package dev.berth.driver;

import static dev.berth.naming.ManagedNames.ANNOTATION_CALLER_DRIVER_CONFIG_USED;
import static dev.berth.naming.ManagedNames.ANNOTATION_RUNTIME_GENERATION;

import dev.berth.plan.RuntimePlan;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.agentsandbox.AgentSandbox;
import dev.berth.render.agentsandbox.AgentSandboxSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Runtime generations: the part of a {@link RuntimeIdentity} that rotates on Start. A generation is
 * recorded on the Sandbox and on its pod template, so every pod the controller creates carries the
 * generation it was started for, and a pod of an earlier start cannot authenticate as the current
 * one.
 */
public final class RuntimeGenerations {

  private RuntimeGenerations() {}

  /**
   * The generation of a sandbox that has none recorded: one created for a G1 gateway, which does
   * not use identities.
   */
  public static final String UNRECORDED = RuntimePlan.UNRECORDED;

  /** Upstream's rule for a gateway's {@code generation_id}: 1-64 of {@code [a-z0-9-]}. */
  private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");

  /** Bytes of randomness in a generation the driver makes up itself. */
  private static final int FRESH_BYTES = 16;

  /** Why {@code id} is not a usable generation id, or empty when it is. */
  public static Optional<String> problem(String id) {
    if (ID.matcher(id).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        "generation_id must be 1 to 64 lowercase letters, digits or '-', as the gateway makes them");
  }

  /** A new random generation, for a Create or a Start that names none. */
  public static String fresh(RandomGenerator random) {
    byte[] bytes = new byte[FRESH_BYTES];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The generation recorded in these annotations, {@link #UNRECORDED} when there is none. */
  public static String recorded(Map<String, String> annotations) {
    String value = annotations == null ? null : annotations.get(ANNOTATION_RUNTIME_GENERATION);
    return value == null || value.isEmpty() ? UNRECORDED : value;
  }

  /**
   * The rendered sandbox with its first runtime generation recorded on the Sandbox and on the pod
   * template, and whether the caller's {@code driver_config} was used, so that Start can re-check
   * it against the policy in force then. Only sandboxes of gateways that use identities (G2 and
   * later) are stamped; a G1 sandbox is created exactly as rendered. The objects are the ones a
   * render just made for this call, so they are stamped in place.
   */
  public static RenderedSandbox stamp(
      RenderedSandbox rendered, String generation, boolean callerDriverConfigUsed) {
    Map<String, String> stamps = new TreeMap<>();
    stamps.put(ANNOTATION_RUNTIME_GENERATION, generation);
    stamps.put(ANNOTATION_CALLER_DRIVER_CONFIG_USED, Boolean.toString(callerDriverConfigUsed));
    AgentSandbox original = rendered.sandbox();
    PodTemplateSpec template =
        new PodTemplateSpec(
            annotated(
                rendered.podTemplate().getMetadata(),
                Map.of(ANNOTATION_RUNTIME_GENERATION, generation)),
            rendered.podTemplate().getSpec());
    AgentSandbox stamped = AgentSandbox.of(original.version());
    stamped.setMetadata(annotated(original.getMetadata(), stamps));
    AgentSandboxSpec spec = stamped.getSpec();
    spec.setAgentSocket(original.getSpec().getAgentSocket());
    spec.setVolumeClaimTemplates(original.getSpec().getVolumeClaimTemplates());
    spec.setPodTemplate(template);
    return new RenderedSandbox(stamped, template);
  }

  /** A copy of {@code metadata} with {@code more} annotations; the original is left as it was. */
  private static ObjectMeta annotated(ObjectMeta metadata, Map<String, String> more) {
    ObjectMeta copy = new ObjectMetaBuilder(metadata).build();
    Map<String, String> annotations = new TreeMap<>(copy.getAnnotations());
    annotations.putAll(more);
    copy.setAnnotations(annotations);
    return copy;
  }
}
