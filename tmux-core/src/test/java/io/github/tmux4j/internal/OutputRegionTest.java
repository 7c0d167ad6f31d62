package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.Prompts;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class OutputRegionTest {

  @Test
  void echoOfTheInputIsNotOutput() {
    OutputRegion r = OutputRegion.parse(List.of(">>> print('ready')", "ready", ">>>"), 4, 4, List.of("print('ready')"));
    assertEquals("ready\n>>>", r.text());
    Matcher p = r.promptMatch(Prompts.PYTHON);
    assertNotNull(p);
    assertEquals("ready", r.outputBefore(p));
  }

  @Test
  void earlierPromptOnTheInputLineDoesNotCountAsTheNextPrompt() {
    // Right after Enter, before the echo appeared: only the old prompt is on screen.
    OutputRegion r = OutputRegion.parse(List.of(">>>"), 4, 4, List.of("x = 1"));
    assertNull(r.promptMatch(Prompts.PYTHON));
    assertEquals("", r.text());
    assertFalse(r.echoComplete());
  }

  @Test
  void partiallyTypedEchoIsNeitherEchoNorOutput() {
    OutputRegion r = OutputRegion.parse(List.of(">>> print('rea"), 4, 15, List.of("print('ready')"));
    assertEquals("", r.text());
    assertNull(r.promptMatch(Prompts.PYTHON));
  }

  @Test
  void statementWithoutOutputYieldsEmptyOutput() {
    OutputRegion r = OutputRegion.parse(List.of(">>> x = 42", ">>>"), 4, 4, List.of("x = 42"));
    Matcher p = r.promptMatch(Prompts.PYTHON);
    assertNotNull(p);
    assertEquals("", r.outputBefore(p));
  }

  @Test
  void multiLineInputSkipsContinuationPromptsAndKeepsInterleavedOutput() {
    List<String> screen = List.of(">>> for i in range(2):", "...     print(i)", "...", "0", "1", ">>>");
    OutputRegion r = OutputRegion.parse(screen, 4, 4, List.of("for i in range(2):", "    print(i)", ""));
    Matcher p = r.promptMatch(Prompts.PYTHON);
    assertNotNull(p);
    assertEquals("0\n1", r.outputBefore(p));
  }

  @Test
  void secondLineNotYetEchoedMeansNotDone() {
    // Output of the first line arrived, the prompt for the second is shown, its echo is not there yet.
    List<String> screen = List.of(">>> print(1)", "1", ">>>");
    OutputRegion r = OutputRegion.parse(screen, 4, 4, List.of("print(1)", "print(2)"));
    assertNull(r.promptMatch(Prompts.PYTHON));
    assertEquals("1", r.text());
  }

  @Test
  void outputEndingLikeTheNextInputIsNotMistakenForItsEcho() {
    List<String> screen = List.of(">>> print(41)", "41", ">>> 1", "1", ">>>");
    OutputRegion r = OutputRegion.parse(screen, 4, 4, List.of("print(41)", "1"));
    Matcher p = r.promptMatch(Prompts.PYTHON);
    assertNotNull(p);
    assertEquals("41\n1", r.outputBefore(p));
  }

  @Test
  void outputWithoutTrailingNewlineBeforeThePromptIsKept() {
    OutputRegion r = OutputRegion.parse(List.of(">>> print('x', end='')", "x>>>"), 4, 5,
        List.of("print('x', end='')"));
    Matcher p = r.promptMatch(Prompts.PYTHON);
    assertNotNull(p);
    assertEquals("x", r.outputBefore(p));
  }

  @Test
  void shellPromptCarriesTheExitCode() {
    List<String> screen = List.of("[tmux4j 0]$ false", "[tmux4j 1]$");
    OutputRegion r = OutputRegion.parse(screen, 12, 12, List.of("false"));
    Matcher p = r.promptMatch(Prompts.SHELL);
    assertNotNull(p);
    assertEquals("1", p.group("exit"));
    assertEquals("", r.outputBefore(p));
  }

  @Test
  void programThatDoesNotEchoHasAllLinesAsOutput() {
    OutputRegion r = OutputRegion.parse(List.of("", "secret accepted"), 10, 0, List.of("hunter2"));
    assertTrue(r.echoComplete());
    assertEquals("\nsecret accepted", r.text());
  }

  @Test
  void tabsInTheInputMatchTheirEchoAsSpaces() {
    OutputRegion r = OutputRegion.parse(List.of("[tmux4j 0]$ echo a    b", "a b", "[tmux4j 0]$"), 12, 12,
        List.of("echo a\tb"));
    Matcher p = r.promptMatch(Prompts.SHELL);
    assertNotNull(p);
    assertEquals("a b", r.outputBefore(p));
  }

  @Test
  void startColumnCountsWideCharactersAsTwoColumns() {
    // The prompt "日本> " is 6 columns wide but 4 characters long.
    OutputRegion r = OutputRegion.parse(List.of("日本> hello", "world", "日本>"), 6, 6, List.of("hello"));
    assertEquals("world\n日本>", r.text());
  }

  @Test
  void keysWithoutEchoStartAtTheCursorColumn() {
    // sendKeys("C-c") at ">>> ": the old prompt is before the start column and must not match.
    OutputRegion r = OutputRegion.parse(List.of(">>> ^C", "KeyboardInterrupt", ">>>"), 4, 4, List.of());
    assertEquals("^C\nKeyboardInterrupt\n>>>", r.text());
    assertNotNull(r.promptMatch(Prompts.PYTHON));
  }

  @Test
  void outputOnTheInputLineOfAProgramWithEchoOffCounts() {
    // echo off: nothing was echoed, the program printed its prompt where the input would have appeared
    OutputRegion r = OutputRegion.parse(List.of(">>>"), 0, 4, List.of("secret"));
    assertTrue(r.echoComplete());
    assertEquals(">>>", r.text());
    assertNotNull(r.promptMatch(Prompts.PYTHON));
  }

  @Test
  void aPartlyEchoedInputLineIsStillWaitedFor() {
    OutputRegion r = OutputRegion.parse(List.of("secr"), 0, 4, List.of("secret"));
    assertFalse(r.echoComplete());
    assertEquals("", r.text());
  }
}
