package dev.berth.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.driver.DriverException;
import dev.berth.naming.Generation;
import dev.berth.naming.IsolationNames;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway CA is staged for G3 supervisors in managed mode, and only then. */
class StagedClientCaIT {

  private static DriverSettings settings(String mode) {
    return DriverSettings.fromMap(
            Map.of(
                "OPENSHELL_WORKSPACE_MODE",
                mode,
                "OPENSHELL_SANDBOX_NAMESPACE",
                TwoPodCluster.NAMESPACE,
                "OPENSHELL_GATEWAY_ID",
                "gw1",
                "OPENSHELL_CLIENT_TLS_SECRET_NAME",
                "client-tls"))
        .orElseThrow();
  }

  @Test
  void theCaOfTheClientTlsSecretIsReadForAG3SupervisorInManagedModeOnly() throws Exception {
    try (TwoPodCluster cluster = new TwoPodCluster();
        KubernetesClient client = cluster.driverClient()) {
      ApiErrors errors = new ApiErrors(Duration.ofSeconds(10), Duration.ofSeconds(10));
      StagedClientCa managed = new StagedClientCa(client, errors, settings("managed"));
      IsolationNames g3 = new IsolationNames(Generation.G3);

      DriverException missing = catchThrowableOfType(DriverException.class, () -> managed.read(g3));
      assertThat(missing.kind()).isEqualTo(DriverException.Kind.FAILED_PRECONDITION);
      assertThat(missing.getMessage()).contains("client-tls").contains("ca.crt");

      cluster
          .admin()
          .secrets()
          .inNamespace(TwoPodCluster.NAMESPACE)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("client-tls")
                  .endMetadata()
                  .addToData("ca.crt", encode("CA"))
                  .addToData("tls.key", encode("KEY"))
                  .build())
          .create();
      assertThat(managed.read(g3)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("CA")));
      assertThat(managed.read(new IsolationNames(Generation.G2))).isEmpty();
      assertThat(new StagedClientCa(client, errors, settings("shared")).read(g3)).isEmpty();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    return Base64.getEncoder().encodeToString(bytes(s));
  }
}
