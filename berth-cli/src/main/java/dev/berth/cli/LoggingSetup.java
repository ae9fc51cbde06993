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

  /** The CLI's default until {@code serve} configures logging: short lines, WARN and above. */
  static final String CLI_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

  private LoggingSetup() {}

  static void configure(String level, LogFormat format) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    LayoutBase<ILoggingEvent> layout =
        format == LogFormat.JSON ? new JsonLayout() : pattern(TEXT_PATTERN);
    Level driver = Level.toLevel(level, Level.INFO);
    toStderr(context, layout, driver.isGreaterOrEqual(Level.WARN) ? driver : Level.WARN);
    context.getLogger("dev.berth").setLevel(driver);
  }

  /** The quiet default every command starts with (see {@link CliLogConfigurator}). */
  static void configureDefault(LoggerContext context) {
    toStderr(context, pattern(CLI_PATTERN), Level.WARN);
  }

  private static PatternLayout pattern(String pattern) {
    PatternLayout layout = new PatternLayout();
    layout.setPattern(pattern);
    return layout;
  }

  private static void toStderr(
      LoggerContext context, LayoutBase<ILoggingEvent> layout, Level rootLevel) {
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
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(rootLevel);
    root.addAppender(stderr);
  }
}
