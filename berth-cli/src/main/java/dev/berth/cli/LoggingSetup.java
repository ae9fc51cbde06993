package dev.berth.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.berth.settings.LogFormat;
import org.slf4j.LoggerFactory;

/**
 * Logging for {@code berth serve}, replacing the quiet CLI default: the driver's own loggers at
 * {@code --log-level}, libraries (gRPC, Netty, the Kubernetes client) at WARN unless the level is
 * stricter, as text or as JSON lines on stderr.
 */
final class LoggingSetup {

  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{24} - %msg%n%ex";

  private LoggingSetup() {}

  static void configure(String level, LogFormat format) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();

    LayoutBase<ILoggingEvent> layout;
    if (format == LogFormat.JSON) {
      layout = new JsonLayout();
    } else {
      PatternLayout pattern = new PatternLayout();
      pattern.setPattern(TEXT_PATTERN);
      layout = pattern;
    }
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("stderr");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();

    Level driver = Level.toLevel(level, Level.INFO);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(driver.isGreaterOrEqual(Level.WARN) ? driver : Level.WARN);
    root.addAppender(stderr);
    context.getLogger("dev.berth").setLevel(driver);
  }
}
