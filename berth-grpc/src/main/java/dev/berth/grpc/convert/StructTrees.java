package dev.berth.grpc.convert;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.berth.config.JsonCursor;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code google.protobuf.Struct} as a Jackson tree, converted directly rather than printed and
 * re-read, so that what JSON cannot hold is the client's violation, named by path: a number that is
 * not finite, and nesting deeper than {@value #MAX_DEPTH} levels. Neither is a shape any Berth
 * schema has, and both used to surface as an internal error or a stack overflow.
 */
final class StructTrees {

  /** Deepest nesting of objects and lists accepted, the Struct itself being level 1. */
  static final int MAX_DEPTH = 32;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StructTrees() {}

  static Result<JsonNode> tree(Struct struct, String path) {
    List<Violation> sink = new ArrayList<>();
    JsonNode tree = object(struct, path, 1, sink);
    return Result.of(sink, () -> tree);
  }

  private static ObjectNode object(Struct struct, String path, int depth, List<Violation> sink) {
    ObjectNode node = NODES.objectNode();
    for (Map.Entry<String, Value> e : struct.getFieldsMap().entrySet()) {
      String fieldPath = JsonCursor.fieldPath(path, e.getKey());
      node.set(e.getKey(), value(e.getValue(), fieldPath, depth, sink));
    }
    return node;
  }

  private static ArrayNode list(ListValue list, String path, int depth, List<Violation> sink) {
    ArrayNode node = NODES.arrayNode(list.getValuesCount());
    for (int i = 0; i < list.getValuesCount(); i++) {
      node.add(value(list.getValues(i), path + "[" + i + "]", depth, sink));
    }
    return node;
  }

  private static JsonNode value(Value value, String path, int depth, List<Violation> sink) {
    switch (value.getKindCase()) {
      case NUMBER_VALUE -> {
        double d = value.getNumberValue();
        if (!Double.isFinite(d)) {
          sink.add(
              new Violation(
                  path, "is " + d + ", which JSON cannot hold; use a finite number or text."));
          return NODES.nullNode();
        }
        return NODES.numberNode(d);
      }
      case STRING_VALUE -> {
        return NODES.stringNode(value.getStringValue());
      }
      case BOOL_VALUE -> {
        return NODES.booleanNode(value.getBoolValue());
      }
      case STRUCT_VALUE, LIST_VALUE -> {
        if (depth >= MAX_DEPTH) {
          sink.add(
              new Violation(
                  path,
                  "nests objects and lists deeper than "
                      + MAX_DEPTH
                      + " levels; no setting is that deep, so flatten it."));
          return NODES.nullNode();
        }
        return value.hasStructValue()
            ? object(value.getStructValue(), path, depth + 1, sink)
            : list(value.getListValue(), path, depth + 1, sink);
      }
      default -> {
        return NODES.nullNode();
      }
    }
  }
}
