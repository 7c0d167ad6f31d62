package io.github.tmux4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.text.MessageFormat;
import java.time.LocalTime;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * Where the logs of {@code tmux4j} go: one line each on standard error, at the level the environment
 * variable {@value #LEVEL_VARIABLE} names ({@code off}, {@code error}, {@code warning}, {@code info}
 * (the default), {@code debug}, {@code trace} or {@code all}). With {@code -Djava.util.logging.config.file}
 * or {@code -Djava.util.logging.config.class} they go to {@code java.util.logging} as configured there.
 *
 * <p>The command line installs this as the {@link System.LoggerFinder} service (in
 * {@code META-INF/services}), instead of the JDK's default, which starts {@code java.util.logging}
 * (its {@code LogManager}, configuration and handlers) on a command's first log check: about 20 ms of
 * a command that takes 150. The loggers are those of the library (see docs/logging.md): for instance
 * {@code TMUX4J_LOG=debug tmux4j list-sessions} shows every tmux command it runs.
 */
public final class CliLoggerFinder extends System.LoggerFinder {
  /** The environment variable that sets the level. */
  public static final String LEVEL_VARIABLE = "TMUX4J_LOG";

  private final Level threshold;
  private final boolean toJul;
  private final Supplier<PrintStream> err;

  /** The finder of this process: its level from {@value #LEVEL_VARIABLE}, JUL if configured. */
  public CliLoggerFinder() {
    this(System.getenv(LEVEL_VARIABLE), System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null, () -> System.err);
  }

  /**
   * A finder with its settings given.
   *
   * @param level the value of {@value #LEVEL_VARIABLE}, or {@code null}
   * @param toJul whether to log through {@code java.util.logging} instead
   * @param err where lines go (standard error at the time of each line)
   */
  CliLoggerFinder(String level, boolean toJul, Supplier<PrintStream> err) {
    this.toJul = toJul;
    this.err = err;
    Level parsed = parse(level);
    if (parsed == null) {
      parsed = Level.INFO;
      err.get().println("tmux4j: " + LEVEL_VARIABLE + "=" + level + " is not a level (off, error, warning, info, "
          + "debug, trace or all); logging at info");
    }
    this.threshold = parsed;
  }

  /**
   * The level a value of {@value #LEVEL_VARIABLE} names.
   *
   * @param value the value, in any case; {@code null} or blank for the default
   * @return the level, {@link Level#INFO} by default, or {@code null} if it names none
   */
  static Level parse(String value) {
    if (value == null || value.isBlank()) {
      return Level.INFO;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "off" -> Level.OFF;
      case "error" -> Level.ERROR;
      case "warning", "warn" -> Level.WARNING;
      case "info" -> Level.INFO;
      case "debug" -> Level.DEBUG;
      case "trace" -> Level.TRACE;
      case "all" -> Level.ALL;
      default -> null;
    };
  }

  @Override
  public System.Logger getLogger(String name, Module module) {
    return toJul ? new JulLogger(name) : new StandardErrorLogger(name, threshold, err);
  }

  /** Formats a message as {@link System.Logger} specifies: a bundle's text, then {@link MessageFormat}. */
  static String format(ResourceBundle bundle, String message, Object... params) {
    String text = message;
    if (bundle != null && message != null) {
      try {
        text = bundle.getString(message);
      } catch (MissingResourceException e) {
        text = message;
      }
    }
    return params == null || params.length == 0 || text == null ? String.valueOf(text)
        : MessageFormat.format(text, params);
  }

  /** One line per message on standard error: {@code tmux4j: 12:00:01.250 DEBUG logger: message}. */
  static final class StandardErrorLogger implements System.Logger {
    private final String name;
    private final Level threshold;
    private final Supplier<PrintStream> err;

    StandardErrorLogger(String name, Level threshold, Supplier<PrintStream> err) {
      this.name = name;
      this.threshold = threshold;
      this.err = err;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      // OFF's severity is the highest: a threshold of OFF lets no other level through.
      return level != Level.OFF && level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
      if (isLoggable(level)) {
        print(level, format(bundle, message), thrown);
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        print(level, format(bundle, format, params), null);
      }
    }

    private void print(Level level, String text, Throwable thrown) {
      LocalTime t = LocalTime.now();
      StringBuilder line = new StringBuilder("tmux4j: ").append(String.format(Locale.ROOT, "%02d:%02d:%02d.%03d",
          t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1_000_000)).append(' ').append(level.getName())
          .append(' ').append(name).append(": ").append(text);
      if (thrown != null) {
        if (threshold.getSeverity() <= Level.DEBUG.getSeverity()) {
          StringWriter trace = new StringWriter();
          thrown.printStackTrace(new PrintWriter(trace));
          line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        } else {
          line.append(": ").append(thrown);
        }
      }
      err.get().println(line);
    }
  }

  /** A logger of {@code java.util.logging}, for a process that configured it. */
  static final class JulLogger implements System.Logger {
    private final java.util.logging.Logger logger;

    JulLogger(String name) {
      this.logger = java.util.logging.Logger.getLogger(name);
    }

    @Override
    public String getName() {
      return logger.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
      return logger.isLoggable(julLevel(level));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
      if (isLoggable(level)) {
        logger.log(julLevel(level), format(bundle, message), thrown);
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        logger.log(julLevel(level), format(bundle, format, params));
      }
    }

    /** The JDK's own mapping (as its default backend does): DEBUG = FINE, TRACE = FINER. */
    static java.util.logging.Level julLevel(Level level) {
      return switch (level) {
        case ALL -> java.util.logging.Level.ALL;
        case TRACE -> java.util.logging.Level.FINER;
        case DEBUG -> java.util.logging.Level.FINE;
        case INFO -> java.util.logging.Level.INFO;
        case WARNING -> java.util.logging.Level.WARNING;
        case ERROR -> java.util.logging.Level.SEVERE;
        case OFF -> java.util.logging.Level.OFF;
      };
    }
  }
}
