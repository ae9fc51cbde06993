package dev.berth.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerationTest {

  @Test
  void everyNameThatDiffersComesFromTheProjectNamespace() {
    assertThat(Generation.G2.capabilityPrefix()).isEqualTo("openshell.");
    assertThat(Generation.G3.contractCapability()).isEqualTo("ryno.compute.contract");
    assertThat(Generation.G2.labelPrefix()).isEqualTo("openshell.ai/");
    assertThat(Generation.G3.labelPrefix()).isEqualTo("ryno.ai/");
    assertThat(Generation.G3.tokenAudience()).isEqualTo("ryno-gateway");
    assertThat(Generation.G3.envPrefix()).isEqualTo("RYNO_");
    assertThat(Generation.G1.envPrefix()).isEqualTo("OPENSHELL_");
    // The audience the G1 renderer projects into sandbox pods is G1's and G2's.
    assertThat(Generation.G1.tokenAudience()).isEqualTo(ManagedNames.SA_TOKEN_AUDIENCE);
    assertThat(Generation.G2.tokenAudience()).isEqualTo(ManagedNames.SA_TOKEN_AUDIENCE);
  }

  @Test
  void openShellEnvironmentStaysReservedAndG3AddsItsOwnPrefix() {
    assertThat(Generation.G1.reservedEnvPrefixes()).containsExactly("OPENSHELL_");
    assertThat(Generation.G2.reservedEnvPrefixes()).containsExactly("OPENSHELL_");
    assertThat(Generation.G3.reservedEnvPrefixes()).containsExactly("OPENSHELL_", "RYNO_");
  }

  @Test
  void onlyG1KeepsTheSinglePodShapeAndHasNoAdmission() {
    assertThat(Generation.G1.runtimeShape()).isEqualTo(Generation.RuntimeShape.SINGLE_POD);
    assertThat(Generation.G2.runtimeShape()).isEqualTo(Generation.RuntimeShape.ISOLATION_BACKEND);
    assertThat(Generation.G1.defaultAllowDriverConfig()).isTrue();
    assertThat(Generation.G1.defaultAdmissionEnabled()).isFalse();
    assertThat(Generation.G3.defaultAllowDriverConfig()).isFalse();
    assertThat(Generation.G3.defaultAdmissionEnabled()).isTrue();
    assertThat(Generation.G1.negotiates()).isFalse();
    assertThat(Generation.G2.negotiates()).isTrue();
  }

  @Test
  void defaultLabelsAreAnApprovalAndAWorkspaceLabelInTheGenerationsPrefix() {
    assertThat(Generation.G3.defaultRequiredLabels())
        .isEqualTo(
            Map.of(
                "ryno.ai/sandbox-attachable", "true",
                "ryno.ai/sandbox-attachable-workspace", "${workspace}"));
    assertThat(Generation.G3.defaultRequiredLabels().keySet())
        .containsExactly("ryno.ai/sandbox-attachable", "ryno.ai/sandbox-attachable-workspace");
    assertThat(Generation.G2.reservedLabelKeys())
        .containsExactly(
            "openshell.ai/managed-by", "openshell.ai/gateway-id", "openshell.ai/sandbox-workspace");
  }

  @Test
  void parsesItsOwnSpellingOnly() {
    for (Generation g : Generation.values()) {
      assertThat(Generation.parse(g.value())).contains(g);
    }
    assertThat(Generation.parse("G2")).isEmpty();
    assertThat(Generation.parse("auto")).isEmpty();
  }
}
