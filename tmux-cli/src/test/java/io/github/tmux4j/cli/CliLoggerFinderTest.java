package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line's logging: levels from TMUX4J_LOG, one line per message on standard error, JUL on demand. */
class CliLoggerFinderTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void levelsAreNamedInAnyCaseAndInfoIsTheDefault() {
    assertEquals(Level.INFO, CliLoggerFinder.parse(null));
    assertEquals(Level.INFO, CliLoggerFinder.parse("  "));
    assertEquals(Level.DEBUG, CliLoggerFinder.parse("Debug"));
    assertEquals(Level.TRACE, CliLoggerFinder.parse(" TRACE "));
    assertEquals(Level.WARNING, CliLoggerFinder.parse("warn"));
    assertEquals(Level.OFF, CliLoggerFinder.parse("off"));
    assertEquals(Level.ALL, CliLoggerFinder.parse("all"));
    assertNull(CliLoggerFinder.parse("loud"));
  }

  @Test
  void aBadLevelIsReportedOnceAndInfoIsUsed() {
    CliLoggerFinder finder = new CliLoggerFinder("loud", false, () -> err);
    assertEquals("tmux4j: TMUX4J_LOG=loud is not a level (off, error, warning, info, debug, trace or all); "
        + "logging at info" + System.lineSeparator(), printed());
    Logger log = finder.getLogger("io.github.tmux4j.tmux", getClass().getModule());
    assertTrue(log.isLoggable(Level.INFO));
    assertFalse(log.isLoggable(Level.DEBUG));
  }

  @Test
  void theThresholdDecidesWhatIsPrintedOneLineEach() {
    Logger log = new CliLoggerFinder("debug", false, () -> err).getLogger("io.github.tmux4j.tmux", getClass().getModule());
    assertTrue(log.isLoggable(Level.DEBUG));
    assertFalse(log.isLoggable(Level.TRACE));
    assertFalse(log.isLoggable(Level.OFF));
    log.log(Level.TRACE, "not shown");
    log.log(Level.DEBUG, "tmux process: {0} -> exit {1}", "tmux list-panes", 0);
    log.log(Level.WARNING, () -> "from a supplier");
    List<String> lines = printed().lines().toList();
    assertEquals(2, lines.size(), printed());
    assertTrue(lines.get(0).matches("tmux4j: \\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG io\\.github\\.tmux4j\\.tmux: "
        + "tmux process: tmux list-panes -> exit 0"), lines.get(0));
    assertTrue(lines.get(1).endsWith(" WARNING io.github.tmux4j.tmux: from a supplier"), lines.get(1));
  }

  @Test
  void aThrowableIsOneLineAtInfoAndAStackTraceAtDebug() {
    IOException failure = new IOException("disk gone");
    new CliLoggerFinder(null, false, () -> err).getLogger("r", getClass().getModule())
        .log(Level.WARNING, "Cannot write", failure);
    assertTrue(printed().endsWith(" WARNING r: Cannot write: java.io.IOException: disk gone" + System.lineSeparator()),
        printed());
    bytes.reset();
    new CliLoggerFinder("debug", false, () -> err).getLogger("r", getClass().getModule())
        .log(Level.WARNING, "Cannot write", failure);
    assertTrue(printed().contains("java.io.IOException: disk gone" + System.lineSeparator() + "\tat "), printed());
  }

  @Test
  void offPrintsNothingNotEvenErrors() {
    Logger log = new CliLoggerFinder("off", false, () -> err).getLogger("r", getClass().getModule());
    log.log(Level.ERROR, "boom");
    assertFalse(log.isLoggable(Level.ERROR));
    assertEquals("", printed());
  }

  @Test
  void aConfiguredJavaUtilLoggingGetsTheMessagesWithTheJdksLevelMapping() {
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("io.github.tmux4j.cli.test-jul");
    List<String> seen = new java.util.ArrayList<>();
    java.util.logging.Handler handler = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        seen.add(r.getLevel() + " " + r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    jul.addHandler(handler);
    jul.setUseParentHandlers(false);
    jul.setLevel(java.util.logging.Level.FINE);
    try {
      Logger log = new CliLoggerFinder("off", true, () -> err).getLogger(jul.getName(), getClass().getModule());
      assertTrue(log.isLoggable(Level.DEBUG), "JUL's level counts, not TMUX4J_LOG");
      assertFalse(log.isLoggable(Level.TRACE));
      log.log(Level.DEBUG, "a {0}", "command");
      log.log(Level.TRACE, "hidden");
      log.log(Level.ERROR, "bad");
      assertEquals(List.of("FINE a command", "SEVERE bad"), seen);
      assertEquals("", printed());
    } finally {
      jul.removeHandler(handler);
      jul.setUseParentHandlers(true);
      jul.setLevel(null);
    }
  }
}
