package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Dropping the rows a look captured above where it needs to start ({@link TmuxServer#startOfLine}). */
class SnapshotTrimTest {
  @Test
  void dropsShortLinesOneRowEach() {
    String joined = "$ echo a\na\n$ echo b\nb\n$ ";
    assertEquals(0, PaneFormats.startOfLine(joined, 0, 80));
    assertEquals("a\n$ echo b\nb\n$ ", joined.substring(PaneFormats.startOfLine(joined, 1, 80)));
    assertEquals("b\n$ ", joined.substring(PaneFormats.startOfLine(joined, 3, 80)));
  }

  @Test
  void refusesWhenALineToDropMayHaveWrapped() {
    // A wrapped row is printed with all its cells, so a line of width - 1 or more columns may be two rows.
    assertEquals(-1, PaneFormats.startOfLine("x".repeat(20) + "\nnext\n", 1, 20));
    assertEquals(-1, PaneFormats.startOfLine("x".repeat(19) + "\nnext\n", 1, 20));
    assertEquals(-1, PaneFormats.startOfLine("x".repeat(30) + "\nnext\n", 1, 20));
    assertEquals(19, PaneFormats.startOfLine("x".repeat(18) + "\nnext\n", 1, 20));
    // a wrapped row whose tail was erased still prints its blank cells
    assertEquals(-1, PaneFormats.startOfLine("ABCDEFG             UVWXYZ\nnext\n", 1, 20));
  }

  @Test
  void countsCharactersOutsideAsciiAsTwoColumns() {
    assertEquals(-1, PaneFormats.startOfLine("日本語日本語日本語日本語\nnext\n", 1, 20)); // 24 columns
    assertEquals(10, PaneFormats.startOfLine("é".repeat(9) + "\nnext\n", 1, 20)); // 18 columns at most
    assertEquals(-1, PaneFormats.startOfLine("é".repeat(10) + "\nnext\n", 1, 20)); // 20 at most: may have wrapped
  }

  @Test
  void refusesWhenTheCaptureHasTooFewLines() {
    assertEquals(-1, PaneFormats.startOfLine("one\ntwo", 2, 80));
    assertEquals(-1, PaneFormats.startOfLine("", 1, 80));
  }
}
