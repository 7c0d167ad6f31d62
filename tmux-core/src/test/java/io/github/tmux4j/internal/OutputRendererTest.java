package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal model that turns a pane's output stream into lines (pure; no tmux). */
class OutputRendererTest {
  private static final String NONCE = "0badc0de";

  private static OutputRenderer render(String printed) {
    return render(printed, 1_000_000);
  }

  private static OutputRenderer render(String printed, long limit) {
    OutputRenderer r = new OutputRenderer(limit, NONCE);
    r.feed(printed.getBytes(StandardCharsets.UTF_8));
    return r;
  }

  private static List<String> all(OutputRenderer r) {
    return PendingInput.joined(r.lines(0, -1));
  }

  private static String marker(String kind, String payload) {
    return "\033]7331;tmux4j;" + NONCE + ";" + kind + (payload.isEmpty() ? "" : ";" + payload) + "\007";
  }

  @Test
  void linesAsPrinted() {
    OutputRenderer r = render("echo hi\r\nhi\r\n$ ");
    assertEquals(List.of("echo hi", "hi", "$ "), all(r));
    assertEquals(2, r.currentLine());
    assertEquals("$ ", r.beforeCursor());
    assertFalse(r.screenChanged());
  }

  @Test
  void carriageReturnOverwritesAsAProgressBarDoes() {
    OutputRenderer r = render("progress 10%\rprogress 55%\rprogress 100%\r\ndone\r\n");
    assertEquals(List.of("progress 100%", "done", ""), all(r));
  }

  @Test
  void carriageReturnWithEraseLeavesOnlyTheNewText() {
    OutputRenderer r = render("downloading 1234 of 9999\r\033[Kdone\r\n");
    assertEquals(List.of("done", ""), all(r));
  }

  @Test
  void backspaceAndTabMoveWithinTheLine() {
    assertEquals(List.of("abX"), all(render("abc\bX")));
    assertEquals(List.of("a       b"), all(render("a\tb")));
  }

  @Test
  void coloursVanish() {
    assertEquals(List.of("red plain"), all(render("\033[1;31mred\033[0m plain")));
  }

  @Test
  void clearingStartsAfreshAndIsNoted() {
    OutputRenderer r = render("old\r\nlines\r\n\033[H\033[2J\033[3Jnew");
    assertEquals(List.of("new"), all(r));
    assertTrue(r.screenChanged());
    OutputRenderer reset = render("old\r\n\033cafter reset");
    assertEquals(List.of("after reset"), all(reset));
  }

  @Test
  void theAlternateScreenIsLeftOutAndTheCursorComesBack() {
    OutputRenderer r = render("$ less f\r\n\033[?1049h\033[H\033[2Jpage 1\r\npage 2\033[?1049l\r$ echo back\r\n");
    assertEquals(List.of("$ less f", "$ echo back", ""), all(r));
    assertTrue(r.screenChanged());
  }

  @Test
  void markersOfTheSessionAreTakenOutWithTheirPlace() {
    OutputRenderer r = render("ls\r\nfile\r\n" + marker("p", "0") + "[tmux4j 0]$ ");
    assertEquals(List.of("ls", "file", "[tmux4j 0]$ "), all(r));
    assertEquals(List.of(new OutputRenderer.Mark(2, 0, "p", "0")), r.marks());
  }

  @Test
  void aMarkerWithAnotherNonceIsNotTheSessionsPrompt() {
    OutputRenderer r = render("\033]7331;tmux4j;deadbeef;p;0\007fake");
    assertTrue(r.marks().isEmpty());
    assertEquals(List.of("fake"), all(r));
  }

  @Test
  void aMarkerSplitAcrossNotificationsIsStillFound() {
    OutputRenderer r = new OutputRenderer(1_000, NONCE);
    byte[] bytes = ("x\r\n" + marker("c", "")).getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      r.feed(new byte[] {b});
    }
    assertEquals(List.of(new OutputRenderer.Mark(1, 0, "c", "")), r.marks());
  }

  @Test
  void aCharacterSplitAcrossNotificationsIsDecodedWhole() {
    OutputRenderer r = new OutputRenderer(1_000, NONCE);
    byte[] bytes = "é日本".getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      r.feed(new byte[] {b});
    }
    assertEquals(List.of("é日本"), all(r));
  }

  @Test
  void pastTheLimitHeadAndTailAreKeptAndTheGapCounted() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      out.append("line ").append(i).append("\r\n");
    }
    OutputRenderer r = render(out.toString(), 200);
    OutputRenderer.Lines lines = r.lines(0, -1);
    assertEquals("line 0", lines.head().get(0));
    assertEquals("", lines.tail().get(lines.tail().size() - 1));
    assertEquals("line 999", lines.tail().get(lines.tail().size() - 2));
    long kept = lines.head().size() + lines.tail().size() - 1;
    assertEquals(1000, kept + lines.droppedLines());
    assertTrue(lines.droppedChars() > 0);
    assertTrue(all(r).contains("[... " + lines.droppedLines() + " lines left out ...]"));
  }

  @Test
  void linesFromAndToAColumn() {
    OutputRenderer r = render("cmd\r\nout 1\r\nout 2\r\n" + marker("p", "3") + "$ ");
    OutputRenderer.Mark m = r.marks().get(0);
    assertEquals(List.of("out 1", "out 2", ""), PendingInput.joined(r.lines(1, m.line(), m.column())));
    assertEquals("3", m.payload());
  }

  @Test
  void cursorMovesAcrossLinesAreNoted() {
    assertTrue(render("a\r\n\033[1Ab").screenChanged());
    assertFalse(render("a\033[5Db").screenChanged());
  }
}
