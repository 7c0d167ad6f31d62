package io.github.tmux4j.junit;

import static io.github.tmux4j.junit.TmuxAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.HealthState;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionDeadException;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.WaitTimeoutException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The assertions pass on what the session shows and fail with its screen in the message. */
@TmuxTest
class TmuxAssertionsIT {
  private static final Duration SHORT = Duration.ofMillis(300);

  @TmuxSession(type = SessionType.PYTHON, shared = true)
  static Session py;

  @TmuxSession
  Session sh;

  @Test
  void eventuallyShowsWaitsForOutputPrintedLater() {
    py.send("import time; time.sleep(0.3); print('ready-' + 'now')");
    assertThat(py).eventuallyShows("ready-now");
  }

  @Test
  void eventuallyShowsAcceptsAPatternAndATimeout() {
    py.send("print('build', 40 + 2)");
    assertThat(py).eventuallyShows(Pattern.compile("build \\d+"), Duration.ofSeconds(5));
  }

  @Test
  void eventuallyShowsFailsWithTheScreenInTheMessage() {
    py.send("print('something-' + 'else')");
    AssertionError e = assertThrows(AssertionError.class, () -> assertThat(py).eventuallyShows("never-there", SHORT));
    assertTrue(e.getMessage().startsWith("Expected tmux session 'py' to show \"never-there\" within 300 ms, but "
        + "WaitTimeoutException"), e.getMessage());
    assertTrue(e.getMessage().contains("something-else"), e.getMessage());
    assertTrue(e.getCause() instanceof WaitTimeoutException);
  }

  @Test
  void eventuallyShowsIsNotFooledByTheEchoOfTheInput() {
    py.send("x = 1  # only-in-the-echo");
    AssertionError e = assertThrows(AssertionError.class,
        () -> assertThat(py).eventuallyShows("only-in-the-echo", SHORT));
    assertTrue(e.getMessage().contains("within 300 ms"), e.getMessage());
  }

  @Test
  void withinSetsTheTimeoutOfTheWaitingAssertions() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> assertThat(py).within(Duration.ofMillis(200)).eventuallyShows("never-there"));
    assertTrue(e.getMessage().contains("within 200 ms"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> assertThat(py).within(Duration.ZERO));
  }

  @Test
  void runsAndOutputsChecksTheExactOutput() {
    assertThat(py).runs("for i in range(3): print('line', i)\n").andOutputs("line 0\nline 1\nline 2");
  }

  @Test
  void andOutputsFailureCarriesExpectedActualAndTheScreen() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> assertThat(py).runs("print(40 + 2)").andOutputs("41"));
    assertEquals("41", e.getExpected().getValue());
    assertEquals("42", e.getActual().getValue());
    assertTrue(e.getMessage().startsWith("Expected `print(40 + 2)` in tmux session 'py' to output \"41\", but it "
        + "output \"42\"."), e.getMessage());
    assertTrue(e.getMessage().contains("  | >>> print(40 + 2)\n  | 42\n"), e.getMessage());
  }

  @Test
  void andOutputsContainingAndMatchingLookInsideTheOutput() {
    assertThat(py).runs("print('alpha beta gamma')")
        .andOutputsContaining("beta")
        .andOutputsMatching(Pattern.compile("^alpha .* gamma$"));
    AssertionError e = assertThrows(AssertionError.class,
        () -> assertThat(py).runs("print('alpha')").andOutputsContaining("omega"));
    assertTrue(e.getMessage().contains("containing \"omega\", but it output \"alpha\""), e.getMessage());
    assertThrows(AssertionError.class, () -> assertThat(py).runs("print('alpha')").andOutputsMatching(Pattern.compile("^beta")));
  }

  @Test
  void andExitsWithChecksAShellsExitCode() {
    assertThat(sh).runs("false").andExitsWith(1);
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> assertThat(sh).runs("echo oops; exit_code=4; (exit $exit_code)").andExitsWith(0));
    assertEquals(0, e.getExpected().getValue());
    assertEquals(4, e.getActual().getValue());
    assertTrue(e.getMessage().contains("  | oops\n"), e.getMessage());
  }

  @Test
  void andExitsWithFailsForAProgramWhosePromptHasNoExitCode() {
    AssertionError e = assertThrows(AssertionError.class, () -> assertThat(py).runs("pass").andExitsWith(0));
    assertTrue(e.getMessage().contains("reports no exit code"), e.getMessage());
  }

  @Test
  void resultGivesTheCommandResult() {
    assertEquals(0, assertThat(sh).runs("echo hi").andOutputs("hi").result().exitCode().orElseThrow());
  }

  @Test
  void runsFailsWhenNoPromptComesInTime(@TmuxSession(type = SessionType.PYTHON) Session slow) {
    AssertionError e = assertThrows(AssertionError.class,
        () -> assertThat(slow).within(SHORT).runs("import time; time.sleep(5)"));
    assertTrue(e.getMessage().startsWith("Expected tmux session 'python-runsFailsWhenNoPromptComesInTime' to run "
        + "`import time; time.sleep(5)` and show its prompt within 300 ms"), e.getMessage());
  }

  @Test
  void showsAndDoesNotShowLookAtTheScreenNow() {
    assertThat(py).runs("print('on-' + 'screen')");
    assertThat(py).shows("on-screen").doesNotShow("off-screen");
    AssertionError e = assertThrows(AssertionError.class, () -> assertThat(py).shows("off-screen"));
    assertTrue(e.getMessage().contains("  | on-screen\n"), e.getMessage());
    assertThrows(AssertionError.class, () -> assertThat(py).doesNotShow("on-screen"));
  }

  @Test
  void isHealthyPassesForARunningProgram() {
    assertThat(sh).isHealthy().hasState(HealthState.HEALTHY);
  }

  @Test
  void isHealthyFailsForAnExitedProgramWithItsStatusAndScreen(
      @TmuxSession(type = SessionType.PYTHON) Session dying) {
    dying.send("print('last-' + 'words'); raise SystemExit(3)");
    assertThrows(SessionDeadException.class, () -> dying.waitFor("never printed", Kit.WAIT));
    assertThat(dying).hasState(HealthState.DEAD);
    AssertionError e = assertThrows(AssertionError.class, () -> assertThat(dying).isHealthy());
    assertTrue(e.getMessage().startsWith("Expected tmux session 'python-isHealthyFailsForAnExitedProgramWithItsStatusAndScreen'"
        + " to be HEALTHY, but it is DEAD (exit status 3)."), e.getMessage());
    assertTrue(e.getMessage().contains("  | last-words\n"), e.getMessage());
    AssertionError waited = assertThrows(AssertionError.class, () -> assertThat(dying).eventuallyShows("anything"));
    assertTrue(waited.getMessage().contains("SessionDeadException"), waited.getMessage());
  }
}
