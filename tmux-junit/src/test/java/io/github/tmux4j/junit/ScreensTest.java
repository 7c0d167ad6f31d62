package io.github.tmux4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScreensTest {

  @Test
  void indentPrefixesEachLine() {
    assertEquals("  | >>> 1\n  | 1\n", Screens.indent(">>> 1\n1\n\n", 60));
  }

  @Test
  void indentKeepsShortRunsOfBlankLines() {
    assertEquals("  | a\n  | \n  | \n  | b\n", Screens.indent("a\n\n\nb", 60));
  }

  @Test
  void indentShortensLongRunsOfBlankLinesToANote() {
    assertEquals("  | a\n  (5 blank lines)\n  | Pane is dead\n", Screens.indent("a\n\n\n\n\n\nPane is dead", 60));
  }

  @Test
  void indentShowsOnlyTheLastLinesAndSaysHowManyAreLeftOut() {
    assertEquals("  (2 earlier lines not shown)\n  | c\n  | d\n", Screens.indent("a\nb\nc\nd", 2));
  }
}
