package dev.berth.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.render.Manifests;
import dev.berth.render.RenderedSandbox;
import dev.berth.render.SandboxRenderer;
import dev.berth.testing.TestPlans;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RuntimeIdentityTest {

  @Test
  void formatsAndParsesItsThreeParts() {
    RuntimeIdentity identity = new RuntimeIdentity("team-a", "0b9e-uid", "g0000000000000007");
    assertThat(identity.value()).isEqualTo("kubernetes://team-a/0b9e-uid/g0000000000000007");
    assertThat(RuntimeIdentity.parse(identity.value())).contains(identity);
  }

  @Test
  void refusesAnythingElse() {
    for (String bad :
        new String[] {
          "",
          "kubernetes://",
          "kubernetes://ns/uid",
          "kubernetes://ns//gen",
          "kubernetes://ns/uid/gen/extra",
          "kyma://ns/uid/gen",
          "KUBERNETES://ns/uid/gen"
        }) {
      assertThat(RuntimeIdentity.parse(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void theStablePartIsNamespaceAndSandboxUid() {
    RuntimeIdentity a = new RuntimeIdentity("ns", "uid", "1");
    assertThat(a.sameSandbox(new RuntimeIdentity("ns", "uid", "2"))).isTrue();
    assertThat(a.sameSandbox(new RuntimeIdentity("ns", "uid2", "1"))).isFalse();
    assertThat(a.sameSandbox(new RuntimeIdentity("ns2", "uid", "1"))).isFalse();
  }

  @Test
  void generationIdsFollowTheGatewaysRule() {
    assertThat(RuntimeGenerations.problem("g0000000000000007")).isEmpty();
    assertThat(RuntimeGenerations.problem("a".repeat(64))).isEmpty();
    assertThat(RuntimeGenerations.problem("a".repeat(65))).isPresent();
    assertThat(RuntimeGenerations.problem("")).isPresent();
    assertThat(RuntimeGenerations.problem("G1")).isPresent();
    assertThat(RuntimeGenerations.problem("a/b")).isPresent();
    String fresh = RuntimeGenerations.fresh(new SplittableRandom(7));
    assertThat(RuntimeGenerations.problem(fresh)).isEmpty();
    assertThat(fresh).hasSize(32).isNotEqualTo(RuntimeGenerations.fresh(new SplittableRandom(8)));
  }

  @Test
  void aSandboxWithoutARecordedGenerationIsGenerationZero() {
    assertThat(RuntimeGenerations.recorded(null)).isEqualTo("0");
    assertThat(RuntimeGenerations.recorded(Map.of())).isEqualTo("0");
    assertThat(
            RuntimeGenerations.recorded(Map.of("openshell.ai/sandbox-runtime-generation", "abc")))
        .isEqualTo("abc");
  }

  @Test
  void stampingAddsTheGenerationToSandboxAndTemplateAndChangesNothingElse() {
    RenderedSandbox rendered = SandboxRenderer.render(TestPlans.basic());
    String before = Manifests.json(rendered.sandbox());

    RenderedSandbox stamped = RuntimeGenerations.stamp(rendered, "gen-1", true);

    // The rendered object is a value: stamping leaves it as it was.
    assertThat(Manifests.json(rendered.sandbox())).isEqualTo(before);
    assertThat(stamped.sandbox().getMetadata().getAnnotations())
        .containsEntry("openshell.ai/sandbox-runtime-generation", "gen-1")
        .containsEntry("openshell.ai/caller-driver-config-used", "true");
    assertThat(stamped.podTemplate().getMetadata().getAnnotations())
        .containsEntry("openshell.ai/sandbox-runtime-generation", "gen-1");
    assertThat(stamped.sandbox().getSpec().getPodTemplate()).isSameAs(stamped.podTemplate());
    // Without the three stamps the two are the same object.
    stamped
        .sandbox()
        .getMetadata()
        .getAnnotations()
        .remove("openshell.ai/sandbox-runtime-generation");
    stamped
        .sandbox()
        .getMetadata()
        .getAnnotations()
        .remove("openshell.ai/caller-driver-config-used");
    stamped
        .podTemplate()
        .getMetadata()
        .getAnnotations()
        .remove("openshell.ai/sandbox-runtime-generation");
    assertThat(Manifests.json(stamped.sandbox())).isEqualTo(before);
  }
}
