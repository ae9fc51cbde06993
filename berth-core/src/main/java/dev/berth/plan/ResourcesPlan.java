package dev.berth.plan;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Final requests and limits of the agent container, quantity strings keyed by resource name and
 * sorted so output is stable.
 */
public record ResourcesPlan(Map<String, String> requests, Map<String, String> limits) {

  public ResourcesPlan {
    requests = Collections.unmodifiableMap(new TreeMap<>(requests));
    limits = Collections.unmodifiableMap(new TreeMap<>(limits));
  }
}
