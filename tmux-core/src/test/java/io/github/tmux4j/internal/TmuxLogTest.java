package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The log's excerpts show what was sent and printed, and stay short whatever their size. */
class TmuxLogTest {

  @Test
  void anExcerptMakesLineBreaksEscapesAndQuotesVisible() {
    assertEquals("\"a\\nb\\r\\tc \\e[31m \\x07 \\\"q\\\" \\\\\"", TmuxLog.excerpt("a\nb\r\tc \u001b[31m \u0007 \"q\" \\", 100));
  }

  @Test
  void anExcerptIsCutAndSaysHowLongTheTextWas() {
    assertEquals("\"xxx\"... (100000 chars)", TmuxLog.excerpt("x".repeat(100_000), 3));
    assertEquals("null", TmuxLog.excerpt(null, 3));
  }

  @Test
  void argvQuotesOnlyArgumentsThatNeedIt() {
    assertEquals("tmux -u -S /s send-keys -t %1 -l \"a b\" \"\"",
        TmuxLog.argv("tmux", Path.of("/s"), List.of("send-keys", "-t", "%1", "-l", "a b", "")));
  }

  @Test
  void argvAndTheControlLineStayBoundedForHugeArgumentsAndKeepTheirEnd() {
    List<String> huge = new java.util.ArrayList<>(List.of("send-keys", "-l", "y".repeat(1_000_000)));
    for (int i = 0; i < 1000; i++) {
      huge.add("arg" + i);
    }
    huge.add("typed-last");
    String argv = TmuxLog.argv("tmux", Path.of("/s"), huge);
    assertTrue(argv.length() < TmuxLog.COMMAND_CHARS + 40, argv);
    assertTrue(argv.startsWith("tmux -u -S /s send-keys -l \"yyy"), argv);
    assertTrue(argv.endsWith(" arg999 typed-last"), argv);
    String line = TmuxLog.line(huge);
    assertTrue(line.length() < TmuxLog.COMMAND_CHARS + 40, line);
    assertTrue(line.startsWith("\"send-keys\" \"-l\" \"yyy"), line);
    assertTrue(line.endsWith("\"typed-last\""), line);
    assertTrue(line.contains(" chars)... "), line);
  }

  @Test
  void millisHaveThreeDecimals() {
    assertTrue(TmuxLog.millis(System.nanoTime()).matches("\\d+\\.\\d{3} ms"));
  }
}
