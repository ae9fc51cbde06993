package dev.berth.validate;

import dev.berth.config.Quote;
import dev.berth.naming.LabelRules;
import dev.berth.naming.MetadataKeys;
import dev.berth.result.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Labels and annotations a request puts on the pod: Kubernetes' rules and the owned domains. */
final class MetadataRules {

  /** Kubernetes' limit on all of an object's annotations together (TotalAnnotationSizeLimitB). */
  static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

  private MetadataRules() {}

  /** A key under a domain the driver or OpenShell owns is refused, naming the domain. */
  static void notOwned(String field, String key, String what, List<Violation> sink) {
    MetadataKeys.owner(key)
        .ifPresent(
            domain ->
                sink.add(
                    new Violation(
                        field,
                        what
                            + " key "
                            + Quote.of(key)
                            + " is under '"
                            + domain
                            + "', which the driver and OpenShell own; use a domain of your own.")));
  }

  /** Kubernetes' ValidateAnnotations: qualified (lowercased) keys, 256 KiB in all. */
  static void annotations(String base, Map<String, String> annotations, List<Violation> sink) {
    long bytes = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      String key = e.getKey();
      String field = RequestFields.entry(base, key);
      LabelRules.qualifiedName(key.toLowerCase(Locale.ROOT))
          .problem()
          .ifPresent(
              p ->
                  sink.add(
                      new Violation(
                          field, "annotation key " + Quote.of(key) + " is not valid: " + p + ".")));
      notOwned(field, key, "annotation", sink);
      bytes +=
          key.getBytes(StandardCharsets.UTF_8).length
              + e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    if (bytes > MAX_ANNOTATIONS_BYTES) {
      sink.add(
          new Violation(
              base,
              "the annotations take "
                  + bytes
                  + " bytes; Kubernetes accepts at most "
                  + MAX_ANNOTATIONS_BYTES
                  + " (256 KiB) for all of a pod's annotations, so move large values elsewhere."));
    }
  }
}
