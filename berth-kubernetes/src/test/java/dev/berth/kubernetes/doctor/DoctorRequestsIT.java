package dev.berth.kubernetes.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.kubernetes.ApiPermission;
import dev.berth.kubernetes.ApiPermissions;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link ApiPermissions#CHECKS} equal to what the checks ask: a full run with every optional
 * check switched on makes only declared resource requests (discovery and {@code /version} aside),
 * and makes each declared one.
 */
@EnableKubernetesMockClient(crud = true)
class DoctorRequestsIT {

  KubernetesMockServer server;
  KubernetesClient client;

  /** A resource request in RBAC's terms; a discovery path has none. */
  private record Request(
      String group,
      String resource,
      String verb,
      Optional<String> namespace,
      Optional<String> name) {

    static Optional<Request> of(String method, String pathAndQuery) {
      String path = pathAndQuery.split("\\?", 2)[0];
      List<String> parts = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
      String group;
      List<String> rest;
      if (parts.size() >= 3 && parts.get(0).equals("api")) {
        group = "";
        rest = parts.subList(2, parts.size());
      } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
        group = parts.get(1);
        rest = parts.subList(3, parts.size());
      } else {
        return Optional.empty();
      }
      Optional<String> namespace = Optional.empty();
      if (rest.get(0).equals("namespaces") && rest.size() > 2) {
        namespace = Optional.of(rest.get(1));
        rest = rest.subList(2, rest.size());
      } else if (rest.get(0).equals("namespaces") && rest.size() == 2) {
        namespace = Optional.of(rest.get(1));
      }
      Optional<String> name = rest.size() > 1 ? Optional.of(rest.get(1)) : Optional.empty();
      String verb = method.equals("POST") ? "create" : name.isPresent() ? "get" : "list";
      return Optional.of(new Request(group, rest.get(0), verb, namespace, name));
    }

    boolean allowedBy(ApiPermission p, DriverSettings settings) {
      boolean inScope =
          p.scope() == ApiPermission.Scope.CLUSTER
              || namespace.filter(settings.cluster().sandboxNamespace()::equals).isPresent();
      return p.group().equals(group)
          && p.resource().equals(resource)
          && p.verb().equals(verb)
          && inScope
          && p.resourceNames(settings).map(n -> name.filter(n::contains).isPresent()).orElse(true);
    }
  }

  @Test
  void everyRequestOfAFullRunIsDeclaredAndEveryDeclarationIsUsed() throws Exception {
    DriverSettings settings =
        Fixtures.settings(
            "OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls",
            "OPENSHELL_SANDBOX_IMAGE_PULL_SECRETS", "regcred",
            "OPENSHELL_K8S_DEFAULT_RUNTIME_CLASS_NAME", "gvisor");
    Fixtures.version(server, "1", "35");
    Fixtures.apiGroup(server, OpenShiftCheck.GROUP, true);
    Fixtures.selfReviews(server, Set.of());
    Fixtures.reviews(server, true);
    int before = server.getRequestCount();

    Doctor.run(client, settings, "ctx", true);

    List<Request> requests = new ArrayList<>();
    int made = server.getRequestCount() - before;
    for (int i = 0; i < made; i++) {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      Request.of(r.getMethod(), r.getPath()).ifPresent(requests::add);
    }
    List<ApiPermission> declared =
        ApiPermissions.CHECKS.stream().filter(p -> p.neededBy(settings)).toList();

    assertThat(requests)
        .as("requests the checks make that ApiPermissions.CHECKS does not declare")
        .allSatisfy(
            r ->
                assertThat(declared)
                    .anySatisfy(p -> assertThat(r.allowedBy(p, settings)).isTrue()));
    assertThat(declared)
        .as("declared in ApiPermissions.CHECKS but never requested")
        .allSatisfy(
            p ->
                assertThat(requests)
                    .anySatisfy(r -> assertThat(r.allowedBy(p, settings)).isTrue()));
  }
}
