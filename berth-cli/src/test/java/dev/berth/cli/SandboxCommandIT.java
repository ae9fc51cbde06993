package dev.berth.cli;

import static dev.berth.grpc.testing.Sandboxes.running;
import static dev.berth.grpc.testing.Sandboxes.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.driver.DriverException;
import dev.berth.driver.SandboxSnapshot;
import dev.berth.grpc.ComputeDriverService;
import dev.berth.grpc.DriverServer;
import dev.berth.grpc.testing.FakeBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code berth sandbox ...} in-process against a real server on a Unix socket, fake cluster. */
class SandboxCommandIT {

  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path tmp;

  private final FakeBackend backend = new FakeBackend();
  private DriverServer server;
  private Path socket;

  @BeforeEach
  void serve() throws Exception {
    socket = tmp.resolve("run/driver.sock");
    server =
        DriverServer.builder(new ComputeDriverService(backend, settings(), "test"))
            .unixSocket(socket)
            .gracePeriod(Duration.ofSeconds(2))
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRun berth(String... args) {
    return CliRun.execute(BerthCommand.commandLine(Map.of()), args);
  }

  private CliRun sandbox(String... args) {
    List<String> all = new ArrayList<>(List.of("sandbox"));
    all.addAll(List.of(args));
    all.addAll(List.of("--socket", socket.toString()));
    return berth(all.toArray(String[]::new));
  }

  @Test
  void theWholeLifecycleFromARequestFile() throws Exception {
    CliRun create = sandbox("create", EXAMPLES.resolve("minimal.json").toString());
    assertThat(create.exit()).as(create.err()).isZero();
    assertThat(create.lines())
        .containsExactly(
            "created sandbox 'hello' (id sb-minimal)",
            "runtime identity: kubernetes://default/uid-sb-minimal/0");

    CliRun get = sandbox("get", "sb-minimal");
    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(get.lines())
        .contains("name:      hello", "workspace: default", "state:     Pending");

    JsonNode json = JSON.readTree(sandbox("get", "sb-minimal", "-o", "json").out());
    assertThat(json.get("id").asString()).isEqualTo("sb-minimal");
    assertThat(json.get("namespace").asString()).isEqualTo("default");
    assertThat(sandbox("get", "sb-minimal", "-o", "yaml").out()).contains("id: \"sb-minimal\"");

    CliRun stop = sandbox("stop", "sb-minimal");
    assertThat(stop.exit()).as(stop.err()).isZero();
    assertThat(stop.out().strip()).isEqualTo("stopped sandbox sb-minimal");
    CliRun list = sandbox("list");
    assertThat(list.lines()).hasSize(2);
    assertThat(list.lines().get(0)).startsWith("ID").contains("NAME", "WORKSPACE", "STATE", "POD");
    assertThat(list.lines().get(1)).startsWith("sb-minimal").contains("hello", "Stopped");

    assertThat(sandbox("start", "sb-minimal").lines())
        .containsExactly(
            "started sandbox sb-minimal",
            "runtime identity: kubernetes://default/uid-sb-minimal/0");
    JsonNode started = JSON.readTree(sandbox("start", "sb-minimal", "-o", "json").out());
    assertThat(started.get("runtime_identity").asString())
        .isEqualTo("kubernetes://default/uid-sb-minimal/0");
    assertThat(sandbox("delete", "sb-minimal").out().strip())
        .isEqualTo("deleted sandbox sb-minimal");
    CliRun again = sandbox("delete", "sb-minimal", "-o", "json");
    assertThat(again.exit()).isZero();
    assertThat(JSON.readTree(again.out()).get("deleted").asBoolean()).isFalse();

    CliRun missing = sandbox("get", "sb-minimal");
    assertThat(missing.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(missing.err()).contains("NOT_FOUND: sandbox not found");
  }

  @Test
  void aFileWithoutAnIdGetsAGeneratedOne() throws Exception {
    Path file = tmp.resolve("no-id.yaml");
    Files.writeString(
        file, "name: anon\nworkspace: team-a\nspec: {template: {image: ghcr.io/x/agent:1}}\n");

    CliRun create = sandbox("create", file.toString(), "-o", "json");

    assertThat(create.exit()).as(create.err()).isZero();
    String id = JSON.readTree(create.out()).get("id").asString();
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(backend.sandbox(id)).isPresent();
  }

  @Test
  void rejectedRequestsPrintOneViolationPerLineAndExitTwo() {
    CliRun run = sandbox("create", EXAMPLES.resolve("broken.yaml").toString());

    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.lines()).hasSizeGreaterThanOrEqualTo(10).allMatch(l -> l.contains(": "));
    assertThat(run.err()).contains("broken.yaml").contains("violations");
    assertThat(backend.created).isEmpty();
  }

  @Test
  void aMissingClaimIsReportedByName() {
    CliRun run = sandbox("create", EXAMPLES.resolve("pvc-subpaths.yaml").toString());

    assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err())
        .contains("FAILED_PRECONDITION")
        .contains("'team-a-share' does not exist in namespace 'default'");
  }

  @Test
  void watchPrintsEventsUntilTheDriverEndsTheStream() throws Exception {
    backend.put(running("sb-1", "demo"));
    CompletableFuture<CliRun> watch = CompletableFuture.supplyAsync(() -> sandbox("watch"));
    await().until(() -> backend.watchers() == 1);

    backend.emit(
        new SandboxSnapshot.Platform(
            "sb-1", 0, "kubernetes", "Warning", "FailedMount", "claim \"x\" not found", Map.of()));
    backend.emit(new SandboxSnapshot.Deleted("sb-1"));
    backend.failWatches(new DriverException(DriverException.Kind.UNAVAILABLE, "watch dropped"));

    CliRun run = watch.get(20, TimeUnit.SECONDS);
    assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.lines())
        .containsExactly(
            "sandbox  sb-1 demo Ready",
            "event    sb-1 Warning FailedMount: claim \"x\" not found",
            "deleted  sb-1");
    assertThat(run.err()).contains("UNAVAILABLE").contains("watch dropped");
  }

  @Test
  void watchAsJsonPrintsOneObjectPerLine() throws Exception {
    backend.put(running("sb-1", "demo")).put(running("sb-2", "other"));
    CompletableFuture<CliRun> watch =
        CompletableFuture.supplyAsync(() -> sandbox("watch", "-o", "json"));
    await().until(() -> backend.watchers() == 1);
    backend.failWatches(new DriverException(DriverException.Kind.UNAVAILABLE, "bye"));

    CliRun run = watch.get(20, TimeUnit.SECONDS);
    assertThat(run.lines()).hasSize(2);
    for (String line : run.lines()) {
      assertThat(JSON.readTree(line).at("/sandbox/sandbox/id").asString()).startsWith("sb-");
    }
  }

  @Test
  void anUnreachableDriverIsAFailureNamingTheSocket() {
    Path nowhere = tmp.resolve("nowhere.sock");
    CliRun run = berth("sandbox", "list", "--socket", nowhere.toString(), "--timeout", "5");

    assertThat(run.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err()).contains("cannot reach the driver at unix://" + nowhere);
  }

  @Test
  void socketAndAddressTogetherIsAUsageError() {
    CliRun run = sandbox("list", "--address", "127.0.0.1:1");

    assertThat(run.exit()).isEqualTo(ExitCodes.INVALID);
    assertThat(run.err()).contains("give --socket or --address, not both");
  }

  @Test
  void theDriverSocketVariableIsTheDefaultTarget() {
    backend.put(running("sb-1", "demo"));
    StringWriter out = new StringWriter();
    CommandLine cli =
        BerthCommand.commandLine(Map.of("OPENSHELL_COMPUTE_DRIVER_SOCKET", socket.toString()));
    cli.setOut(new PrintWriter(out));

    assertThat(cli.execute("sandbox", "list")).isZero();
    assertThat(out.toString()).contains("sb-1");
  }
}
