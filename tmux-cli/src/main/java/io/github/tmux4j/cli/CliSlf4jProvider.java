package io.github.tmux4j.cli;

import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Sends what the libraries of {@code tmux4j mcp} log through SLF4J (the MCP SDK, Jetty, Reactor) to the
 * command line's {@link System.Logger}s, so that they follow {@value CliLoggerFinder#LEVEL_VARIABLE} and
 * print like tmux4j's own messages ({@link CliLoggerFinder}). An SLF4J 2 service provider (in
 * {@code META-INF/services}); public only for that.
 */
public final class CliSlf4jProvider implements SLF4JServiceProvider {
  private final ConcurrentMap<String, org.slf4j.Logger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name,
      n -> new SystemLoggerAdapter(System.getLogger(n)));
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  /** Made by SLF4J's service loader. */
  public CliSlf4jProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    // Nothing to set up: loggers are made on demand.
  }

  /** An SLF4J logger writing to a {@link System.Logger}: same levels, SLF4J's {@code {}} formatting. */
  static final class SystemLoggerAdapter extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final transient System.Logger target;

    SystemLoggerAdapter(System.Logger target) {
      this.target = target;
      this.name = target.getName();
    }

    @Override
    public boolean isTraceEnabled() {
      return target.isLoggable(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return target.isLoggable(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return target.isLoggable(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return target.isLoggable(Level.WARNING);
    }

    @Override
    public boolean isErrorEnabled() {
      return target.isLoggable(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(org.slf4j.event.Level level, Marker marker, String pattern,
        Object[] arguments, Throwable thrown) {
      Level mapped = switch (level) {
        case TRACE -> Level.TRACE;
        case DEBUG -> Level.DEBUG;
        case INFO -> Level.INFO;
        case WARN -> Level.WARNING;
        case ERROR -> Level.ERROR;
      };
      String message = MessageFormatter.basicArrayFormat(pattern, arguments);
      if (thrown != null) {
        target.log(mapped, message, thrown);
      } else {
        target.log(mapped, message);
      }
    }
  }
}
