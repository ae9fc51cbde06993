package dev.berth.render;

import static dev.berth.naming.ManagedNames.CLIENT_TLS_VOLUME;
import static dev.berth.naming.ManagedNames.SA_TOKEN_VOLUME;
import static dev.berth.naming.ManagedNames.SPIFFE_VOLUME;
import static dev.berth.render.Contributions.env;
import static dev.berth.render.Contributions.mount;
import static dev.berth.render.Contributions.touched;
import static dev.berth.render.Contributions.volume;
import static dev.berth.render.Contributions.volumeNames;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.naming.EnvNames;
import dev.berth.render.PodContribution.ContainerContribution;
import dev.berth.testing.TestPlans;
import io.fabric8.kubernetes.api.model.CSIVolumeSource;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayCredentialsDecoratorTest {

  static final int OWNER_READ = 0400;
  static final int GROUP_READ = 0440;

  static PodContribution contribute(TestPlans plan) {
    return new GatewayCredentialsDecorator().contribute(plan.build());
  }

  static ServiceAccountTokenProjection token(PodContribution c) {
    ProjectedVolumeSource projected = volume(c.volumes(), SA_TOKEN_VOLUME).getProjected();
    assertThat(projected.getSources()).hasSize(1);
    return projected.getSources().get(0).getServiceAccountToken();
  }

  @Test
  void alwaysProjectsAnAudienceBoundTokenOwnerReadable() {
    PodContribution c = contribute(TestPlans.builder());

    assertThat(volumeNames(c.volumes())).containsExactly(SA_TOKEN_VOLUME);
    assertThat(volume(c.volumes(), SA_TOKEN_VOLUME).getProjected().getDefaultMode())
        .isEqualTo(OWNER_READ);
    ServiceAccountTokenProjection token = token(c);
    assertThat(token.getAudience()).isEqualTo("openshell-gateway");
    assertThat(token.getExpirationSeconds()).isEqualTo(3600L);
    assertThat(token.getPath()).isEqualTo("token");

    ContainerContribution agent = c.container(ContainerSlot.AGENT);
    assertThat(agent.mounts())
        .containsExactly(mount(SA_TOKEN_VOLUME, "/var/run/secrets/openshell", true, null));
    assertThat(agent.env())
        .containsExactly(env(EnvNames.SA_TOKEN_FILE, "/var/run/secrets/openshell/token"));
    assertThat(touched(c)).containsExactly("AGENT.env", "AGENT.volumeMounts", "volumes");
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
    PodContribution c =
        contribute(
            TestPlans.builder()
                .setting("OPENSHELL_K8S_SA_TOKEN_TTL_SECS", Long.toString(configured)));

    assertThat(token(c).getExpirationSeconds()).isEqualTo(expected);
    assertThat(GatewayCredentialsDecorator.ttl(configured)).isEqualTo(expected);
  }

  @Test
  void clientTlsSecretIsMountedReadOnlyWithOwnerOnlyFiles() {
    PodContribution c =
        contribute(
            TestPlans.builder()
                .setting("OPENSHELL_CLIENT_TLS_SECRET_NAME", "openshell-client-tls-secret"));

    assertThat(volumeNames(c.volumes())).containsExactly(CLIENT_TLS_VOLUME, SA_TOKEN_VOLUME);
    SecretVolumeSource secret = volume(c.volumes(), CLIENT_TLS_VOLUME).getSecret();
    assertThat(secret.getSecretName()).isEqualTo("openshell-client-tls-secret");
    assertThat(secret.getDefaultMode()).isEqualTo(OWNER_READ);
    assertThat(secret.getItems()).isEmpty();
    ContainerContribution agent = c.container(ContainerSlot.AGENT);
    assertThat(agent.mounts())
        .containsExactly(
            mount(CLIENT_TLS_VOLUME, "/etc/openshell-tls/client", true, null),
            mount(SA_TOKEN_VOLUME, "/var/run/secrets/openshell", true, null));
    assertThat(agent.env())
        .containsExactly(
            env(EnvNames.TLS_CA, "/etc/openshell-tls/client/ca.crt"),
            env(EnvNames.TLS_CERT, "/etc/openshell-tls/client/tls.crt"),
            env(EnvNames.TLS_KEY, "/etc/openshell-tls/client/tls.key"),
            env(EnvNames.SA_TOKEN_FILE, "/var/run/secrets/openshell/token"));
  }

  @Test
  void spiffeSocketDirectoryIsACsiVolumeMountedReadOnly() {
    PodContribution c =
        contribute(
            TestPlans.builder()
                .setting(
                    "OPENSHELL_PROVIDER_SPIFFE_WORKLOAD_API_SOCKET", Contributions.SPIFFE_SOCKET));

    assertThat(volumeNames(c.volumes())).containsExactly(SPIFFE_VOLUME, SA_TOKEN_VOLUME);
    CSIVolumeSource csi = volume(c.volumes(), SPIFFE_VOLUME).getCsi();
    assertThat(csi.getDriver()).isEqualTo("csi.spiffe.io");
    assertThat(csi.getReadOnly()).isTrue();
    ContainerContribution agent = c.container(ContainerSlot.AGENT);
    assertThat(agent.mounts())
        .containsExactly(
            mount(SPIFFE_VOLUME, "/spiffe-workload-api", true, null),
            mount(SA_TOKEN_VOLUME, "/var/run/secrets/openshell", true, null));
    assertThat(agent.env())
        .containsExactly(
            env(EnvNames.SA_TOKEN_FILE, "/var/run/secrets/openshell/token"),
            env(EnvNames.SPIFFE_SOCKET, "/spiffe-workload-api/spire-agent.sock"));
  }

  @Test
  void everythingTogetherInUpstreamsOrder() {
    PodContribution c = contribute(Contributions.withTlsAndSpiffe(TestPlans.builder()));

    assertThat(volumeNames(c.volumes()))
        .containsExactly(CLIENT_TLS_VOLUME, SPIFFE_VOLUME, SA_TOKEN_VOLUME);
    assertThat(Contributions.mountNames(c.container(ContainerSlot.AGENT).mounts()))
        .containsExactly(CLIENT_TLS_VOLUME, SPIFFE_VOLUME, SA_TOKEN_VOLUME);
    assertThat(Contributions.envNames(c.container(ContainerSlot.AGENT).env()))
        .containsExactly(
            EnvNames.TLS_CA,
            EnvNames.TLS_CERT,
            EnvNames.TLS_KEY,
            EnvNames.SA_TOKEN_FILE,
            EnvNames.SPIFFE_SOCKET);
  }

  /**
   * The agent is not the one talking to the gateway: the pod gets the volumes (the network sidecar
   * mounts them, see {@link TopologyDecoratorTest}) with group-readable files for the non-root
   * proxy user, but no container gets a mount or variable from here.
   */
  @Test
  void sidecarTopologyAddsGroupReadableVolumesButNoAgentMountOrVariable() {
    PodContribution c = contribute(Contributions.withTlsAndSpiffe(Contributions.sidecar()));

    assertThat(touched(c)).containsExactly("volumes");
    assertThat(c.containers()).isEmpty();
    assertThat(volumeNames(c.volumes()))
        .containsExactly(CLIENT_TLS_VOLUME, SPIFFE_VOLUME, SA_TOKEN_VOLUME);
    assertThat(volume(c.volumes(), CLIENT_TLS_VOLUME).getSecret().getDefaultMode())
        .isEqualTo(GROUP_READ);
    assertThat(volume(c.volumes(), SA_TOKEN_VOLUME).getProjected().getDefaultMode())
        .isEqualTo(GROUP_READ);
  }

  @Test
  void proxyCredentialsAreLeftToTheTopologyThatMountsThem() {
    PodContribution c = contribute(Contributions.withProxyCredentials(Contributions.sidecar()));

    // TopologyDecoratorTest checks the volume the sidecar topology adds (name, mode, item).
    assertThat(volumeNames(c.volumes())).containsExactly(SA_TOKEN_VOLUME);
    assertThat(touched(c)).containsExactly("volumes");
  }
}
