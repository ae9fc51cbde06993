package dev.berth.render;

import static dev.berth.naming.ManagedNames.*;
import static dev.berth.render.PrefabParts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.EnvNames;
import dev.berth.plan.SandboxPlan;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayCredentialsDecoratorTest {

  static final int OWNER_READ = 0400;
  static final int GROUP_READ = 0440;
  static final String SOCKET = "/spiffe-workload-api/spire-agent.sock";

  static PodParts render(SandboxPlan plan) {
    return new GatewayCredentialsDecorator().apply(SandboxRenderer.empty(), plan);
  }

  static TestPlans withTlsAndSpiffe() {
    return TestPlans.builder()
        .setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls-secret")
        .setting("OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET", SOCKET);
  }

  @Test
  void alwaysProjectsAnAudienceBoundTokenOwnerReadable() {
    PodParts parts = render(TestPlans.basic());

    assertThat(volumeNames(parts)).containsExactly(SA_TOKEN_VOLUME);
    ProjectedVolumeSource projected = volume(parts, SA_TOKEN_VOLUME).getProjected();
    assertThat(projected.getDefaultMode()).isEqualTo(OWNER_READ);
    assertThat(projected.getSources()).hasSize(1);
    ServiceAccountTokenProjection token = projected.getSources().get(0).getServiceAccountToken();
    assertThat(token.getAudience()).isEqualTo("openshell-gateway");
    assertThat(token.getExpirationSeconds()).isEqualTo(3600L);
    assertThat(token.getPath()).isEqualTo("token");

    assertThat(parts.agent().getVolumeMounts())
        .containsExactly(mount(SA_TOKEN_VOLUME, "/var/run/secrets/openshell", true, null));
    assertThat(parts.agent().getEnv())
        .containsExactly(env(EnvNames.SA_TOKEN_FILE, "/var/run/secrets/openshell/token"));
    assertThat(parts.metadata().getLabels()).isNullOrEmpty();
  }

  @ParameterizedTest(name = "configured {0} -> {1}")
  @CsvSource({
    "0, 3600",
    "-5, 3600",
    "1, 600",
    "599, 600",
    "600, 600",
    "7200, 7200",
    "86400, 86400",
    "86401, 86400",
    "100000, 86400"
  })
  void tokenLifetimeIsClampedAsUpstream(long configured, long expected) {
    PodParts parts =
        render(
            TestPlans.builder()
                .setting("OPENSHELL_K8S_SA_TOKEN_TTL_SECS", Long.toString(configured))
                .build());

    assertThat(
            volume(parts, SA_TOKEN_VOLUME)
                .getProjected()
                .getSources()
                .get(0)
                .getServiceAccountToken()
                .getExpirationSeconds())
        .isEqualTo(expected);
    assertThat(GatewayCredentialsDecorator.ttl(configured)).isEqualTo(expected);
  }

  @Test
  void clientTlsSecretIsMountedReadOnlyWithOwnerOnlyFiles() {
    PodParts parts =
        render(
            TestPlans.builder()
                .setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls-secret")
                .build());

    assertThat(volumeNames(parts)).containsExactly(CLIENT_TLS_VOLUME, SA_TOKEN_VOLUME);
    SecretVolumeSource secret = volume(parts, CLIENT_TLS_VOLUME).getSecret();
    assertThat(secret.getSecretName()).isEqualTo("openshell-client-tls-secret");
    assertThat(secret.getDefaultMode()).isEqualTo(OWNER_READ);
    assertThat(secret.getItems()).isNullOrEmpty();
    assertThat(mountOf(parts.agent(), CLIENT_TLS_VOLUME))
        .isEqualTo(mount(CLIENT_TLS_VOLUME, "/etc/openshell-tls/client", true, null));
    assertThat(envValue(parts.agent(), EnvNames.TLS_CA))
        .isEqualTo("/etc/openshell-tls/client/ca.crt");
    assertThat(envValue(parts.agent(), EnvNames.TLS_CERT))
        .isEqualTo("/etc/openshell-tls/client/tls.crt");
    assertThat(envValue(parts.agent(), EnvNames.TLS_KEY))
        .isEqualTo("/etc/openshell-tls/client/tls.key");
  }

  @Test
  void withoutTlsNoTlsVolumeMountOrVariables() {
    PodParts parts = render(TestPlans.basic());

    assertThat(volumeNames(parts)).doesNotContain(CLIENT_TLS_VOLUME);
    assertThat(envNames(parts.agent()))
        .doesNotContain(EnvNames.TLS_CA, EnvNames.TLS_CERT, EnvNames.TLS_KEY);
  }

  @Test
  void sidecarTopologyMakesSecretsGroupReadable() {
    PodParts parts =
        render(withTlsAndSpiffe().setting("OPENSHELL_K8S_TOPOLOGY", "sidecar").build());

    assertThat(volume(parts, CLIENT_TLS_VOLUME).getSecret().getDefaultMode()).isEqualTo(GROUP_READ);
    assertThat(volume(parts, SA_TOKEN_VOLUME).getProjected().getDefaultMode())
        .isEqualTo(GROUP_READ);
  }

  @Test
  void spiffeSocketDirectoryIsACsiVolumeMountedReadOnly() {
    PodParts parts =
        render(
            TestPlans.builder()
                .setting("OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET", SOCKET)
                .build());

    assertThat(volumeNames(parts)).containsExactly(SPIFFE_VOLUME, SA_TOKEN_VOLUME);
    Volume csi = volume(parts, SPIFFE_VOLUME);
    assertThat(csi.getCsi().getDriver()).isEqualTo("csi.spiffe.io");
    assertThat(csi.getCsi().getReadOnly()).isTrue();
    assertThat(mountOf(parts.agent(), SPIFFE_VOLUME))
        .isEqualTo(mount(SPIFFE_VOLUME, "/spiffe-workload-api", true, null));
    assertThat(envValue(parts.agent(), EnvNames.SPIFFE_SOCKET)).isEqualTo(SOCKET);
  }

  @Test
  void withoutSpiffeNoCsiVolumeOrSocketVariable() {
    PodParts parts = render(TestPlans.basic());

    assertThat(volumeNames(parts)).doesNotContain(SPIFFE_VOLUME);
    assertThat(envNames(parts.agent())).doesNotContain(EnvNames.SPIFFE_SOCKET);
  }

  @Test
  void everythingTogetherInUpstreamsOrderAfterWhatWasThere() {
    PodParts start =
        SandboxRenderer.empty()
            .withAgent(
                new ContainerBuilder()
                    .withEnv(env("EARLIER", "kept"))
                    .withVolumeMounts(mount("earlier", "/earlier", false, null))
                    .build());

    PodParts parts = new GatewayCredentialsDecorator().apply(start, withTlsAndSpiffe().build());

    assertThat(volumeNames(parts))
        .containsExactly(CLIENT_TLS_VOLUME, SPIFFE_VOLUME, SA_TOKEN_VOLUME);
    assertThat(parts.agent().getVolumeMounts())
        .extracting(VolumeMount::getName)
        .containsExactly("earlier", CLIENT_TLS_VOLUME, SPIFFE_VOLUME, SA_TOKEN_VOLUME);
    assertThat(envNames(parts.agent()))
        .containsExactly(
            "EARLIER",
            EnvNames.TLS_CA,
            EnvNames.TLS_CERT,
            EnvNames.TLS_KEY,
            EnvNames.SA_TOKEN_FILE,
            EnvNames.SPIFFE_SOCKET);
  }

  @Test
  void proxyCredentialsAreLeftToTheTopologyThatMountsThem() {
    PodParts parts =
        render(
            TestPlans.builder()
                .setting("OPENSHELL_K8S_TOPOLOGY", "sidecar")
                .setting("OPENSHELL_UPSTREAM_PROXY", "http://proxy.corp:3128")
                .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_NAME", "proxy-auth")
                .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_SECRET_KEY", "credentials")
                .setting("OPENSHELL_UPSTREAM_PROXY_AUTH_ALLOW_INSECURE", "true")
                .build());

    // TopologyDecoratorTest checks the volume the sidecar topology adds (name, mode, item).
    assertThat(volumeNames(parts)).containsExactly(SA_TOKEN_VOLUME);
    assertThat(mountNames(parts.agent())).doesNotContain(PROXY_AUTH_VOLUME);
  }
}
