package dev.berth.install;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A multi-document YAML stream as Helm emits it, read by a YAML parser into one tree per document
 * and written back by a YAML emitter. Document boundaries are the parser's, never the text's, so a
 * {@code ---} inside a block scalar, {@code ...} end markers, comments, CRLF line ends and empty
 * documents are all handled as YAML defines them. Empty documents (nothing, or only comments) are
 * dropped, as Helm and Kubernetes drop them. Scalars follow {@link KubeScalars}.
 */
final class YamlStream {

  /** Large enough for any chart (the default, 3 MiB, is smaller than some CRD bundles). */
  private static final int MAX_CODE_POINTS = 256 * 1024 * 1024;

  private YamlStream() {}

  /** Why a stream could not be read: a sentence with the line and column. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }

  /** Every non-empty document of {@code text}, in order. */
  static List<JsonNode> read(String text, String source) throws Unreadable {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(source)
            .setSchema(KubeScalars.SCHEMA)
            .setCodePointLimit(MAX_CODE_POINTS)
            .build();
    List<JsonNode> documents = new ArrayList<>();
    try {
      for (Node node : new Compose(settings).composeAllFromString(text)) {
        JsonNode tree = tree(node, 0);
        if (!tree.isNull()) {
          documents.add(tree);
        }
      }
    } catch (YamlEngineException e) {
      throw new Unreadable(source + " is not valid YAML: " + oneLine(e.getMessage()));
    } catch (Unreadable e) {
      throw new Unreadable(source + " cannot be read: " + e.getMessage());
    }
    return documents;
  }

  /** The documents as one stream, each starting with {@code ---}. */
  static String write(List<JsonNode> documents) {
    DumpSettings settings =
        DumpSettings.builder()
            .setSchema(KubeScalars.SCHEMA)
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setExplicitStart(true)
            .setIndent(2)
            .setSplitLines(false)
            .setWidth(Integer.MAX_VALUE)
            .build();
    Iterator<Object> values = documents.stream().map(YamlStream::plain).iterator();
    return new Dump(settings).dumpAllToString(values);
  }

  /**
   * Parser errors span lines (a context line, a caret line); one line keeps the report readable.
   */
  private static String oneLine(String message) {
    return String.join(" ", message.strip().split("\\s*\\R\\s*"));
  }

  private static JsonNode tree(Node node, int depth) throws Unreadable {
    // Aliases make a graph; a recursive one would never end.
    if (depth > 200) {
      throw new Unreadable("the YAML nests more than 200 levels deep (a recursive alias?)");
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node instanceof ScalarNode scalar) {
      return KubeScalars.value(scalar.getTag(), scalar.getValue());
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = f.arrayNode();
      for (Node item : sequence.getValue()) {
        array.add(tree(item, depth + 1));
      }
      return array;
    }
    MappingNode mapping = (MappingNode) node;
    ObjectNode object = f.objectNode();
    Map<String, JsonNode> merged = new LinkedHashMap<>();
    for (NodeTuple entry : mapping.getValue()) {
      if (entry.getKeyNode().getTag().equals(Tag.MERGE)) {
        merge(merged, tree(entry.getValueNode(), depth + 1));
        continue;
      }
      JsonNode key = tree(entry.getKeyNode(), depth + 1);
      if (!key.isValueNode()) {
        throw new Unreadable(mark(entry.getKeyNode()) + "a mapping key is not a scalar");
      }
      String name = key.isNull() ? "null" : key.asString();
      if (object.has(name)) {
        throw new Unreadable(mark(entry.getKeyNode()) + "the key '" + name + "' appears twice");
      }
      object.set(name, tree(entry.getValueNode(), depth + 1));
    }
    // Explicit keys win over merged ones, as YAML's merge key defines.
    merged.forEach((k, v) -> object.putIfAbsent(k, v));
    return object;
  }

  private static void merge(Map<String, JsonNode> into, JsonNode source) {
    if (source.isObject()) {
      source.properties().forEach(e -> into.putIfAbsent(e.getKey(), e.getValue()));
    } else if (source.isArray()) {
      source.forEach(item -> merge(into, item));
    }
  }

  private static String mark(Node node) {
    return node.getStartMark()
        .map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ": ")
        .orElse("");
  }

  /** A tree as maps, lists and scalars, which the emitter knows how to write. */
  static Object plain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(plain(item)));
      return list;
    }
    if (node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().bitLength() < 64 ? node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return Optional.ofNullable(node.asString()).orElse("");
  }
}
