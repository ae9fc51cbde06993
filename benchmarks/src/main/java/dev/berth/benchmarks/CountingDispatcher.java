package dev.berth.benchmarks;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The CRUD mock's dispatcher, counting the API requests the driver makes and able to take objects
 * straight into its store. Requests that carry {@link #BENCH_HEADER} are the benchmark's own (its
 * admin client, playing the controller) and are not counted.
 *
 * <p>Seeding goes around HTTP because the CRUD mock matches every stored object linearly on each
 * request: creating 20,000 objects one POST at a time would cost minutes of quadratic work that
 * says nothing about the driver.
 */
final class CountingDispatcher extends KubernetesCrudDispatcher {

  /** The header the benchmark's own client sends, so that its requests are told apart. */
  static final String BENCH_HEADER = "X-Berth-Benchmark";

  private static final String APIS = "/apis";
  private static final String VERSION = "/version";
  private static final String VERSION_INFO =
      "{\"major\":\"1\",\"minor\":\"35\",\"gitVersion\":\"v1.35.0\"}";
  private static final String NO_GROUPS =
      "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
  private static final String NOT_FOUND =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}";

  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final Map<String, Integer> counts = new TreeMap<>();
  // The list being paged through (the whole list, as the mock answered its first page).
  private String pagedBase = "";
  private JsonNode pagedList;

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (request.getHeader(BENCH_HEADER) == null) {
      String key = RequestKind.of(request.getMethod(), request.getPath());
      synchronized (counts) {
        counts.merge(key, 1, Integer::sum);
      }
    }
    if ("GET".equals(request.getMethod()) && ListPages.base(request.getPath()).equals(VERSION)) {
      // The CRUD mock would answer /version with every stored object, too.
      return new MockResponse().setResponseCode(200).setBody(VERSION_INFO);
    }
    if (groupDiscovery(request)) {
      // fabric8's CRUD mock answers discovery paths with every stored object that matches (all
      // 10,000 Sandboxes for /apis/agents.x-k8s.io/v1beta1, everything for /apis) where the API
      // server sends a small document; serve's startup doctor pass asks for them, and the giant
      // answer, still in flight, was measured as cache memory.
      String path = ListPages.base(request.getPath());
      if (path.equals(APIS)) {
        return new MockResponse().setResponseCode(200).setBody(NO_GROUPS);
      }
      String[] parts = path.substring(APIS.length() + 1).split("/");
      return parts.length == 2
          ? new MockResponse()
              .setResponseCode(200)
              .setBody(
                  "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\""
                      + parts[0]
                      + "/"
                      + parts[1]
                      + "\",\"resources\":[]}")
          : new MockResponse().setResponseCode(404).setBody(NOT_FOUND);
    }
    return paged(request);
  }

  /** {@code GET /apis}, {@code /apis/<group>} or {@code /apis/<group>/<version>}: discovery. */
  static boolean groupDiscovery(RecordedRequest request) {
    String path = ListPages.base(request.getPath());
    return "GET".equals(request.getMethod())
        && (path.equals(APIS)
            || (path.startsWith(APIS + "/")
                && path.substring(APIS.length() + 1).split("/").length <= 2));
  }

  /** Answers a list that asks for a page with that page, as the API server would. */
  private MockResponse paged(RecordedRequest request) {
    String path = request.getPath();
    Optional<String> limit = ListPages.parameter(path, "limit");
    Optional<String> from = ListPages.parameter(path, "continue");
    boolean watch = ListPages.parameter(path, "watch").filter("true"::equals).isPresent();
    if (!"GET".equals(request.getMethod()) || watch || (limit.isEmpty() && from.isEmpty())) {
      return super.dispatch(request);
    }
    String base = ListPages.base(path);
    int offset = from.filter(s -> !s.isEmpty()).map(Integer::parseInt).orElse(0);
    int size = limit.filter(s -> !s.isEmpty()).map(Integer::parseInt).orElse(Integer.MAX_VALUE);
    synchronized (this) {
      MockResponse response;
      if (offset == 0 || !base.equals(pagedBase)) {
        response = super.dispatch(request);
        if (response.code() != 200) {
          return response;
        }
        pagedBase = base;
        pagedList = ListPages.parse(response.getBody().readUtf8());
      } else {
        response = new MockResponse().setResponseCode(200);
      }
      if (!pagedList.has("items")) {
        return response.setBody(pagedList.toString());
      }
      return response.setBody(ListPages.page(pagedList, offset, size));
    }
  }

  /** Puts an object into the store as if it had been created (it must carry uid and version). */
  void seed(HasMetadata object) {
    String json = serialization.asJson(object);
    AttributeSet attributes = getAttributeExtractor().fromResource(json);
    if (!attributes.containsKey(PLURAL)) {
      // The extractor finds no plural for a core kind such as Pod, and a list (which matches by
      // the path's plural) would never return the object.
      attributes = attributes.add(new Attribute(PLURAL, HasMetadata.getPlural(object.getClass())));
    }
    getMap().put(attributes, json);
  }

  private static final String PLURAL = "plural";

  /** The driver's requests since the last call, by kind, and starts counting afresh. */
  Map<String, Integer> drain() {
    synchronized (counts) {
      Map<String, Integer> out = new TreeMap<>(counts);
      counts.clear();
      return out;
    }
  }
}
