package dev.berth.security;

import dev.berth.naming.ManagedNames;
import java.util.List;
import java.util.Map;

/**
 * What OpenShift admission knows about the target namespace and a pod spec alone does not: the UID
 * and group ranges it assigned. Empty lists mean unknown, and the verdict then says which values
 * must fall inside the ranges instead of guessing.
 *
 * @param uids the {@code openshift.io/sa.scc.uid-range} ranges
 * @param groups the {@code openshift.io/sa.scc.supplemental-groups} ranges (fsGroup must fall in
 *     them)
 */
public record SccNamespace(List<IdRange> uids, List<IdRange> groups) {

  /** Nothing known about the namespace. */
  public static final SccNamespace UNKNOWN = new SccNamespace(List.of(), List.of());

  public SccNamespace {
    uids = List.copyOf(uids);
    groups = List.copyOf(groups);
  }

  /** Reads the ranges from a namespace's annotations, as the driver's ClusterFacts carry them. */
  public static SccNamespace fromAnnotations(Map<String, String> annotations) {
    return new SccNamespace(
        IdRange.parseAll(annotations.get(ManagedNames.SCC_UID_RANGE)),
        IdRange.parseAll(annotations.get(ManagedNames.SCC_SUPPLEMENTAL_GROUPS)));
  }
}
