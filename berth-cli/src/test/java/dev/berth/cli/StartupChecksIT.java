package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.berth.settings.DriverSettings;
import io.fabric8.kubernetes.api.model.AuthInfoBuilder;
import io.fabric8.kubernetes.api.model.ClusterBuilder;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.ContextBuilder;
import io.fabric8.kubernetes.api.model.NamedAuthInfoBuilder;
import io.fabric8.kubernetes.api.model.NamedClusterBuilder;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code berth serve}'s startup pass: each ⚠/✘ is one warning line, ✔ lines are not logged. */
@EnableKubernetesMockClient(crud = true, https = false)
class StartupChecksIT {

  KubernetesMockServer server;

  @TempDir Path tmp;

  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(StartupChecks.class);

  private Level before;

  @BeforeEach
  void capture() {
    lines.start();
    logger.addAppender(lines);
    before = logger.getLevel();
    logger.setLevel(Level.INFO);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
    logger.setLevel(before);
  }

  private Path kubeconfig(String url) throws IOException {
    Path file = tmp.resolve("kubeconfig");
    Files.writeString(
        file,
        Serialization.asYaml(
            new ConfigBuilder()
                .withCurrentContext("serve")
                .withClusters(
                    new NamedClusterBuilder()
                        .withName("c")
                        .withCluster(new ClusterBuilder().withServer(url).build())
                        .build())
                .withUsers(
                    new NamedAuthInfoBuilder()
                        .withName("u")
                        .withUser(new AuthInfoBuilder().withToken("t").build())
                        .build())
                .withContexts(
                    new NamedContextBuilder()
                        .withName("serve")
                        .withContext(new ContextBuilder().withCluster("c").withUser("u").build())
                        .build())
                .build()));
    return file;
  }

  private List<String> warnings() {
    return lines.list.stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void eachProblemIsOneWarningAndOkChecksAreNotLogged() throws Exception {
    server
        .expect()
        .get()
        .withPath("/apis/security.openshift.io")
        .andReturn(404, Map.of("kind", "Status", "code", 404))
        .always();
    Path file = kubeconfig("http://localhost:" + server.getPort());

    StartupChecks.run(
        Optional.of(file.toString()),
        DriverSettings.fromMap(Map.of("OPENSHELL_SANDBOX_NAMESPACE", "agents")).orElseThrow());

    assertThat(warnings())
        .isNotEmpty()
        .allSatisfy(
            w -> assertThat(w).startsWith("doctor: ").doesNotContain("✔").doesNotContain("\n"))
        .anySatisfy(w -> assertThat(w).startsWith("doctor: ✘ agent-sandbox:"));
    assertThat(lines.list)
        .filteredOn(e -> e.getLevel() == Level.INFO)
        .extracting(ILoggingEvent::getFormattedMessage)
        .singleElement()
        .asString()
        .matches("doctor: \\d+ ok, \\d+ warnings?, \\d+ failures?(; not checked with .*)?");
  }

  @Test
  void aCheckTheDriversAccountMayNotRunIsNamedInTheSummaryNotWarned() throws Exception {
    server
        .expect()
        .get()
        .withPath("/apis/storage.k8s.io/v1/storageclasses")
        .andReturn(403, Map.of("kind", "Status", "code", 403, "reason", "Forbidden"))
        .always();
    Path file = kubeconfig("http://localhost:" + server.getPort());

    StartupChecks.run(
        Optional.of(file.toString()),
        DriverSettings.fromMap(Map.of("OPENSHELL_SANDBOX_NAMESPACE", "agents")).orElseThrow());

    assertThat(warnings()).noneSatisfy(w -> assertThat(w).contains("workspace-storage"));
    assertThat(lines.list)
        .filteredOn(e -> e.getLevel() == Level.INFO)
        .extracting(ILoggingEvent::getFormattedMessage)
        .singleElement()
        .asString()
        .containsPattern(
            "not checked with the driver's own permissions: [a-z, -]*workspace-storage");
  }

  @Test
  void anUnreachableClusterIsOneWarningAndNothingThrows() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }

    StartupChecks.run(
        Optional.of(kubeconfig("http://127.0.0.1:" + port).toString()), DriverSettings.defaults());

    assertThat(warnings())
        .singleElement()
        .asString()
        .startsWith("doctor: ✘ api-server: context serve")
        .contains("connection refused");
  }
}
