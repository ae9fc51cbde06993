package dev.berth.render.isolation;

import dev.berth.plan.SandboxApiVersion;
import io.fabric8.kubernetes.api.model.OwnerReference;

/**
 * Owner references of the isolation backend's objects, which need UIDs only the create learns. None
 * is a controller reference: the Agent Sandbox controller owns the workload pod as its controller,
 * and Berth's objects must not compete with it. {@code blockOwnerDeletion} is false because setting
 * it needs permission to update the owner's finalizers, which Berth does not hold.
 */
public final class Owners {

  static final String POD_API_VERSION = "v1";
  static final String POD_KIND = "Pod";

  private Owners() {}

  /** The Service and the supervisor pod are the Sandbox's: deleting it removes them. */
  public static OwnerReference sandbox(SandboxApiVersion version, String name, String uid) {
    return reference(version.apiVersion(), SandboxApiVersion.KIND, name, uid);
  }

  /**
   * Each bootstrap Secret belongs to the pod that reads it, so a Stop (which deletes both pods)
   * removes the generation's Secrets with them.
   */
  public static OwnerReference pod(String name, String uid) {
    return reference(POD_API_VERSION, POD_KIND, name, uid);
  }

  private static OwnerReference reference(String apiVersion, String kind, String name, String uid) {
    OwnerReference owner = new OwnerReference();
    owner.setApiVersion(apiVersion);
    owner.setKind(kind);
    owner.setName(name);
    owner.setUid(uid);
    owner.setController(false);
    owner.setBlockOwnerDeletion(false);
    return owner;
  }
}
