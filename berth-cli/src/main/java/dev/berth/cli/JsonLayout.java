package dev.berth.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One JSON object per log line, for log collectors: {@code time}, {@code level}, {@code logger},
 * {@code thread}, {@code message}, the MDC entries as top-level keys (such as {@code sandbox.id}),
 * and {@code error} with the stack trace when there is one.
 */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public String doLayout(ILoggingEvent event) {
    ObjectNode line = JSON.createObjectNode();
    line.put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    line.put("level", event.getLevel().toString());
    line.put("logger", event.getLoggerName());
    line.put("thread", event.getThreadName());
    line.put("message", event.getFormattedMessage());
    for (Map.Entry<String, String> e : event.getMDCPropertyMap().entrySet()) {
      // MDC keys never shadow the fixed ones, so a collector can rely on them.
      if (!line.has(e.getKey())) {
        line.put(e.getKey(), e.getValue());
      }
    }
    if (event.getThrowableProxy() != null) {
      line.put("error", ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
    return JSON.writeValueAsString(line) + System.lineSeparator();
  }
}
