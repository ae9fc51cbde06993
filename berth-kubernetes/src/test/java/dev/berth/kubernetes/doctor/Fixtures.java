package dev.berth.kubernetes.doctor;

import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Settings, contexts and mock-server expectations the doctor checks' tests share. */
final class Fixtures {

  static final String NAMESPACE = "agents";
  static final ServerVersion V1_35 = new ServerVersion(1, 35, "v1.35.0");

  private Fixtures() {}

  /** Settings with the sandbox namespace {@value #NAMESPACE} and the given env pairs on top. */
  static DriverSettings settings(String... pairs) {
    Map<String, String> values = new HashMap<>();
    values.put("OPENSHELL_SANDBOX_NAMESPACE", NAMESPACE);
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return DriverSettings.fromMap(values).orElseThrow();
  }

  static DoctorContext context(KubernetesClient client, DriverSettings settings) {
    return new DoctorContext(client, settings, Optional.of(V1_35), false);
  }

  static DoctorContext context(DriverSettings settings, Optional<ServerVersion> version) {
    return new DoctorContext(unconnected(), settings, version, false);
  }

  /** A client that is never used to connect: for checks that read only settings and version. */
  static KubernetesClient unconnected() {
    Config config = new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** {@code /version} answers the given version. */
  static void version(KubernetesMockServer server, String major, String minor) {
    server.setVersionInfo(
        new VersionInfo.Builder()
            .withMajor(major)
            .withMinor(minor)
            .withGitVersion("v" + major + "." + minor + ".0")
            .build());
  }

  /**
   * SelfSubjectAccessReviews allow everything except {@code "resource verb"} pairs in {@code
   * denied}; every review asked is recorded in {@code asked}.
   */
  static List<ResourceAttributes> selfReviews(KubernetesMockServer server, Set<String> denied) {
    List<ResourceAttributes> asked = new CopyOnWriteArrayList<>();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
        .andReply(
            201,
            request -> {
              SelfSubjectAccessReview review =
                  Serialization.unmarshal(request.getUtf8Body(), SelfSubjectAccessReview.class);
              ResourceAttributes a = review.getSpec().getResourceAttributes();
              asked.add(a);
              SubjectAccessReviewStatus status = new SubjectAccessReviewStatus();
              status.setAllowed(!denied.contains(a.getResource() + " " + a.getVerb()));
              review.setStatus(status);
              return review;
            })
        .always();
    return asked;
  }

  /** SubjectAccessReviews answer {@code allowed}; the reviews asked are recorded. */
  static List<SubjectAccessReview> reviews(KubernetesMockServer server, boolean allowed) {
    List<SubjectAccessReview> asked = new CopyOnWriteArrayList<>();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews")
        .andReply(
            201,
            request -> {
              SubjectAccessReview review =
                  Serialization.unmarshal(request.getUtf8Body(), SubjectAccessReview.class);
              asked.add(review);
              SubjectAccessReviewStatus status = new SubjectAccessReviewStatus();
              status.setAllowed(allowed);
              review.setStatus(status);
              return review;
            })
        .always();
    return asked;
  }

  /** API discovery: whether {@code /apis/<group>} is served. */
  static void apiGroup(KubernetesMockServer server, String group, boolean served) {
    var expectation = server.expect().get().withPath("/apis/" + group);
    if (served) {
      expectation.andReturn(200, new APIGroupBuilder().withName(group).build()).always();
    } else {
      expectation.andReturn(404, Map.of("kind", "Status", "code", 404)).always();
    }
  }

  /** API discovery: the resources {@code /apis/<groupVersion>} lists. */
  static void apiResources(
      KubernetesMockServer server, String groupVersion, String kind, String plural) {
    server
        .expect()
        .get()
        .withPath("/apis/" + groupVersion)
        .andReturn(
            200,
            new APIResourceListBuilder()
                .withGroupVersion(groupVersion)
                .addNewResource()
                .withKind(kind)
                .withName(plural)
                .withNamespaced(true)
                .withVerbs("get", "list", "create")
                .endResource()
                .build())
        .always();
  }

  static void namespace(KubernetesClient client, String name, Map<String, String> labels) {
    namespace(client, name, labels, Map.of());
  }

  static void namespace(
      KubernetesClient client,
      String name,
      Map<String, String> labels,
      Map<String, String> annotations) {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .build())
        .create();
  }
}
