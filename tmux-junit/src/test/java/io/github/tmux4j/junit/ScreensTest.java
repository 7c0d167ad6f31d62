package io.github.tmux4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void aScreenIsShownInAFailureWhoseMessageCausesOrSuppressedCarryItsHeader() {
    String shown = Screens.format(java.util.List.of(
        new Screens.Screen("py", "python-repl", io.github.tmux4j.HealthState.HEALTHY, ">>> ", null)));
    assertTrue(Screens.shownIn(new AssertionError(shown), "py"));
    assertTrue(Screens.shownIn(new AssertionError("outer", new IllegalStateException(shown)), "py"));
    AssertionError suppressing = new AssertionError("outer");
    suppressing.addSuppressed(new RuntimeException(shown));
    assertTrue(Screens.shownIn(suppressing, "py"));
    assertFalse(Screens.shownIn(new AssertionError(shown), "py2"), "another session of a similar name");
    assertFalse(Screens.shownIn(new AssertionError((Object) null), "py"));
  }

  @Test
  void aFailureThatSuppressesItselfIsSearchedOnce() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.addSuppressed(b);
    assertFalse(Screens.shownIn(a, "py"));
  }
}
