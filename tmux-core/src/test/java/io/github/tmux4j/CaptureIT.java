package io.github.tmux4j;

import static io.github.tmux4j.ItSupport.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.testing.PrivateTmux;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** capture(): the visible screen by default, refined by history, joinWrapped, withAnsi and stripAnsi. */
class CaptureIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static final List<String> NUMBERED =
      IntStream.rangeClosed(1, 300).mapToObj(i -> String.format("line-%03d", i)).collect(Collectors.toList());

  private static TmuxClient tmux;
  /** 80 x 24, with 300 numbered lines printed. */
  private static Session numbered;

  @BeforeAll
  static void sessions() {
    tmux = TMUX.client();
    numbered = tmux.newSession("capture-numbered").python().size(80, 24).create();
    assertEquals(String.join("\n", NUMBERED),
        numbered.run("for i in range(1, 301): print('line-%03d' % i)\n", WAIT).output());
  }

  @AfterAll
  static void close() {
    numbered.close();
  }

  private static List<String> numberedLines(List<String> captured) {
    return captured.stream().filter(l -> l.matches("line-\\d{3}")).collect(Collectors.toList());
  }

  @Test
  void defaultCaptureIsTheVisibleScreen() {
    List<String> lines = numbered.capture().lines();
    assertTrue(lines.size() <= 24, "at most the 24 visible rows: " + lines.size());
    assertTrue(lines.contains("line-300"), String.join("\n", lines));
    assertFalse(lines.contains("line-001"), String.join("\n", lines));
    assertEquals(">>>", lines.get(lines.size() - 1));
    assertEquals(String.join("\n", lines), numbered.capture().text());
  }

  @Test
  void historyIncludesScrollback() {
    List<String> all = numberedLines(numbered.capture().history(1000).lines());
    assertEquals(NUMBERED, all);
  }

  @Test
  void historyIsLimitedToTheLinesAskedFor() {
    List<String> some = numberedLines(numbered.capture().history(100).lines());
    assertTrue(some.contains("line-300"));
    assertFalse(some.contains("line-001"), "line-001 is more than 100 lines above the screen");
    assertTrue(some.size() > 24 && some.size() <= 124, "100 history lines plus the screen: " + some.size());
    assertEquals(NUMBERED.subList(NUMBERED.size() - some.size(), NUMBERED.size()), some);
    assertEquals(numbered.capture().lines(), numbered.capture().history(0).lines());
  }

  @Test
  void negativeHistoryIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> numbered.capture().history(-1));
  }

  @Test
  void joinWrappedJoinsALongLine() {
    try (Session narrow = tmux.newSession("capture-wrap").python().size(80, 24).create()) {
      String expected = IntStream.range(0, 500).mapToObj(i -> Integer.toString(i % 10)).collect(Collectors.joining());
      narrow.run("print(''.join(str(i % 10) for i in range(500)))");
      List<String> joined = narrow.capture().joinWrapped().lines();
      assertTrue(joined.contains(expected), String.join("\n", joined));
      List<String> wrapped = narrow.capture().lines();
      assertFalse(wrapped.contains(expected));
      assertTrue(wrapped.stream().allMatch(l -> l.length() <= 80), String.join("\n", wrapped));
      assertTrue(wrapped.contains(expected.substring(0, 80)), String.join("\n", wrapped));
      assertTrue(wrapped.contains(expected.substring(480)), String.join("\n", wrapped));
    }
  }

  @Test
  void withAnsiKeepsColoursAndStripAnsiRemovesThem() {
    try (Session colour = tmux.newSession("capture-ansi").python().create()) {
      colour.run("print('\\033[31mred\\033[0m plain')");
      String ansi = colour.capture().withAnsi().text();
      assertTrue(ansi.contains("\u001b["), "escape sequences kept: " + ansi);
      assertTrue(ansi.contains("red"), ansi);
      String plain = colour.capture().text();
      assertFalse(plain.contains("\u001b"), plain);
      assertTrue(plain.lines().anyMatch(l -> l.equals("red plain")), plain);
      String stripped = colour.capture().withAnsi().stripAnsi().text();
      assertFalse(stripped.contains("\u001b"), stripped);
      assertTrue(stripped.lines().anyMatch(l -> l.equals("red plain")), stripped);
      assertEquals(plain, stripped);
    }
  }

  @Test
  void captureKeepsUnicode() {
    try (Session uni = tmux.newSession("capture-unicode").python().create()) {
      assertEquals("é 日本語 🎉", uni.run("print('é 日本語 🎉')").output());
      assertTrue(uni.capture().lines().contains("é 日本語 🎉"), uni.capture().text());
    }
  }
}
