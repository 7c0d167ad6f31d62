package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlProtocolTest {

  @Test
  void encodeQuotesEveryArgumentAndNeverEmitsANewline() {
    String line = ControlProtocol.encode(List.of("send-keys", "-t", "%1", "-l", "--", "a\"b\\c$HOME\nd\te\u001bf\u0001"));
    assertEquals("\"send-keys\" \"-t\" \"%1\" \"-l\" \"--\" \"a\\\"b\\\\c\\$HOME\\nd\\te\\033f\\001\"", line);
    assertFalse(line.contains("\n"));
  }

  @Test
  void encodeKeepsSeparatorsAndUndoesTheArgumentListSemicolonEscape() {
    List<String> args = List.of("display-message", "-p", "x", ";", "send-keys", "-l", Commands.literalArgument("a;"));
    assertEquals("\"display-message\" \"-p\" \"x\" ; \"send-keys\" \"-l\" \"a;\"", ControlProtocol.encode(args));
    assertEquals(2, ControlProtocol.commandCount(args));
    assertEquals("\"x\\\\;\"", ControlProtocol.encode(List.of(Commands.literalArgument("x\\;"))));
  }

  @Test
  void encodeEscapesTildeWhichTmuxWouldExpandToHome() {
    assertEquals("\"\\176/x a\\176\"", ControlProtocol.encode(List.of("~/x a~")));
  }

  @Test
  void encodeEmptyArgumentAndUnicode() {
    assertEquals("\"\" \"日本 é 🎉\"", ControlProtocol.encode(List.of("", "日本 é 🎉")));
  }

  @Test
  void decodeOutputTurnsOctalEscapesIntoBytesAndKeepsUtf8() {
    byte[] line = "%output %3 a\\015\\012\\134b\\033[31m\u00e9".getBytes(StandardCharsets.UTF_8);
    byte[] decoded = ControlProtocol.decodeOutput(line, "%output %3 ".length(), line.length);
    byte[] expected = ("a\r\n\\b\u001b[31m\u00e9").getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(expected, decoded);
  }

  @Test
  void decodeOutputLeavesAnIncompleteEscapeAsItIs() {
    byte[] line = "x\\01".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals("x\\01".getBytes(StandardCharsets.US_ASCII), ControlProtocol.decodeOutput(line, 0, line.length));
  }

  @Test
  void guardsMatchOnlyTheirOwnTimeAndNumber() {
    ControlProtocol.Guard begin = ControlProtocol.guard("%begin 1795626775 269 1");
    assertEquals(new ControlProtocol.Guard("begin", 1795626775L, 269, 1), begin);
    assertTrue(begin.closedBy(ControlProtocol.guard("%end 1795626775 269 1")));
    assertTrue(begin.closedBy(ControlProtocol.guard("%error 1795626775 269 1")));
    assertFalse(begin.closedBy(ControlProtocol.guard("%end 1795626775 270 1")), "another command's end");
    assertFalse(begin.closedBy(ControlProtocol.guard("%end 1 269 1")), "pane text that looks like an end");
    assertFalse(begin.closedBy(null));
    assertNull(ControlProtocol.guard("%end of story"));
    assertNull(ControlProtocol.guard("%output %1 x"));
    assertNull(ControlProtocol.guard("%begin 1 2"));
  }
}
