package dev.berth.kubernetes;

/**
 * What readiness needs to know of a namespace's workload fence.
 *
 * @param namespace its namespace
 * @param name its name (the generation's workload policy)
 * @param uid its UID, so that the deletion of a replaced fence does not drop its successor
 * @param intact it still selects every workload pod for egress and allows none
 */
record FenceState(String namespace, String name, String uid, boolean intact) {

  /** The key the view files it under: one fence per namespace and generation. */
  String key() {
    return key(namespace, name);
  }

  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
