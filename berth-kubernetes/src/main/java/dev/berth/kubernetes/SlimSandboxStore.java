package dev.berth.kubernetes;

import static dev.berth.naming.ManagedNames.LABEL_MANAGED_BY;
import static dev.berth.naming.ManagedNames.LABEL_SANDBOX_ID;
import static dev.berth.naming.ManagedNames.LABEL_SANDBOX_NAME;
import static dev.berth.naming.ManagedNames.LABEL_WORKSPACE;

import dev.berth.plan.SandboxApiVersion;
import dev.berth.render.agentsandbox.AgentSandbox;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Sandbox informer's own store, holding per Sandbox only what its relists and the cache's
 * delete handling read: UID, version, labels and the four identity annotations ({@link
 * SandboxMapper} reads each from the annotation, else the label). A fabric8 reduced store can keep
 * a field but not some keys of a map, and a two-pod Sandbox carries the rendered supervisor pod as
 * an annotation (a few KB each); so the object is cut down to those fields before the reduced store
 * sees it, which also spares it converting the whole pod template on every event.
 */
final class SlimSandboxStore implements ItemStore<AgentSandbox> {

  /** The annotations kept: the ones {@link SandboxMapper#snapshot} and the delete handling read. */
  static final List<String> KEPT_ANNOTATIONS =
      List.of(LABEL_MANAGED_BY, LABEL_SANDBOX_ID, LABEL_SANDBOX_NAME, LABEL_WORKSPACE);

  private final ReducedStateItemStore<AgentSandbox> reduced;
  private final SandboxApiVersion version;

  SlimSandboxStore(SandboxApiVersion version, KubernetesSerialization serialization) {
    this.version = version;
    @SuppressWarnings("unchecked") // type(v) is the concrete class of v's AgentSandbox
    Class<AgentSandbox> type = (Class<AgentSandbox>) AgentSandbox.type(version);
    this.reduced =
        new ReducedStateItemStore<>(
            ReducedStateItemStore.NAME_KEY_STATE,
            type,
            serialization,
            // apiVersion and kind: the restored object is read back through the client's typed
            // deserializer, which finds the class by them
            "apiVersion",
            "kind",
            "metadata.uid",
            "metadata.resourceVersion",
            "metadata.labels",
            "metadata.annotations");
  }

  /** The fields the store keeps, in a new object; {@code sandbox} is left as it was. */
  AgentSandbox slim(AgentSandbox sandbox) {
    ObjectMeta from = sandbox.getMetadata();
    ObjectMeta meta = new ObjectMeta();
    meta.setName(from.getName());
    meta.setNamespace(from.getNamespace());
    meta.setUid(from.getUid());
    meta.setResourceVersion(from.getResourceVersion());
    meta.setLabels(from.getLabels());
    Map<String, String> annotations = from.getAnnotations();
    if (annotations != null) {
      Map<String, String> kept = new HashMap<>();
      for (String key : KEPT_ANNOTATIONS) {
        String value = annotations.get(key);
        if (value != null) {
          kept.put(key, value);
        }
      }
      meta.setAnnotations(kept);
    }
    AgentSandbox out = AgentSandbox.of(version);
    out.setApiVersion(sandbox.getApiVersion());
    out.setKind(sandbox.getKind());
    out.setMetadata(meta);
    return out;
  }

  @Override
  public String getKey(AgentSandbox sandbox) {
    return reduced.getKey(sandbox);
  }

  @Override
  public AgentSandbox put(String key, AgentSandbox sandbox) {
    return reduced.put(key, slim(sandbox));
  }

  @Override
  public AgentSandbox remove(String key) {
    return reduced.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return reduced.keySet();
  }

  @Override
  public Stream<AgentSandbox> values() {
    return reduced.values();
  }

  @Override
  public int size() {
    return reduced.size();
  }

  @Override
  public AgentSandbox get(String key) {
    return reduced.get(key);
  }

  @Override
  public boolean isFullState() {
    return reduced.isFullState();
  }
}
