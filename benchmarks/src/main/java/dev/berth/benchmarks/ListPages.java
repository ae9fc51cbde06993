package dev.berth.benchmarks;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * List pagination as the API server does it ({@code limit} and {@code continue}), which fabric8's
 * CRUD mock ignores: it always answers with every object. The driver asks for pages (its probe for
 * one object, its informer for pages of 500); without this, each of those requests would carry the
 * whole store. Here the continue token is the offset of the next item.
 */
final class ListPages {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ListPages() {}

  /** A query parameter's decoded value. */
  static Optional<String> parameter(String pathAndQuery, String name) {
    int q = pathAndQuery.indexOf('?');
    if (q < 0) {
      return Optional.empty();
    }
    for (String pair : pathAndQuery.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        return Optional.of(
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  /** The request without its {@code limit} and {@code continue} parameters: the list it pages. */
  static String base(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    if (q < 0) {
      return pathAndQuery;
    }
    StringBuilder out = new StringBuilder(pathAndQuery.substring(0, q));
    char sep = '?';
    for (String pair : pathAndQuery.substring(q + 1).split("&")) {
      if (pair.startsWith("limit=") || pair.startsWith("continue=") || pair.isEmpty()) {
        continue;
      }
      out.append(sep).append(pair);
      sep = '&';
    }
    return out.toString();
  }

  static JsonNode parse(String listJson) {
    return JSON.readTree(listJson);
  }

  /**
   * The page of {@code limit} items from {@code offset} of a list, with {@code metadata.continue}
   * naming the next offset when items remain.
   */
  static String page(JsonNode list, int offset, int limit) {
    // The items are shared with the full list, not copied: a page is only written out.
    ObjectNode page = JSON.createObjectNode();
    for (Map.Entry<String, JsonNode> field : list.properties()) {
      if (!field.getKey().equals("items")) {
        page.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    ArrayNode all = (ArrayNode) list.path("items");
    ArrayNode items = page.putArray("items");
    int end = (int) Math.min((long) offset + limit, all.size());
    for (int i = offset; i < end; i++) {
      items.add(all.get(i));
    }
    ObjectNode meta = page.get("metadata") instanceof ObjectNode m ? m : page.putObject("metadata");
    if (end < all.size()) {
      meta.put("continue", Integer.toString(end));
      meta.put("remainingItemCount", all.size() - end);
    } else {
      meta.remove("continue");
      meta.remove("remainingItemCount");
    }
    return JSON.writeValueAsString(page);
  }
}
