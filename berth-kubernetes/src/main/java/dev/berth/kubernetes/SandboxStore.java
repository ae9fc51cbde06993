package dev.berth.kubernetes;

import static dev.berth.naming.ManagedNames.LABEL_GATEWAY_ID;

import dev.berth.driver.DriverException;
import dev.berth.plan.SandboxApiVersion;
import dev.berth.render.agentsandbox.AgentSandbox;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to Sandbox resources: create, delete with preconditions, the Stop/Start patch with a
 * bounded retry on version conflicts, and the startup gateway-id backfill. Writes look their target
 * up through the API (not the cache) so that preconditions carry the current version.
 */
final class SandboxStore {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxStore.class);

  /** How often Stop/Start re-read and re-patch after a resourceVersion conflict. */
  static final int PATCH_ATTEMPTS = 5;

  private static final long BACKFILL_PAGE = 500;

  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  private final SandboxApi api;
  private final String gatewayId;
  private final ApiErrors errors;

  SandboxStore(SandboxApi api, String gatewayId, ApiErrors errors) {
    this.api = api;
    this.gatewayId = gatewayId;
    this.errors = errors;
  }

  AgentSandbox create(AgentSandbox sandbox) throws DriverException {
    String namespace = sandbox.getMetadata().getNamespace();
    return errors.callCreate(
        "create Sandbox " + sandbox.getMetadata().getName() + " in namespace " + namespace,
        () -> api.resources().inNamespace(namespace).resource(sandbox).create());
  }

  /** The sandbox with this id, read from the API server. */
  Optional<AgentSandbox> find(String sandboxId) throws DriverException {
    List<AgentSandbox> items =
        errors.call(
            "look up sandbox " + sandboxId + " in " + api.scopeDescription(),
            () ->
                api.inScope()
                    .withLabelSelector(SandboxApi.idSelector(sandboxId, gatewayId))
                    .list()
                    .getItems());
    return items.stream().findFirst();
  }

  /**
   * Deletes the sandbox if it is still the object just looked up (uid and resourceVersion
   * preconditions). False when it is gone or changed in between, as upstream.
   */
  boolean delete(String sandboxId) throws DriverException {
    Optional<AgentSandbox> found = find(sandboxId);
    if (found.isEmpty()) {
      return false;
    }
    return delete(found.get());
  }

  /** {@link #delete(String)} of a sandbox the caller just looked up. */
  boolean delete(AgentSandbox sandbox) throws DriverException {
    String namespace = sandbox.getMetadata().getNamespace();
    String name = sandbox.getMetadata().getName();
    var options =
        new DeleteOptionsBuilder()
            .withNewPreconditions()
            .withUid(sandbox.getMetadata().getUid())
            .withResourceVersion(sandbox.getMetadata().getResourceVersion())
            .endPreconditions()
            .build();
    try {
      // fabric8's delete sends only a resourceVersion precondition; the uid needs a raw request.
      api.client().raw(api.url(namespace, name), "DELETE", options);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 409) {
        return false;
      }
      throw errors.map(e, "delete Sandbox " + name + " in namespace " + namespace);
    }
  }

  /**
   * Patches the operating state ({@code v1beta1}: {@code spec.operatingMode}; {@code v1alpha1}:
   * {@code spec.replicas}) with a JSON merge patch that carries the resourceVersion it was based
   * on. A conflict re-reads the object and tries again, at most {@link #PATCH_ATTEMPTS} times; it
   * is never reported as "already exists".
   *
   * @return the patched object
   */
  AgentSandbox patchOperatingState(String sandboxId, boolean running) throws DriverException {
    return patchOperatingState(
        sandboxId, find(sandboxId).orElseThrow(SandboxStore::notFound), running);
  }

  /**
   * Suspends {@code found} only if it is still the version that was read (one patch, no retry): a
   * Sandbox that changed since (a Start, a Delete) is left alone. False when it changed or went.
   */
  boolean suspendUnchanged(AgentSandbox found) throws DriverException {
    String body =
        operatingStatePatch(api.version(), false, found.getMetadata().getResourceVersion());
    try {
      api.held(found).patch(MERGE, body);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 409) {
        return false;
      }
      throw errors.map(
          e,
          "suspend Sandbox "
              + found.getMetadata().getName()
              + " in namespace "
              + found.getMetadata().getNamespace());
    }
  }

  /** {@link #patchOperatingState(String, boolean)} of a sandbox the caller just looked up. */
  AgentSandbox patchOperatingState(String sandboxId, AgentSandbox found, boolean running)
      throws DriverException {
    AgentSandbox current = found;
    String namespace = current.getMetadata().getNamespace();
    String name = current.getMetadata().getName();
    String action =
        (running ? "start" : "stop") + " Sandbox " + name + " in namespace " + namespace;
    for (int attempt = 1; ; attempt++) {
      String body =
          operatingStatePatch(api.version(), running, current.getMetadata().getResourceVersion());
      try {
        return api.held(current).patch(MERGE, body);
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          throw notFound();
        }
        if (e.getCode() != 409) {
          throw errors.map(e, action);
        }
        if (attempt >= PATCH_ATTEMPTS) {
          throw new DriverException(
              DriverException.Kind.CONFLICT,
              "Sandbox "
                  + name
                  + " kept changing while the driver tried to "
                  + (running ? "start" : "stop")
                  + " it ("
                  + PATCH_ATTEMPTS
                  + " attempts); retry",
              e);
        }
        LOG.debug("Conflict on attempt {} to {}; re-reading", attempt, action);
        AgentSandbox reread =
            errors.call(
                "read Sandbox " + name + " in namespace " + namespace,
                () -> api.named(namespace, name).get());
        if (reread == null || !sandboxId.equals(SandboxMapper.sandboxId(reread).orElse(null))) {
          throw notFound();
        }
        current = reread;
      }
    }
  }

  /** Upstream's lifecycle patch body, with the version it is based on. */
  static String operatingStatePatch(
      SandboxApiVersion version, boolean running, String resourceVersion) {
    String spec =
        version == SandboxApiVersion.V1BETA1
            ? "\"operatingMode\":\"" + (running ? "Running" : "Suspended") + "\""
            : "\"replicas\":" + (running ? 1 : 0);
    String metadata =
        resourceVersion == null
            ? ""
            : "\"metadata\":{\"resourceVersion\":\"" + resourceVersion + "\"},";
    return "{" + metadata + "\"spec\":{" + spec + "}}";
  }

  /**
   * Shared mode at startup: labels every OpenShell sandbox in the namespace whose gateway-id label
   * is missing or different with this gateway's id, as upstream does, so that sandboxes made before
   * the label existed (or by a previous gateway identity) stay visible.
   *
   * @return how many sandboxes were relabelled
   */
  int backfillGatewayId() throws DriverException {
    String selector = SandboxApi.unlabelledSelector(gatewayId);
    int patched = 0;
    String from = "";
    do {
      ListOptions page = new ListOptionsBuilder().withLimit(BACKFILL_PAGE).build();
      if (!from.isEmpty()) {
        page.setContinue(from);
      }
      KubernetesResourceList<AgentSandbox> owned =
          errors.call(
              "list OpenShell sandboxes in "
                  + api.scopeDescription()
                  + " for the gateway-id backfill",
              () -> api.inScope().withLabelSelector(selector).list(page));
      for (AgentSandbox sandbox : owned.getItems()) {
        if (relabel(sandbox)) {
          patched++;
        }
      }
      from =
          owned.getMetadata() == null
              ? ""
              : Objects.requireNonNullElse(owned.getMetadata().getContinue(), "");
    } while (!from.isEmpty());
    return patched;
  }

  private boolean relabel(AgentSandbox sandbox) throws DriverException {
    Map<String, String> labels = sandbox.getMetadata().getLabels();
    if (labels != null && gatewayId.equals(labels.get(LABEL_GATEWAY_ID))) {
      return false;
    }
    String namespace = sandbox.getMetadata().getNamespace();
    String name = sandbox.getMetadata().getName();
    String body =
        "{\"metadata\":{\"labels\":{\"" + LABEL_GATEWAY_ID + "\":\"" + gatewayId + "\"}}}";
    try {
      api.held(sandbox).patch(MERGE, body);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw errors.map(
            e, "label Sandbox " + name + " in namespace " + namespace + " with the gateway id");
      }
      return false;
    }
  }

  static DriverException notFound() {
    return new DriverException(DriverException.Kind.NOT_FOUND, "sandbox not found");
  }
}
