package dev.berth.kubernetes.doctor;

import dev.berth.kubernetes.ApiPermission;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks the API server, with one SelfSubjectAccessReview each, which declared permissions the
 * current user lacks. A permission restricted to object names is asked once per name; a
 * sandbox-namespace permission in that namespace, a cluster permission for all namespaces.
 */
final class AccessReviews {

  /**
   * A permission the user lacks.
   *
   * @param permission the declared permission
   * @param names the names it lacks it for; empty for a permission not restricted by name
   */
  record Missing(ApiPermission permission, Optional<List<String>> names) {

    String describe() {
      return permission.describe() + names.map(n -> " for " + String.join(", ", n)).orElse("");
    }
  }

  private AccessReviews() {}

  static List<Missing> missing(
      KubernetesClient client, DriverSettings settings, List<ApiPermission> permissions) {
    String namespace = settings.cluster().sandboxNamespace();
    List<Missing> missing = new ArrayList<>();
    for (ApiPermission p : permissions) {
      String where = p.scope() == ApiPermission.Scope.SANDBOX_NAMESPACE ? namespace : "";
      Optional<List<String>> names = p.resourceNames(settings);
      if (names.isEmpty()) {
        if (!allowed(client, p, where, "")) {
          missing.add(new Missing(p, Optional.empty()));
        }
        continue;
      }
      List<String> lacking =
          names.get().stream().filter(n -> !allowed(client, p, where, n)).toList();
      if (!lacking.isEmpty()) {
        missing.add(new Missing(p, Optional.of(lacking)));
      }
    }
    return missing;
  }

  private static boolean allowed(
      KubernetesClient client, ApiPermission p, String namespace, String name) {
    String[] resource = p.resource().split("/", 2);
    ResourceAttributes attributes = new ResourceAttributes();
    attributes.setGroup(p.group());
    attributes.setResource(resource[0]);
    if (resource.length > 1) {
      attributes.setSubresource(resource[1]);
    }
    attributes.setVerb(p.verb());
    attributes.setNamespace(namespace);
    attributes.setName(name);
    SelfSubjectAccessReviewSpec spec = new SelfSubjectAccessReviewSpec();
    spec.setResourceAttributes(attributes);
    SelfSubjectAccessReview review = new SelfSubjectAccessReview();
    review.setSpec(spec);
    SelfSubjectAccessReview answer =
        client.authorization().v1().selfSubjectAccessReview().create(review);
    return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }
}
