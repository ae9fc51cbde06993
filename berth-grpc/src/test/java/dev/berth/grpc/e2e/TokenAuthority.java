package dev.berth.grpc.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The API server's token authenticator, played by a mock-server expectation on {@code POST
 * /apis/authentication.k8s.io/v1/tokenreviews}: it knows the projected tokens it issued (to which
 * service account, pod and audience) and answers a review as the API server would, including
 * refusing a token asked about for another audience.
 */
final class TokenAuthority {

  static final String PATH = "/apis/authentication.k8s.io/v1/tokenreviews";

  private record Issued(String user, String podName, String podUid, String audience) {}

  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();

  /** Every token the driver asked about, in order; a test checks none of them leaks. */
  final List<String> reviewed = new CopyOnWriteArrayList<>();

  /** While true, every review fails with HTTP 500, as an overloaded API server answers. */
  volatile boolean failing;

  static TokenAuthority install(MockCluster cluster) {
    TokenAuthority authority = new TokenAuthority();
    cluster.server().expect().post().withPath(PATH).andReply(authority.new Reviews()).always();
    return authority;
  }

  /** The expectation's answers: a review, or the 500 of an outage. */
  private final class Reviews implements ResponseProvider<Object> {
    private Headers headers = new Headers.Builder().build();

    @Override
    public int getStatusCode(RecordedRequest request) {
      return failing ? 500 : 200;
    }

    @Override
    public Object getBody(RecordedRequest request) {
      if (failing) {
        reviewed.add(
            Serialization.unmarshal(request.getUtf8Body(), TokenReview.class).getSpec().getToken());
        return MockCluster.failure(500, "InternalError", "etcd is sulking");
      }
      return review(request.getUtf8Body());
    }

    @Override
    public Headers getHeaders() {
      return headers;
    }

    @Override
    public void setHeaders(Headers headers) {
      this.headers = headers;
    }
  }

  /** A projected token of {@code serviceAccount} bound to {@code pod}, for {@code audience}. */
  String issue(String serviceAccount, Pod pod, String audience) {
    String token = "token-" + UUID.randomUUID();
    tokens.put(
        token,
        new Issued(
            "system:serviceaccount:" + pod.getMetadata().getNamespace() + ":" + serviceAccount,
            pod.getMetadata().getName(),
            pod.getMetadata().getUid(),
            audience));
    return token;
  }

  private TokenReview review(String body) {
    TokenReview asked = Serialization.unmarshal(body, TokenReview.class);
    String token = asked.getSpec().getToken();
    reviewed.add(token);
    Issued issued = tokens.get(token);
    List<String> audiences = asked.getSpec().getAudiences();
    if (issued == null || audiences == null || !audiences.contains(issued.audience())) {
      return new TokenReviewBuilder().withNewStatus().withAuthenticated(false).endStatus().build();
    }
    return new TokenReviewBuilder()
        .withNewStatus()
        .withAuthenticated(true)
        .withAudiences(issued.audience())
        .withNewUser()
        .withUsername(issued.user())
        .addToExtra("authentication.kubernetes.io/pod-name", List.of(issued.podName()))
        .addToExtra("authentication.kubernetes.io/pod-uid", List.of(issued.podUid()))
        .endUser()
        .endStatus()
        .build();
  }
}
