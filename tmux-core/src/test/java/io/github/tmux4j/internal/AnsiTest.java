package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.tmux4j.Ansi;
import org.junit.jupiter.api.Test;

class AnsiTest {

  @Test
  void removesColoursCursorMovesTitlesAndControls() {
    assertEquals("red plain", Ansi.strip("\u001b[31;1mred\u001b[0m plain"));
    assertEquals("ab", Ansi.strip("a\u001b[2Kb"));
    assertEquals("x", Ansi.strip("\u001b]0;title\u0007x"));
    assertEquals("x", Ansi.strip("\u001b]8;;http://e\u001b\\x"));
    assertEquals("ab", Ansi.strip("a\rb"));
    assertEquals("a\tb\nc", Ansi.strip("a\tb\nc"));
    assertEquals("=", Ansi.strip("\u001b(B="));
  }

  @Test
  void plainTextIsReturnedAsIs() {
    String text = "plain 日本語 text";
    assertSame(text, Ansi.strip(text));
  }
}
