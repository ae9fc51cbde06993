package dev.berth.kubernetes;

import dev.berth.driver.AuthenticatedSandbox;
import dev.berth.driver.DriverException;
import dev.berth.driver.SandboxAuthentication;
import dev.berth.driver.SandboxCredential;
import dev.berth.naming.Generation;
import dev.berth.render.agentsandbox.AgentSandbox;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * AuthenticateSandbox on a cluster: three reads whose answers {@link SandboxAuthentication} judges.
 *
 * <ol>
 *   <li>{@code create tokenreviews} (cluster-scoped, {@code authentication.k8s.io/v1}) with the
 *       generation's audience;
 *   <li>{@code get pods} in the namespace of the token's service account;
 *   <li>{@code get sandboxes} ({@code agents.x-k8s.io}) named by the pod's owner reference.
 * </ol>
 *
 * <p>A failed read is INTERNAL (the cluster could not be asked; the gateway may retry) with a
 * sentence naming the read. The credential goes into the TokenReview body and nowhere else.
 */
final class SandboxAuthenticator {

  private final KubernetesClient client;
  private final ApiErrors errors;
  private final SandboxApi sandboxes;
  private final DriverSettings settings;

  SandboxAuthenticator(
      KubernetesClient client, ApiErrors errors, SandboxApi sandboxes, DriverSettings settings) {
    this.client = client;
    this.errors = errors;
    this.sandboxes = sandboxes;
    this.settings = settings;
  }

  AuthenticatedSandbox authenticate(SandboxCredential credential, Generation generation)
      throws DriverException {
    TokenReview review =
        internal(
            "create a TokenReview for a sandbox credential",
            () ->
                client
                    .authentication()
                    .v1()
                    .tokenReviews()
                    .create(
                        new TokenReviewBuilder()
                            .withNewSpec()
                            .withToken(credential.reveal())
                            .withAudiences(generation.tokenAudience())
                            .endSpec()
                            .build()));
    if (review == null || review.getStatus() == null) {
      throw new DriverException(
          DriverException.Kind.INTERNAL, "the Kubernetes TokenReview answer has no status");
    }
    SandboxAuthentication.PodRef ref =
        SandboxAuthentication.reviewed(review(review.getStatus()), generation, settings);
    Pod pod =
        internal(
            "read pod " + ref.name() + " in namespace " + ref.namespace(),
            () -> client.pods().inNamespace(ref.namespace()).withName(ref.name()).get());
    SandboxAuthentication.Binding binding =
        SandboxAuthentication.bound(
            ref, Optional.ofNullable(pod).map(SandboxAuthenticator::pod), generation);
    AgentSandbox sandbox =
        internal(
            "read Sandbox " + binding.owner().name() + " in namespace " + ref.namespace(),
            () -> sandboxes.named(ref.namespace(), binding.owner().name()).get());
    return SandboxAuthentication.owned(
        binding,
        Optional.ofNullable(sandbox)
            .map(
                s ->
                    new SandboxAuthentication.Sandbox(
                        Objects.requireNonNullElse(s.getMetadata().getUid(), ""),
                        orEmpty(s.getMetadata().getLabels()),
                        SandboxMapper.podName(s))),
        settings);
  }

  private static SandboxAuthentication.Review review(TokenReviewStatus status) {
    UserInfo user = status.getUser();
    Map<String, List<String>> extra = user == null ? null : user.getExtra();
    return new SandboxAuthentication.Review(
        Boolean.TRUE.equals(status.getAuthenticated()),
        status.getAudiences() == null ? List.of() : status.getAudiences(),
        Optional.ofNullable(user).map(UserInfo::getUsername),
        extra == null ? Map.of() : extra);
  }

  private static SandboxAuthentication.Pod pod(Pod pod) {
    ObjectMeta meta = pod.getMetadata();
    List<OwnerReference> owners =
        meta.getOwnerReferences() == null ? List.of() : meta.getOwnerReferences();
    return new SandboxAuthentication.Pod(
        Objects.requireNonNullElse(meta.getUid(), ""),
        orEmpty(meta.getLabels()),
        orEmpty(meta.getAnnotations()),
        owners.stream()
            .map(
                o ->
                    new SandboxAuthentication.Owner(
                        Objects.requireNonNullElse(o.getApiVersion(), ""),
                        Objects.requireNonNullElse(o.getKind(), ""),
                        Objects.requireNonNullElse(o.getName(), ""),
                        Objects.requireNonNullElse(o.getUid(), ""),
                        Boolean.TRUE.equals(o.getController())))
            .toList());
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  /** A read whose failure means the credential could not be judged: INTERNAL, as upstream. */
  private <T> T internal(String action, ApiErrors.Call<T> call) throws DriverException {
    try {
      return errors.call(action, call);
    } catch (DriverException e) {
      throw new DriverException(
          DriverException.Kind.INTERNAL,
          "could not authenticate the sandbox: " + e.getMessage(),
          e);
    }
  }
}
