package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.driver.DriverException;
import dev.berth.naming.Generation;
import dev.berth.render.isolation.BootstrapMaterial;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The keys and certificates behind the documents: what the supervisor's TLS check relies on. */
class GeneratedBootstrapMaterialTest {

  private static X509Certificate certificate(byte[] pem) throws GeneralSecurityException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
  }

  @Test
  void theListenersCertificateNamesTheServerNameTheSupervisorPins() throws Exception {
    BootstrapMaterial material =
        new GeneratedBootstrapMaterial(
                Optional.empty(), GeneratedBootstrapMaterial.ClientCa.NONE, Clock.systemUTC())
            .material(BoundaryDocumentsTest.facts(Generation.G3, BoundaryDocumentsTest.launch()));
    JsonNode tls = JsonMapper.builder().build().readTree(material.backendDescriptor()).get("tls");
    String serverName = tls.get("server_name").asString();
    X509Certificate leaf = certificate(material.boundaryCertificate());
    X509Certificate anchor =
        certificate(tls.get("trust_anchor_pem").asString().getBytes(StandardCharsets.US_ASCII));

    assertThat(serverName).isEqualTo("sandbox." + BoundaryDocumentsTest.SESSION + ".ryno.internal");
    assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(2, serverName));
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    // The pinned anchor is a CA that signed the leaf, not the leaf itself.
    assertThat(anchor.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(anchor).isNotEqualTo(leaf);
    leaf.verify(anchor.getPublicKey());
    X509Certificate proxyCa = certificate(material.proxyCaCertificate());
    assertThatThrownBy(() -> leaf.verify(proxyCa.getPublicKey()))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void aBundleMintedForAnotherGenerationIsRefused() {
    BootstrapFacts facts =
        BoundaryDocumentsTest.facts(
            Generation.G3,
            BoundaryDocumentsTest.launch(
                """
                {"session_id": "%s", "runtime_generation": "other-generation",
                 "session_rotation": 1, "auth_epoch": 1}
                """
                    .formatted(BoundaryDocumentsTest.SESSION)));
    assertThatThrownBy(
            () ->
                new GeneratedBootstrapMaterial(
                        Optional.empty(),
                        GeneratedBootstrapMaterial.ClientCa.NONE,
                        Clock.systemUTC())
                    .material(facts))
        .isInstanceOf(DriverException.class)
        .hasMessageContaining(
            "was minted for runtime generation other-generation, not "
                + BoundaryDocumentsTest.GENERATION);
  }
}
