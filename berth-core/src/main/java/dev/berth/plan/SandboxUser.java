package dev.berth.plan;

import dev.berth.naming.ManagedNames;
import dev.berth.settings.DriverSettings;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The UID and GID sandbox processes run as, and where they came from (for messages).
 *
 * <p>Order, as upstream: the driver settings; else the start of the namespace's OpenShift ranges
 * ({@code openshift.io/sa.scc.uid-range}, {@code openshift.io/sa.scc.supplemental-groups}), so the
 * pod is admitted by restricted-v2; else 1000. The GID falls back to the UID.
 *
 * @param uid user id
 * @param gid group id
 * @param source where the uid came from, e.g. "the namespace's openshift.io/sa.scc.uid-range"
 */
public record SandboxUser(long uid, long gid, String source) {

  public static final long DEFAULT_ID = 1000;

  /** Highest id OpenShift ranges and the settings accept. */
  public static final long MAX_ID = 4294967294L;

  public static SandboxUser resolve(DriverSettings settings, ClusterFacts facts) {
    OptionalLong configuredUid = settings.podIdentity().sandboxUid();
    OptionalLong configuredGid = settings.podIdentity().sandboxGid();
    if (configuredUid.isPresent()) {
      long uid = configuredUid.getAsLong();
      return new SandboxUser(uid, configuredGid.orElse(uid), "--sandbox-uid");
    }
    Optional<Long> rangeUid = rangeStart(facts, ManagedNames.SCC_UID_RANGE);
    long uid = rangeUid.orElse(DEFAULT_ID);
    String source =
        rangeUid.isPresent()
            ? "the namespace's " + ManagedNames.SCC_UID_RANGE + " annotation"
            : "the default";
    long gid =
        configuredGid.isPresent()
            ? configuredGid.getAsLong()
            : rangeStart(facts, ManagedNames.SCC_SUPPLEMENTAL_GROUPS).orElse(uid);
    return new SandboxUser(uid, gid, source);
  }

  /** The start of a {@code "<start>/<size>"} (or {@code "<start>-<end>"}) range annotation. */
  static Optional<Long> rangeStart(ClusterFacts facts, String annotation) {
    String value = facts.namespaceAnnotations().getOrDefault(annotation, "");
    // Supplemental groups may list several ranges separated by commas; the first one counts.
    String first = value.split(",", -1)[0].strip();
    int end = first.indexOf('/') >= 0 ? first.indexOf('/') : first.indexOf('-');
    String start = end >= 0 ? first.substring(0, end) : first;
    if (start.isEmpty() || start.length() > 10 || !start.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    long id = Long.parseLong(start);
    return id >= 1 && id <= MAX_ID ? Optional.of(id) : Optional.empty();
  }
}
