package dev.berth.grpc.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.request.SandboxRequest;
import dev.berth.result.Result;
import dev.berth.result.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestFilesTest {

  private static final String YAML =
      """
      id: sb-1
      name: demo
      workspace: team-a
      spec:
        log_level: debug
        environment: {A: "1"}
        command: [python, main.py]
        tty: true
        resource_requirements:
          gpu: {}
        template:
          image: ghcr.io/example/agent:1
          agent_socket_path: /run/agent.sock
          labels: {team: a}
          resources: {cpu_limit: "2", memory_request: 1Gi}
          user_namespaces: true
          platform_config:
            runtime_class_name: gvisor
          driver_config:
            volumes:
              - name: data
                persistent_volume_claim: {claim_name: data, read_only: false}
            workspace: {storage_size: 5Gi}
      """;

  @Test
  void yamlWithSnakeCaseNamesBecomesARequest() {
    SandboxRequest r = RequestFiles.parse(YAML, true).orElseThrow();

    assertThat(r.id()).isEqualTo("sb-1");
    assertThat(r.workspace()).isEqualTo("team-a");
    assertThat(r.spec().logLevel()).isEqualTo("debug");
    assertThat(r.spec().command()).containsExactly("python", "main.py");
    assertThat(r.spec().tty()).isTrue();
    assertThat(r.spec().gpu()).hasValueSatisfying(g -> assertThat(g.effectiveCount()).isEqualTo(1));
    assertThat(r.spec().template().agentSocketPath()).isEqualTo("/run/agent.sock");
    assertThat(r.spec().template().resources().cpuLimit()).isEqualTo("2");
    assertThat(r.spec().template().userNamespaces()).contains(true);
    assertThat(r.spec().template().platformConfig().get("runtime_class_name").asString())
        .isEqualTo("gvisor");
    // Struct numbers are doubles on the wire; booleans and strings survive as they were.
    assertThat(
            r.spec()
                .template()
                .driverConfig()
                .get("volumes")
                .get(0)
                .get("persistent_volume_claim")
                .get("read_only")
                .asBoolean())
        .isFalse();
  }

  @Test
  void jsonWithLowerCamelCaseNamesIsTheSameMessage() {
    String json =
        """
        {"id":"sb-1","name":"demo","workspace":"team-a",
         "spec":{"logLevel":"debug","resourceRequirements":{"gpu":{"count":2}},
                 "template":{"image":"x:1","agentSocketPath":"/s","driverConfig":{"a":1}}}}
        """;

    SandboxRequest r = RequestFiles.parse(json, false).orElseThrow();

    assertThat(r.spec().logLevel()).isEqualTo("debug");
    assertThat(r.spec().gpu()).hasValueSatisfying(g -> assertThat(g.effectiveCount()).isEqualTo(2));
    assertThat(r.spec().template().agentSocketPath()).isEqualTo("/s");
    assertThat(r.spec().template().driverConfig().get("a").asInt()).isEqualTo(1);
    assertThat(r.spec().template().userNamespaces()).isEmpty();
  }

  @Test
  void absentGpuMeansNoGpuRequest() {
    SandboxRequest r =
        RequestFiles.parse("{\"id\":\"a\",\"spec\":{\"template\":{}}}", false).orElseThrow();

    assertThat(r.spec().gpu()).isEmpty();
    assertThat(r.spec().template().driverConfig().isEmpty()).isTrue();
  }

  @Test
  void unknownTopLevelFieldIsAViolation() {
    Result<SandboxRequest> r = RequestFiles.parse("{\"id\":\"a\",\"nmae\":\"x\"}", false);

    assertThat(r.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo(RequestFiles.FILE_FIELD);
              assertThat(v.message())
                  .startsWith("is not a DriverSandbox message: ")
                  .contains("nmae");
            });
  }

  @Test
  void wrongShapeIsAViolation() {
    assertThat(RequestFiles.parse("- a\n- b\n", true).violations())
        .containsExactly(
            new Violation(
                RequestFiles.FILE_FIELD,
                "must hold one DriverSandbox object (with id, name, workspace and spec), but holds"
                    + " array."));
    assertThat(RequestFiles.parse("", true).violations()).hasSize(1);
  }

  @Test
  void malformedJsonNamesTheLocationOnOneLine() {
    List<Violation> v = RequestFiles.parse("{\"id\": }", false).violations();

    assertThat(v)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.message())
                  .startsWith("is not valid JSON: ")
                  .contains("line 1")
                  .doesNotContain("\n");
            });
  }

  @Test
  void oversizedFilesAreRefusedWithoutParsing(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.json");
    Files.write(big, new byte[RequestFiles.MAX_BYTES + 1]);

    assertThat(RequestFiles.read(big).violations())
        .containsExactly(
            new Violation(
                RequestFiles.FILE_FIELD,
                "is larger than 1 MiB; a sandbox request is a few kilobytes."));
  }

  @Test
  void extensionChoosesTheParser() {
    assertThat(RequestFiles.isYaml("a.YML")).isTrue();
    assertThat(RequestFiles.isYaml("a.yaml")).isTrue();
    assertThat(RequestFiles.isYaml("a.json")).isFalse();
  }
}
