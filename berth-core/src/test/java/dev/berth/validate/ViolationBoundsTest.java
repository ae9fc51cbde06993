package dev.berth.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.plan.ClusterFacts;
import dev.berth.request.ResourceRequests;
import dev.berth.result.Violation;
import dev.berth.settings.DriverSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The worst case of every rule that can echo input: each text the user controls, one at a time,
 * replaced by values thousands of characters long (and every object given such a key), and a mount
 * naming a volume among hundreds. Every sentence stays within {@link Violation#MAX_SHOWN}, so one
 * value can never crowd the others out of an answer.
 */
class ViolationBoundsTest {

  private static final List<String> HOSTILE =
      List.of(
          "X".repeat(8192),
          "a".repeat(8192),
          "/" + "x/".repeat(4096),
          "../" + "Ä".repeat(4000),
          "a/" + "b".repeat(300),
          "\n".repeat(500));

  private static final DriverSettings SETTINGS = DriverSettings.fromMap(Map.of()).orElseThrow();

  private static List<Violation> run(Consumer<Mutable> mutation) {
    Mutable m = new Mutable();
    mutation.accept(m);
    return SandboxValidator.validate(m.request(), SETTINGS, ClusterFacts.DEFAULT).violations();
  }

  private static void assertBounded(String what, List<Violation> violations) {
    for (Violation v : violations) {
      assertThat(v.message().length())
          .as(what + " -> " + v.field())
          .isLessThanOrEqualTo(Violation.MAX_SHOWN);
    }
  }

  /** JSON pointers of every string leaf and every object of a tree. */
  private static void pointers(
      JsonNode node, String at, List<String> leaves, List<String> objects) {
    if (node.isString()) {
      leaves.add(at);
    } else if (node instanceof ObjectNode o) {
      objects.add(at);
      o.properties().forEach(e -> pointers(e.getValue(), at + "/" + e.getKey(), leaves, objects));
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        pointers(a.get(i), at + "/" + i, leaves, objects);
      }
    }
  }

  @Test
  void everyDriverConfigTextAndKey() {
    List<String> leaves = new ArrayList<>();
    List<String> objects = new ArrayList<>();
    pointers(new Mutable().driverConfig, "", leaves, objects);
    assertThat(leaves).hasSizeGreaterThan(30);
    for (String hostile : HOSTILE) {
      String json = Mutable.JSON.writeValueAsString(hostile);
      for (String leaf : leaves) {
        assertBounded(leaf, run(m -> m.set(leaf, json)));
      }
      for (String object : objects) {
        assertBounded(
            object + " key", run(m -> m.set(object + "/" + hostile.replace("/", "_"), "1")));
      }
    }
  }

  @Test
  void everyRequestText() {
    for (String h : HOSTILE) {
      List<Consumer<Mutable>> mutations =
          List.of(
              m -> m.id = h,
              m -> m.name = h,
              m -> m.workspace = h,
              m -> m.image = h,
              m -> m.agentSocket = h,
              m -> m.logLevel = h,
              m -> m.env.put(h, "v"),
              m -> m.env.put("OPENSHELL_" + h, "v"),
              m -> m.templateEnv.put(h, h),
              m -> m.labels.put(h, "v"),
              m -> m.labels.put("k", h),
              m -> m.resources = new ResourceRequests(h, h, h, h),
              m ->
                  m.platform("/annotations", "{" + Mutable.JSON.writeValueAsString(h) + ": \"v\"}"),
              m -> m.platform("/runtime_class_name", Mutable.JSON.writeValueAsString(h)),
              m ->
                  m.platform(
                      "/node_selector", "{" + Mutable.JSON.writeValueAsString(h) + ": \"v\"}"),
              m ->
                  m.platform(
                      "/resources_raw/requests",
                      "{\"cpu\": " + Mutable.JSON.writeValueAsString(h) + "}"),
              m ->
                  m.platform(
                      "/tolerations", "[{\"key\": " + Mutable.JSON.writeValueAsString(h) + "}]"),
              m -> m.platform("/" + h.replace("/", "_"), "1"));
      for (int i = 0; i < mutations.size(); i++) {
        assertBounded("mutation " + i + " of " + h.substring(0, 3), run(mutations.get(i)));
      }
    }
  }

  @Test
  void aMountNamingAnUndeclaredVolumeAmongHundreds() {
    List<Violation> violations =
        run(
            m -> {
              for (int i = 0; i < 600; i++) {
                m.set(
                    "/volumes/" + (5 + i),
                    "{\"name\": \"volume-" + "x".repeat(40) + i + "\", \"empty_dir\": {}}");
              }
              m.set("/containers/agent/volume_mounts/0/name", "\"missing\"");
            });
    assertBounded("600 volumes", violations);
    assertThat(violations.get(0).message()).contains("more)");
  }
}
