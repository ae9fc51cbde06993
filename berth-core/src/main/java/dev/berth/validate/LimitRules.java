package dev.berth.validate;

import dev.berth.config.ConfigFields;
import dev.berth.config.PlatformConfigParser;
import dev.berth.request.SandboxRequest;
import dev.berth.request.SandboxSpec;
import dev.berth.result.Violation;
import dev.berth.settings.RequestLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request size limits ({@link RequestLimits}): the gateway's own, so that what a gateway
 * forwards always fits and what a direct client sends is held to the same bounds.
 */
final class LimitRules {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private LimitRules() {}

  static void check(SandboxRequest request, RequestLimits limits, List<Violation> sink) {
    SandboxSpec spec = request.spec();
    long environment =
        map(RequestFields.ENVIRONMENT, spec.environment(), "environment", limits, sink)
            + map(
                RequestFields.TEMPLATE_ENVIRONMENT,
                spec.template().environment(),
                "environment",
                limits,
                sink);
    if (environment > limits.environmentBytes()) {
      sink.add(
          new Violation(
              RequestFields.ENVIRONMENT,
              "the environment takes "
                  + environment
                  + " bytes with spec.template.environment; at most "
                  + limits.environmentBytes()
                  + " are accepted, so pass large values as files (a secret or config map volume)."));
    }
    map(RequestFields.LABELS, spec.template().labels(), "labels", limits, sink);
    struct(ConfigFields.ROOT, spec.template().driverConfig(), limits, sink);
    struct(PlatformConfigParser.PATH, spec.template().platformConfig(), limits, sink);
  }

  /** Checks one map's entry count and entry sizes; returns its size in bytes. */
  private static long map(
      String field,
      Map<String, String> entries,
      String what,
      RequestLimits limits,
      List<Violation> sink) {
    if (entries.size() > limits.environmentEntries()) {
      sink.add(
          new Violation(
              field,
              "has "
                  + entries.size()
                  + " entries; at most "
                  + limits.environmentEntries()
                  + " "
                  + what
                  + " entries are accepted."));
    }
    long total = 0;
    for (Map.Entry<String, String> e : entries.entrySet()) {
      int key = bytes(e.getKey());
      int value = bytes(e.getValue());
      total += key + value;
      if (key > limits.mapKeyBytes()) {
        sink.add(
            new Violation(
                RequestFields.entry(field, e.getKey()),
                "the key is "
                    + key
                    + " bytes; at most "
                    + limits.mapKeyBytes()
                    + " are accepted."));
      }
      if (value > limits.mapValueBytes()) {
        sink.add(
            new Violation(
                RequestFields.entry(field, e.getKey()),
                "the value is "
                    + value
                    + " bytes; at most "
                    + limits.mapValueBytes()
                    + " are accepted, so pass large values as files (a secret or config map"
                    + " volume)."));
      }
    }
    return total;
  }

  private static void struct(
      String field, JsonNode config, RequestLimits limits, List<Violation> sink) {
    if (config.isEmpty()) {
      return;
    }
    long size = JSON.writeValueAsBytes(config).length;
    if (size > limits.templateStructBytes()) {
      sink.add(
          new Violation(
              field,
              "is "
                  + size
                  + " bytes as JSON; at most "
                  + limits.templateStructBytes()
                  + " are accepted."));
    }
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
