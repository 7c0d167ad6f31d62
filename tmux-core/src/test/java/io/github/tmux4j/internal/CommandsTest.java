package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {

  @Test
  void finalSemicolonIsEscapedOnce() {
    assertEquals("echo hi\\;", Commands.literalArgument("echo hi;"));
    assertEquals("x\\\\;", Commands.literalArgument("x\\;")); // tmux turns "\\;" back into "\;"
    assertEquals(";x", Commands.literalArgument(";x"));
    assertEquals("\\;", Commands.literalArgument(";"));
  }

  @Test
  void formatLiteralDoublesHashes() {
    assertEquals("a##{b}", Commands.formatLiteral("a#{b}"));
  }

  @Test
  void describeBoundsLongCommands() {
    String d = Commands.describe(List.of("send-keys", "-l", "x".repeat(10_000)));
    assertTrue(d.length() < 210, "was " + d.length());
  }
}
