package dev.berth.install;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading Kubernetes objects out of a rendered stream's trees. */
final class Documents {

  private Documents() {}

  /**
   * Every object of the stream: each document that is a map, and the items of a {@code v1 List}
   * document (the same trees, so changing one changes the stream).
   */
  static List<ObjectNode> objects(List<JsonNode> documents) {
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode doc : documents) {
      if (!(doc instanceof ObjectNode o)) {
        continue;
      }
      if (kind(o).equals("List") && o.path("items").isArray()) {
        o.path("items")
            .forEach(i -> objects.addAll(i instanceof ObjectNode item ? List.of(item) : List.of()));
      } else {
        objects.add(o);
      }
    }
    return objects;
  }

  static String kind(JsonNode object) {
    return object.path("kind").asString("");
  }

  static String name(JsonNode object) {
    return object.path("metadata").path("name").asString("");
  }

  static String namespace(JsonNode object) {
    return object.path("metadata").path("namespace").asString("");
  }

  /** {@code Kind/name}, as messages name an object. */
  static String describe(JsonNode object) {
    return kind(object) + "/" + name(object);
  }

  /** The elements of an array field, empty when it is missing or not an array. */
  static List<JsonNode> list(JsonNode parent, String field) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode array = parent.path(field);
    if (array.isArray()) {
      array.forEach(out::add);
    }
    return out;
  }
}
