package dev.berth.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListPagesTest {

  private static final String LIST =
      "{\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"7\"},"
          + "\"items\":[{\"n\":0},{\"n\":1},{\"n\":2},{\"n\":3},{\"n\":4}]}";

  @Test
  void pagesCarryTheNextOffsetUntilTheLastOne() {
    JsonNode list = ListPages.parse(LIST);
    JsonNode first = ListPages.parse(ListPages.page(list, 0, 2));
    assertThat(first.path("items").size()).isEqualTo(2);
    assertThat(first.path("metadata").path("continue").asString()).isEqualTo("2");
    assertThat(first.path("metadata").path("resourceVersion").asString()).isEqualTo("7");
    JsonNode last = ListPages.parse(ListPages.page(list, 4, 2));
    assertThat(last.path("items").size()).isEqualTo(1);
    assertThat(last.path("items").get(0).path("n").asInt()).isEqualTo(4);
    assertThat(last.path("metadata").has("continue")).isFalse();
    assertThat(list.path("items").size()).as("the full list is left as it was").isEqualTo(5);
  }

  @Test
  void readsAndDropsThePagingParameters() {
    String path = "/apis/g/v1/namespaces/n/sandboxes?labelSelector=a%3Db&limit=500&continue=1000";
    assertThat(ListPages.parameter(path, "limit")).contains("500");
    assertThat(ListPages.parameter(path, "continue")).contains("1000");
    assertThat(ListPages.parameter(path, "labelSelector")).contains("a=b");
    assertThat(ListPages.parameter(path, "watch")).isEmpty();
    assertThat(ListPages.base(path))
        .isEqualTo("/apis/g/v1/namespaces/n/sandboxes?labelSelector=a%3Db");
    assertThat(ListPages.base("/api/v1/pods")).isEqualTo("/api/v1/pods");
  }
}
