package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutputCapsTest {
  private static List<String> numbers(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).collect(Collectors.toList());
  }

  @Test
  void outputWithinTheCapsIsUnchanged() {
    OutputCaps.Capped c = OutputCaps.apply(numbers(1, 5), List.of(), 5, 100);
    assertEquals(numbers(1, 5), c.lines());
    assertEquals(0, c.cutLines());
    assertEquals(0, c.cutBytes());
  }

  @Test
  void lineCapKeepsFirstAndLastHalvesAndSaysWhatItCut() {
    OutputCaps.Capped c = OutputCaps.apply(numbers(1, 10), List.of(), 4, Long.MAX_VALUE);
    assertEquals(List.of("1", "2", "[... 6 lines (12 bytes) cut ...]", "9", "10"), c.lines());
    assertEquals(6, c.cutLines());
    assertEquals(12, c.cutBytes());
  }

  @Test
  void oddLineCapKeepsOneMoreAtTheHead() {
    OutputCaps.Capped c = OutputCaps.apply(numbers(1, 10), List.of(), 3, Long.MAX_VALUE);
    assertEquals(List.of("1", "2", "[... 7 lines (14 bytes) cut ...]", "10"), c.lines());
  }

  @Test
  void byteCapEndsAndStartsAtLineBreaks() {
    List<String> lines = numbers(10, 99); // 90 lines of 2 bytes, 269 bytes
    OutputCaps.Capped c = OutputCaps.apply(lines, List.of(), Integer.MAX_VALUE, 20);
    assertEquals(List.of("10", "11", "12", "[... 84 lines (252 bytes) cut ...]", "97", "98", "99"), c.lines());
    assertEquals(84, c.cutLines());
    assertEquals(252, c.cutBytes());
  }

  @Test
  void aLineLongerThanTheCapIsCutWithinItself() {
    String line = "x".repeat(100);
    OutputCaps.Capped c = OutputCaps.apply(List.of(line), List.of(), Integer.MAX_VALUE, 16);
    assertEquals(List.of("x".repeat(8), "[... 0 lines (84 bytes) cut ...]", "x".repeat(8)), c.lines());
    assertEquals(0, c.cutLines());
    assertEquals(84, c.cutBytes());
  }

  @Test
  void byteCapCountsUtf8AndNeverSplitsACharacter() {
    String line = "é".repeat(20); // 40 bytes
    OutputCaps.Capped c = OutputCaps.apply(List.of(line), List.of(), Integer.MAX_VALUE, 17);
    assertEquals(List.of("é".repeat(4), "[... 0 lines (24 bytes) cut ...]", "é".repeat(4)), c.lines());
    assertEquals(24, c.cutBytes());
  }

  @Test
  void linesTheClientLimitLeftOutAreCountedWhenTheCutCoversThem() {
    List<String> lines = new java.util.ArrayList<>(numbers(1, 6));
    lines.add(3, "[... 1000 lines left out ...]");
    OutputCaps.Capped c = OutputCaps.apply(lines, List.of(new OutputCaps.Hole(3, 1000, 5000)), 2, Long.MAX_VALUE);
    assertEquals(List.of("1", "[... 1004 lines (5008 bytes) cut ...]", "6"), c.lines());
    assertEquals(4, c.cutLines());
    assertEquals(8, c.cutBytes());
  }

  @Test
  void collectedTextIsTrimmedLikeRunAndReportsTheCut() {
    OutputCaps.Collected out = new OutputCaps.Collected();
    out.add(new OutputRenderer.Lines(List.of("a  ", "b", "c", "d", ""), 0, List.of(), 0, 0));
    OutputCaps.Text text = out.finish(2, Long.MAX_VALUE, false);
    assertEquals("a\n[... 2 lines (4 bytes) cut ...]\nd", text.text());
    assertEquals(new io.github.tmux4j.CommandResult.Truncation(0, 0, false, 2, 4), text.truncation());
    assertEquals("a\nb\nc\nd", out.finish(Integer.MAX_VALUE, Long.MAX_VALUE, false).text());
  }
}
