package dev.berth.config;

import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads one JSON object field by field, remembering the path for messages and reporting every wrong
 * type and, on {@link #finish()}, every field the schema did not ask for.
 *
 * <p>A field whose value is JSON {@code null} counts as absent: YAML writes {@code key:} that way.
 */
public final class JsonCursor {

  private final JsonNode node;

  /** A field name that can stand in a path unquoted without being mistaken for syntax. */
  private static final Pattern PLAIN_FIELD = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final String path;
  private final List<Violation> sink;
  private final Set<String> known = new LinkedHashSet<>();

  private JsonCursor(JsonNode node, String path, List<Violation> sink) {
    this.node = node;
    this.path = path;
    this.sink = sink;
  }

  /** A cursor over {@code node} when it is an object; otherwise a violation and empty. */
  public static Optional<JsonCursor> object(JsonNode node, String path, List<Violation> sink) {
    if (node.isObject()) {
      return Optional.of(new JsonCursor(node, path, sink));
    }
    sink.add(
        new Violation(path, "must be an object of fields, but is " + JsonTypes.describe(node)));
    return Optional.empty();
  }

  /** The path of a field of this object. */
  public String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  public String path() {
    return path;
  }

  public List<Violation> sink() {
    return sink;
  }

  /** True when the field is present and not null; marks it as known. */
  public boolean has(String field) {
    known.add(field);
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  public Optional<String> string(String field) {
    return read(field, JsonTypes::string);
  }

  public Optional<Boolean> bool(String field) {
    return read(field, JsonTypes::bool);
  }

  public Optional<Long> integer(String field) {
    return read(field, JsonTypes::integer);
  }

  /** A nested object, or empty when absent or not an object (reported). */
  public Optional<JsonCursor> object(String field) {
    return present(field).flatMap(v -> object(v, path(field), sink));
  }

  /** The elements of an array with their paths; empty when absent or not an array (reported). */
  public List<Element> array(String field) {
    Result<List<Element>> elements = list(field);
    sink.addAll(elements.violations());
    return elements.asOptional().orElse(List.of());
  }

  /**
   * The elements of an array with their paths: empty when absent, invalid when not an array. For
   * callers that must know whether the list could be read at all.
   */
  public Result<List<Element>> list(String field) {
    Optional<JsonNode> value = present(field);
    if (value.isEmpty()) {
      return Result.valid(List.of());
    }
    if (!value.get().isArray()) {
      return Result.invalid(
          List.of(
              new Violation(
                  path(field), "must be a list, but is " + JsonTypes.describe(value.get()) + ".")));
    }
    List<Element> out = new ArrayList<>();
    int i = 0;
    for (JsonNode item : value.get()) {
      out.add(new Element(item, path(field) + "[" + i++ + "]"));
    }
    return Result.valid(out);
  }

  /** A list of strings; wrong elements are reported and skipped. */
  public List<String> strings(String field) {
    List<String> out = new ArrayList<>();
    for (Element e : array(field)) {
      JsonTypes.string(e.node(), e.path(), sink).ifPresent(out::add);
    }
    return out;
  }

  /** A list of integers; wrong elements are reported and skipped. */
  public List<Long> integers(String field) {
    List<Long> out = new ArrayList<>();
    for (Element e : array(field)) {
      JsonTypes.integer(e.node(), e.path(), sink).ifPresent(out::add);
    }
    return out;
  }

  /**
   * A map of string values in document order. Numbers and booleans are refused rather than
   * converted: {@code "true"} and {@code true} differ in a node selector and the user should say
   * which.
   */
  public Map<String, String> stringMap(String field) {
    Map<String, String> out = new LinkedHashMap<>();
    object(field)
        .ifPresent(
            map -> {
              for (Map.Entry<String, JsonNode> e : map.node.properties()) {
                String entryPath = map.path + "[" + Quote.of(e.getKey()) + "]";
                JsonTypes.string(e.getValue(), entryPath, sink)
                    .ifPresent(v -> out.put(e.getKey(), v));
              }
            });
    return out;
  }

  /** Reports fields that no accessor asked for, with a hint when a known field is close. */
  public void finish() {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!known.contains(e.getKey())) {
        sink.add(
            new Violation(userFieldPath(e.getKey()), UnknownFields.sentence(e.getKey(), known)));
      }
    }
  }

  /**
   * The path of a field name the user chose: plain names as {@code a.b}, anything else quoted and
   * escaped ({@code a['x y']}) so a name with a newline cannot split or forge an output line.
   */
  private String userFieldPath(String field) {
    return fieldPath(path, field);
  }

  /** The path of a field the user named under {@code base}, quoted unless it is plain. */
  public static String fieldPath(String base, String field) {
    if (!PLAIN_FIELD.matcher(field).matches()) {
      return base + "[" + Quote.of(field) + "]";
    }
    return base.isEmpty() ? field : base + "." + field;
  }

  /** Marks a field as known without reading it, for fields handled elsewhere. */
  public void allow(String field) {
    known.add(field);
  }

  /** Field names present in this object, in document order. */
  public List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    node.properties().forEach(e -> names.add(e.getKey()));
    return names;
  }

  private Optional<JsonNode> present(String field) {
    return has(field) ? Optional.of(node.get(field)) : Optional.empty();
  }

  private <T> Optional<T> read(
      String field, TriFunction<JsonNode, String, List<Violation>, Optional<T>> reader) {
    return present(field).flatMap(v -> reader.apply(v, path(field), sink));
  }

  /** One element of a JSON array with its path. */
  public record Element(JsonNode node, String path) {}

  @FunctionalInterface
  interface TriFunction<A, B, C, R> {
    R apply(A a, B b, C c);
  }
}
