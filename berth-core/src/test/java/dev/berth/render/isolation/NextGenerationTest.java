package dev.berth.render.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import dev.berth.render.Manifests;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Start's next generation is the Create's objects re-pointed, and nothing else changed. */
class NextGenerationTest {

  private static final String NEXT = "g0000000000000002";

  @Test
  void theSupervisorOfTheNextGenerationMountsItsSecretGatedAndUnassigned() {
    for (Generation g : List.of(Generation.G2, Generation.G3)) {
      RenderedIsolationSandbox rendered = IsolationScenarios.render(TestPlans.builder(), g);
      IsolationNames names = rendered.names();
      Pod stored =
          new PodBuilder(rendered.supervisorPod())
              .editMetadata()
              .withUid("old-uid")
              .withResourceVersion("7")
              .withOwnerReferences(new OwnerReferenceBuilder().withUid("sb").build())
              .endMetadata()
              .editSpec()
              .withSchedulingGates(List.of())
              .withNodeName("node-1")
              .endSpec()
              .build();
      String before = Manifests.compactJson(stored);

      Pod next = NextGeneration.supervisorPod(stored, names, "sb-1", NEXT);

      assertThat(Manifests.compactJson(stored)).isEqualTo(before);
      assertThat(next.getMetadata().getUid()).isNull();
      assertThat(next.getMetadata().getResourceVersion()).isNull();
      assertThat(next.getMetadata().getOwnerReferences()).isNullOrEmpty();
      assertThat(next.getSpec().getNodeName()).isNull();
      assertThat(next.getSpec().getSchedulingGates())
          .singleElement()
          .satisfies(gate -> assertThat(gate.getName()).isEqualTo(names.schedulingGate()));
      assertThat(next.getMetadata().getAnnotations())
          .containsEntry(names.runtimeGenerationAnnotation(), NEXT);
      assertThat(secretOf(next.getSpec().getVolumes(), IsolationNames.SUPERVISOR_BOOTSTRAP_VOLUME))
          .isEqualTo(IsolationNames.supervisorSecret("sb-1", NEXT));
      // Everything else is the Create's supervisor.
      assertThat(next.getSpec().getContainers()).isEqualTo(stored.getSpec().getContainers());
      assertThat(next.getSpec().getVolumes()).hasSameSizeAs(stored.getSpec().getVolumes());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theTemplatePatchRepointsOnlyTheBootstrapVolume() {
    RenderedIsolationSandbox rendered =
        IsolationScenarios.render(TestPlans.builder(), Generation.G2);
    IsolationNames names = rendered.names();
    List<Volume> before = rendered.workloadTemplate().getSpec().getVolumes();

    Map<String, Object> patch =
        NextGeneration.rotateTemplate(rendered.workloadTemplate(), names, "sb-1", NEXT);

    Map<String, Object> annotations =
        (Map<String, Object>) ((Map<String, Object>) patch.get("metadata")).get("annotations");
    assertThat(annotations)
        .containsEntry(names.runtimeGenerationAnnotation(), NEXT)
        .containsEntry(names.bootstrapPhaseAnnotation(), "preparing");
    List<Volume> volumes =
        (List<Volume>)
            ((Map<String, Object>)
                    ((Map<String, Object>)
                            ((Map<String, Object>) patch.get("spec")).get("podTemplate"))
                        .get("spec"))
                .get("volumes");
    assertThat(volumes).hasSameSizeAs(before);
    assertThat(secretOf(volumes, IsolationNames.BOOTSTRAP_VOLUME))
        .isEqualTo(IsolationNames.sandboxSecret("sb-1", NEXT));
    assertThat(secretOf(before, IsolationNames.BOOTSTRAP_VOLUME))
        .isEqualTo(IsolationNames.sandboxSecret("sb-1", IsolationScenarios.RUNTIME_GENERATION));
    for (int i = 0; i < volumes.size(); i++) {
      if (!IsolationNames.BOOTSTRAP_VOLUME.equals(volumes.get(i).getName())) {
        assertThat(volumes.get(i)).isEqualTo(before.get(i));
      }
    }
  }

  private static String secretOf(List<Volume> volumes, String name) {
    return volumes.stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow()
        .getSecret()
        .getSecretName();
  }
}
