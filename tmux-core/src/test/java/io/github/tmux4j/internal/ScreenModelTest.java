package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ScreenModel} without tmux: which snapshots it starts from, and what it answers for a start line.
 * Its agreement with tmux itself is tested in {@link ScreenModelIT}.
 */
class ScreenModelTest {
  private static PaneSnapshot snap(int firstLine, List<String> lines, int cursorX, int cursorY, int history,
      boolean plain) {
    return new PaneSnapshot(history, cursorX, cursorY, false, null, 10, firstLine, lines, 5, 100, plain, 0);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void startsOnlyFromAScreenItCanFollow() {
    assertNotNull(ScreenModel.of(snap(3, List.of("ab", "$"), 2, 4, 0, true)));
    assertNull(ScreenModel.of(snap(3, List.of("ab", "$"), 2, 4, 0, false)), "alternate screen, scroll region...");
    assertNull(ScreenModel.of(snap(3, List.of("abcdefghi", "$"), 2, 4, 0, true)), "a line that may have wrapped");
    assertNull(ScreenModel.of(snap(3, List.of("ab", "\u2192$"), 2, 4, 0, true)), "an arrow on the cursor line");
    assertNotNull(ScreenModel.of(snap(3, List.of("\u2192", "$"), 2, 4, 0, true)), "above it, it is only kept");
    assertNotNull(ScreenModel.of(snap(3, List.of("ab", "\u00e9$"), 2, 4, 0, true)), "accented letters are followed");
    assertNull(ScreenModel.of(snap(5, List.of("$"), 2, 4, 0, true)), "the cursor above the captured lines");
    assertNull(ScreenModel.of(snap(4, List.of("$"), 10, 4, 0, true)), "the cursor waiting past the last column");
    PaneSnapshot dead = new PaneSnapshot(0, 2, 4, true, 0, 10, 4, List.of("$"), 5, 100, true, 0);
    assertNull(ScreenModel.of(dead));
  }

  @Test
  void answersFromAnyLineAtOrAfterItsFirst() {
    ScreenModel m = ScreenModel.of(snap(4, List.of("$"), 2, 4, 0, true));
    assertTrue(m.feed(ascii("0123456789abcdefghijXY\r\nnext\r\n$ ")));
    // "$ 01234567" "89abcdefgh" "ijXY" are one line over rows 4-6, then "next" on 7 and "$" on 8
    PaneSnapshot all = m.snapshot(4, 9);
    assertEquals(List.of("$ 0123456789abcdefghijXY", "next", "$"), all.lines());
    assertEquals(8, all.cursorLine());
    assertEquals(2, all.cursorX());
    assertEquals(4, all.cursorY(), "the screen is 5 rows: it scrolled");
    assertEquals(4, all.historySize());
    assertEquals(9, all.outputVersion());
    assertEquals(List.of("89abcdefghijXY", "next", "$"), m.snapshot(5, 9).lines(), "from a wrapped row");
    assertEquals(List.of("next", "$"), m.snapshot(7, 9).lines());
    assertNull(m.snapshot(3, 9), "before its first line");
    assertNull(m.snapshot(9, 9), "after the cursor");
  }

  @Test
  void followsAccentedLettersSplitAcrossChunks() {
    ScreenModel m = ScreenModel.of(snap(4, List.of("$"), 2, 4, 0, true));
    byte[] e = "\u00e9".getBytes(StandardCharsets.UTF_8);
    assertTrue(m.feed(ascii("caf")));
    assertTrue(m.feed(new byte[] {e[0]}));
    assertTrue(m.feed(new byte[] {e[1]}));
    assertEquals(List.of("$ caf\u00e9"), m.snapshot(4, 1).lines());
    assertEquals(6, m.snapshot(4, 1).cursorX(), "one column each");
    assertFalse(m.feed("\u2192".getBytes(StandardCharsets.UTF_8)), "an arrow: three bytes, width up to tmux");
  }

  @Test
  void staysGivenUp() {
    ScreenModel m = ScreenModel.of(snap(4, List.of("$"), 2, 4, 0, true));
    assertFalse(m.feed(ascii("\033[A")));
    assertFalse(m.feed(ascii("plain")));
    assertNull(m.snapshot(4, 1));
  }

  @Test
  void givesUpBeyondItsLineLimit() {
    ScreenModel lines = ScreenModel.of(new PaneSnapshot(0, 0, 0, false, null, 10, 0, List.of(""), 5, 1_000_000,
        true, 0));
    assertFalse(lines.feed(ascii("x\r\n".repeat(ScreenModel.MAX_LINES))));
  }

  @Test
  void followsTmuxDroppingTheOldestTenthOfAFullHistory() {
    // history limit 100, full: the next scroll drops 10 lines first, so line numbers move up by 10
    ScreenModel m = ScreenModel.of(snap(104, List.of("$"), 2, 4, 100, true));
    assertTrue(m.feed(ascii("\r\nok")));
    PaneSnapshot after = m.snapshot(94, 1);
    assertEquals(List.of("$", "ok"), after.lines());
    assertEquals(91, after.historySize());
    assertEquals(95, after.cursorLine());
    assertNull(m.snapshot(93, 1), "the model's first line is now line 94");
    ScreenModel none = ScreenModel.of(new PaneSnapshot(0, 0, 4, false, null, 10, 4, List.of(""), 5, 0, true, 0));
    assertFalse(none.feed(ascii("\r\n")), "without a history the top row is lost");
  }
}
