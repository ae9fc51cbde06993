package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.Generation;
import org.junit.jupiter.api.Test;

class SocketAddressesTest {

  @Test
  void anIpv6AddressIsBracketedAndItsListenerBindsIpv6() {
    assertThat(SocketAddresses.of("fd00:10:96::1a2b", 5500)).isEqualTo("[fd00:10:96::1a2b]:5500");
    assertThat(SocketAddresses.anyLike("fd00:10:96::1a2b", 5500)).isEqualTo("[::]:5500");
  }

  @Test
  void anIpv4AddressIsWrittenAsItIs() {
    assertThat(SocketAddresses.of("10.96.0.12", 5500)).isEqualTo("10.96.0.12:5500");
    assertThat(SocketAddresses.anyLike("10.96.0.12", 5500)).isEqualTo("0.0.0.0:5500");
  }

  @Test
  void theDocumentsOfAnIpv6ServiceUseTheBracketedForms() {
    BootstrapFacts v4 = BoundaryDocumentsTest.facts(Generation.G3, BoundaryDocumentsTest.launch());
    BootstrapFacts v6 =
        new BootstrapFacts(
            v4.names(),
            v4.sandboxId(),
            v4.runtimeGeneration(),
            v4.namespace(),
            v4.namespaceUid(),
            v4.sandboxUid(),
            v4.workloadPodUid(),
            v4.supervisorPodUid(),
            v4.fenceUid(),
            v4.fenceResourceVersion(),
            v4.boundaryAuthority(),
            "fd00::7",
            v4.boundaryPort(),
            v4.workload(),
            v4.launch());

    assertThat(v6.boundaryAddress()).isEqualTo("[fd00::7]:5500");
    assertThat(v6.listenerAddress()).isEqualTo("[::]:5500");
    assertThat(v4.boundaryAddress()).isEqualTo("10.42.0.7:5500");
    assertThat(v4.listenerAddress()).isEqualTo("0.0.0.0:5500");
  }
}
