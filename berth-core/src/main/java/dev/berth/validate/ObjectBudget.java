package dev.berth.validate;

import dev.berth.render.Manifests;
import dev.berth.render.RenderedSandbox;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The budget of the rendered Sandbox: at most 1 MiB as JSON, below etcd's 1.5 MiB request limit
 * with room for what the controller and the API server add. A pure check after rendering, so
 * rendering itself stays total; the limits on the request keep almost every request far inside it,
 * and this catches the combinations they cannot see.
 */
public final class ObjectBudget {

  /** Largest rendered Sandbox accepted, in bytes of compact JSON. Fixed, not a setting. */
  public static final int MAX_BYTES = 1 << 20;

  private ObjectBudget() {}

  /** The rendered sandbox, or a violation naming the parts that take the most room. */
  public static Result<RenderedSandbox> check(RenderedSandbox rendered) {
    int size = bytes(rendered.sandbox());
    if (size <= MAX_BYTES) {
      return Result.valid(rendered);
    }
    String largest =
        contributors(rendered.podTemplate()).entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
            .limit(3)
            .map(e -> e.getKey() + " (" + e.getValue() / 1024 + " KiB)")
            .collect(Collectors.joining(", "));
    return Result.invalid(
        List.of(
            new Violation(
                RequestFields.SPEC,
                "the Sandbox would be "
                    + size / 1024
                    + " KiB as JSON, over the budget of "
                    + MAX_BYTES / 1024
                    + " KiB that keeps it within etcd's request limit; the largest parts are "
                    + largest
                    + ".")));
  }

  /** The parts of the pod a request fills, by the request field that fills them. */
  private static Map<String, Integer> contributors(PodTemplateSpec template) {
    Map<String, Integer> parts = new LinkedHashMap<>();
    if (template.getMetadata() != null) {
      add(parts, "pod annotations", template.getMetadata().getAnnotations());
      add(parts, "pod labels", template.getMetadata().getLabels());
    }
    PodSpec pod = template.getSpec();
    List<Container> containers = new ArrayList<>(pod.getContainers());
    containers.addAll(pod.getInitContainers());
    for (Container c : containers) {
      add(parts, "environment of container '" + c.getName() + "'", c.getEnv());
      add(parts, "command of container '" + c.getName() + "'", c.getCommand());
      add(parts, "arguments of container '" + c.getName() + "'", c.getArgs());
      add(parts, "mounts of container '" + c.getName() + "'", c.getVolumeMounts());
    }
    add(parts, "volumes", pod.getVolumes());
    add(parts, "node selector", pod.getNodeSelector());
    add(parts, "tolerations", pod.getTolerations());
    return parts;
  }

  private static void add(Map<String, Integer> parts, String name, Object part) {
    if (part != null) {
      parts.put(name, bytes(part));
    }
  }

  private static int bytes(Object manifest) {
    return Manifests.compactJson(manifest).getBytes(StandardCharsets.UTF_8).length;
  }
}
