package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonLayoutTest {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger logger = context.getLogger("dev.berth.rpc");

  @Test
  void oneObjectPerLineWithTheMdcAsKeys() {
    LoggingEvent event =
        new LoggingEvent(
            "x", logger, Level.INFO, "rpc={} code={}", null, new Object[] {"GetSandbox", "OK"});
    event.setMDCPropertyMap(Map.of("sandbox.id", "sb-1", "level", "not the level"));

    String line = new JsonLayout().doLayout(event);

    assertThat(line).endsWith(System.lineSeparator()).doesNotContain("\n{");
    JsonNode json = JsonMapper.builder().build().readTree(line);
    assertThat(json.get("message").asString()).isEqualTo("rpc=GetSandbox code=OK");
    assertThat(json.get("level").asString()).isEqualTo("INFO");
    assertThat(json.get("logger").asString()).isEqualTo("dev.berth.rpc");
    assertThat(json.get("sandbox.id").asString()).isEqualTo("sb-1");
    assertThat(json.has("time")).isTrue();
    assertThat(json.has("error")).isFalse();
  }

  @Test
  void stackTracesStayInsideTheObject() {
    LoggingEvent event =
        new LoggingEvent(
            "x", logger, Level.WARN, "failed", new IllegalStateException("boom"), null);

    String line = new JsonLayout().doLayout(event);

    assertThat(line.strip().lines()).hasSize(1);
    assertThat(JsonMapper.builder().build().readTree(line).get("error").asString())
        .contains("IllegalStateException: boom");
  }
}
