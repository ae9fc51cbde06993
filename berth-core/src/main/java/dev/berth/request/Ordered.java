package dev.berth.request;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Immutable map copies with a stable, sorted iteration order, so rendered output is stable. */
final class Ordered {

  private Ordered() {}

  static Map<String, String> copy(Map<String, String> source) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(source)));
  }
}
