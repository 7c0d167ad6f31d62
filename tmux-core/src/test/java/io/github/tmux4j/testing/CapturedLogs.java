package io.github.tmux4j.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what tmux4j logs through {@link System.Logger}, which the JDK's default logger finder maps to
 * {@code java.util.logging}: sets the named JUL loggers to a level ({@code FINE} is {@code DEBUG},
 * {@code FINER} is {@code TRACE}), collects their records instead of printing them, and restores the
 * loggers' level, handlers and parent handling on {@link #close()}.
 *
 * <pre>{@code
 * try (CapturedLogs logs = CapturedLogs.of(Level.FINE, "io.github.tmux4j.wait")) { ... logs.messages() ... }
 * }</pre>
 */
public final class CapturedLogs implements AutoCloseable {
  private final List<Logger> loggers = new ArrayList<>();
  private final List<Level> levels = new ArrayList<>();
  private final List<Boolean> parents = new ArrayList<>();
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      synchronized (records) {
        records.add(record);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private CapturedLogs() {
    handler.setLevel(Level.ALL);
  }

  /**
   * Starts capturing.
   *
   * @param level the level the loggers are set to
   * @param names the JUL logger names
   * @return the capture, to close
   */
  public static CapturedLogs of(Level level, String... names) {
    CapturedLogs logs = new CapturedLogs();
    for (String name : names) {
      Logger logger = Logger.getLogger(name);
      logs.loggers.add(logger);
      logs.levels.add(logger.getLevel());
      logs.parents.add(logger.getUseParentHandlers());
      logger.setLevel(level);
      logger.setUseParentHandlers(false);
      logger.addHandler(logs.handler);
    }
    return logs;
  }

  /**
   * The records captured so far.
   *
   * @return a copy, oldest first
   */
  public List<LogRecord> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  /**
   * The captured messages of one logger at one level.
   *
   * @param name the logger name
   * @param level the JUL level
   * @return the messages, oldest first
   */
  public List<String> messages(String name, Level level) {
    return records().stream().filter(r -> r.getLoggerName().equals(name) && r.getLevel().equals(level))
        .map(LogRecord::getMessage).toList();
  }

  @Override
  public void close() {
    for (int i = 0; i < loggers.size(); i++) {
      Logger logger = loggers.get(i);
      logger.removeHandler(handler);
      logger.setLevel(levels.get(i));
      logger.setUseParentHandlers(parents.get(i));
    }
  }
}
