package dev.berth.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxAdmissionTest {

  @Test
  void missingClaimSentencesNameEveryClaimAndTheNamespace() {
    assertThat(SandboxAdmission.missingClaimsMessage("ns", List.of("a")))
        .startsWith("PersistentVolumeClaim 'a' does not exist in namespace 'ns'; create it");
    assertThat(SandboxAdmission.missingClaimsMessage("ns", List.of("a", "b")))
        .startsWith("PersistentVolumeClaims 'a', 'b' do not exist in namespace 'ns'; create them");
  }
}
