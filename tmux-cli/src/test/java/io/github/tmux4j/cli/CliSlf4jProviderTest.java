package io.github.tmux4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** SLF4J (the MCP SDK's, Jetty's logs) goes to the CLI's System.Logger: its levels and its one-line format. */
class CliSlf4jProviderTest {
  @Test
  void slf4jFindsTheProviderOfTheCommandLine() {
    assertEquals(CliSlf4jProvider.SystemLoggerAdapter.class, LoggerFactory.getLogger("x").getClass());
  }

  @Test
  void levelsMapAndMessagesAreFormattedBySlf4jsRules() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    System.Logger target = new CliLoggerFinder("info", false, () -> err).getLogger("io.modelcontextprotocol.x",
        getClass().getModule());
    org.slf4j.Logger log = new CliSlf4jProvider.SystemLoggerAdapter(target);
    assertTrue(log.isInfoEnabled());
    assertTrue(log.isWarnEnabled());
    assertFalse(log.isDebugEnabled());
    log.debug("hidden {}", 1);
    log.info("Client initialize request - Protocol: {}, Info: {}", "2025-06-18", "probe");
    log.warn("Session {} gone", "abc", new IllegalStateException("closed"));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size(), lines::toString);
    assertTrue(lines.get(0).endsWith(" INFO io.modelcontextprotocol.x: Client initialize request - Protocol: 2025-06-18, "
        + "Info: probe"), lines.get(0));
    assertTrue(lines.get(1).endsWith(" WARNING io.modelcontextprotocol.x: Session abc gone: "
        + "java.lang.IllegalStateException: closed"), lines.get(1));
  }
}
