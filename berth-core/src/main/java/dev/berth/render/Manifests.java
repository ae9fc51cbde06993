package dev.berth.render;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Serializes rendered objects for people and files. Map keys are sorted so the same plan always
 * produces the same bytes (golden files, diffs in review).
 */
public final class Manifests {

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private static final JsonMapper COMPACT_JSON = JsonMapper.builder().build();

  private Manifests() {}

  public static String yaml(Object manifest) {
    return YAML.writeValueAsString(manifest);
  }

  public static String json(Object manifest) {
    return JSON.writeValueAsString(manifest);
  }

  /** Compact JSON, as it would go over the wire to the API server. */
  public static String compactJson(Object manifest) {
    return COMPACT_JSON.writeValueAsString(manifest);
  }
}
