package dev.berth.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The stream is read by a YAML parser, never split as text: the traps a text split falls into, and
 * Kubernetes' reading of plain scalars, survive a read and a write unchanged.
 */
class YamlStreamTest {

  private static List<JsonNode> read(String text) throws Exception {
    return YamlStream.read(text, "test stream");
  }

  /** What a consumer reads back from what the post-renderer writes. */
  private static List<JsonNode> roundTrip(List<JsonNode> docs) throws Exception {
    return read(YamlStream.write(docs));
  }

  @Test
  void aDocumentSeparatorInsideABlockScalarIsContent() throws Exception {
    List<JsonNode> docs =
        read(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            data:
              script: |
                echo one
                ---
                echo two
            ---
            kind: Secret
            metadata: {name: b}
            """);

    assertThat(docs).hasSize(2);
    assertThat(docs.get(0).path("data").path("script").asString())
        .isEqualTo("echo one\n---\necho two\n");
    assertThat(roundTrip(docs)).isEqualTo(docs);
  }

  @Test
  void endMarkersCommentsEmptyDocumentsAndCrlfAreYaml() throws Exception {
    String text =
        "# leading comment\r\n---\r\nkind: A # trailing\r\nlist:\r\n- 1\r\n...\r\n---\r\n"
            + "# only a comment\r\n---\r\n---\r\nkind: B\r\n...\r\n";

    List<JsonNode> docs = read(text);

    assertThat(docs).extracting(d -> d.path("kind").asString()).containsExactly("A", "B");
    assertThat(docs.get(0).path("list").get(0).asLong()).isEqualTo(1);
    assertThat(roundTrip(docs)).isEqualTo(docs);
  }

  @Test
  void aListDocumentKeepsItsItemsAndTheirObjectsAreFound() throws Exception {
    List<JsonNode> docs =
        read(
            """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: one}}
            - {apiVersion: v1, kind: Service, metadata: {name: two}}
            """);

    assertThat(Documents.objects(docs))
        .extracting(Documents::describe)
        .containsExactly("ConfigMap/one", "Service/two");
    assertThat(roundTrip(docs)).isEqualTo(docs);
  }

  @Test
  void plainScalarsReadAsKubernetesReadsThemAndKeepThatMeaning() throws Exception {
    JsonNode doc =
        read("""
                yes: yes
                switch: on
                short: n
                tilde: ~
                empty:
                octal: 0644
                hex: 0x1F
                float: .5
                exp: 1e3
                big: 123456789012345678901234567890
                date: 2001-12-14
                quoted: "yes"
                inf: -.inf
                """)
            .get(0);

    // A key reads like a value too: Kubernetes sees the key 'true'.
    assertThat(doc.path("true").isBoolean()).isTrue();
    assertThat(doc.path("switch").booleanValue()).isTrue();
    assertThat(doc.path("short").booleanValue()).isFalse();
    assertThat(doc.path("tilde").isNull()).isTrue();
    assertThat(doc.path("empty").isNull()).isTrue();
    assertThat(doc.path("octal").longValue()).isEqualTo(420);
    assertThat(doc.path("hex").longValue()).isEqualTo(31);
    assertThat(doc.path("float").doubleValue()).isEqualTo(0.5);
    assertThat(doc.path("exp").doubleValue()).isEqualTo(1000.0);
    assertThat(doc.path("big").isBigInteger()).isTrue();
    assertThat(doc.path("date").isString()).isTrue();
    assertThat(doc.path("quoted").asString()).isEqualTo("yes");
    assertThat(doc.path("inf").doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
    // A string that would read as something else is written quoted, so its meaning stays.
    String written = YamlStream.write(List.of(doc));
    assertThat(written).contains("quoted: 'yes'");
    assertThat(roundTrip(List.of(doc))).containsExactly(doc);
  }

  @Test
  void mergeKeysAndAnchorsResolveAsYamlDefines() throws Exception {
    JsonNode doc =
        read("""
                base: &b {a: 1, b: 2}
                derived:
                  <<: *b
                  b: 3
                """)
            .get(0);

    assertThat(doc.path("derived")).isEqualTo(read("{a: 1, b: 3}").get(0));
  }

  @Test
  void aDuplicateKeyOrBrokenYamlIsRefusedWithItsPlace() {
    assertThatThrownBy(() -> read("a: 1\na: 2\n"))
        .isInstanceOf(YamlStream.Unreadable.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("'a' appears twice");
    assertThatThrownBy(() -> read("a: [1, 2\nb: 3\n"))
        .isInstanceOf(YamlStream.Unreadable.class)
        .hasMessageStartingWith("test stream is not valid YAML:");
  }

  @Test
  void fiveThousandDocumentsRoundTrip() throws Exception {
    Random random = new Random(9);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      text.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-")
          .append(i)
          .append("\ndata:\n  value: \"")
          .append(random.nextInt())
          .append("\"\n  block: |\n    line ---\n    ---\n");
    }

    List<JsonNode> docs = read(text.toString());

    assertThat(docs).hasSize(5000);
    assertThat(docs.get(4999).path("metadata").path("name").asString()).isEqualTo("cm-4999");
    assertThat(roundTrip(docs)).isEqualTo(docs);
  }
}
