package io.github.tmux4j;

import static io.github.tmux4j.ItSupport.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.tmux4j.testing.PrivateTmux;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** waitFor sees what the program printed after the input, never the echo of the input or older output. */
class WaitForIT {
  @RegisterExtension static final PrivateTmux TMUX = new PrivateTmux();

  private static final Duration SHORT = Duration.ofSeconds(1);

  private static TmuxClient tmux;
  private static Session py;

  @BeforeAll
  static void sessions() {
    tmux = TMUX.client();
    py = tmux.newSession("wait-py").python().create();
  }

  /** Leaves the shared REPL at a fresh prompt for the next test. */
  @AfterEach
  void settle() {
    py.run("pass", WAIT);
  }

  @AfterAll
  static void close() {
    py.close();
  }

  @Test
  void waitForIgnoresTheEcho() {
    py.send("print('re' + 'ady')");
    // The pattern also matches the echo "'re' + 'ady'": only the printed "ready" may count.
    MatchResult m = py.waitFor(Pattern.compile("re.{0,8}ady"), WAIT);
    assertEquals("ready", m.group());
    py.waitFor(Prompts.PYTHON, WAIT);
  }

  @Test
  void waitForTextThatOnlyAppearsInTheEchoTimesOut() {
    py.send("x = 'marker123'");
    WaitTimeoutException e = assertThrows(WaitTimeoutException.class, () -> py.waitFor("marker123", SHORT));
    assertEquals(SHORT, e.timeout());
    py.waitFor(Prompts.PYTHON, WAIT);
  }

  @Test
  void waitForSeesOutputPrintedBeforeTheCall() {
    py.send("print('do' + 'ne')");
    await().atMost(WAIT).until(() -> py.capture().lines().contains("done"));
    MatchResult m = py.waitFor("done", SHORT);
    assertEquals("done", m.group());
  }

  @Test
  void waitForDoesNotSeeOutputOfEarlierCommands() {
    assertEquals("earlier", py.run("print('ear' + 'lier')").output());
    py.send("later = 1");
    assertThrows(WaitTimeoutException.class, () -> py.waitFor("earlier", SHORT));
  }

  @Test
  void waitForSeesSlowOutput() {
    py.send("import time; time.sleep(0.5); print('fin' + 'ished')");
    assertEquals("finished", py.waitFor("finished", WAIT).group());
  }

  @Test
  void waitForMatchesAcrossLines() {
    py.send("print('alpha'); print('beta')");
    MatchResult m = py.waitFor(Pattern.compile("alpha\\nbeta"), WAIT);
    assertEquals("alpha\nbeta", m.group());
  }

  @Test
  void waitForBeforeAnySendLooksAtTheVisibleScreen() {
    py.run("print('on' + ' screen')");
    Session fresh = tmux.session("wait-py").orElseThrow(); // a new handle: nothing sent through it
    assertEquals("on screen", fresh.waitFor("on screen", WAIT).group());
  }

  @Test
  void waitForTimeoutCarriesTheTailOfTheScreen() {
    py.send("print('tail' + '-of-screen')");
    py.waitFor("tail-of-screen", WAIT);
    WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
        () -> py.waitFor("never-printed", Duration.ofMillis(500)));
    assertTrue(e.getMessage().contains("tail-of-screen"), e.getMessage());
    assertTrue(e.getMessage().contains("never-printed"), "the message says what was awaited: " + e.getMessage());
    assertTrue(e.lastScreen().contains("tail-of-screen"), e.lastScreen());
    assertEquals(Duration.ofMillis(500), e.timeout());
  }

  @Test
  void waitForTimesOutNoEarlierThanTheTimeout() {
    py.send("pass");
    long start = System.nanoTime();
    assertThrows(WaitTimeoutException.class, () -> py.waitFor("never-printed", Duration.ofMillis(400)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(Duration.ofMillis(400)) >= 0, "waited " + took);
    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "waited " + took);
  }

  @Test
  void waitForThrowsSessionDeadWhenProcessExits() {
    try (Session dying = tmux.newSession("wait-dying").python().create()) {
      dying.send("import time, os; print('go' + 'ing'); time.sleep(0.3); os._exit(7)");
      long start = System.nanoTime();
      SessionDeadException e =
          assertThrows(SessionDeadException.class, () -> dying.waitFor("never-printed", Duration.ofSeconds(20)));
      assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0,
          "the wait ends when the process dies, not at the timeout");
      assertEquals(OptionalInt.of(7), e.exitStatus());
      assertEquals("wait-dying", e.sessionName());
      assertTrue(e.lastScreen().contains("going"), e.lastScreen());
      assertFalse(dying.health().isHealthy());
    }
  }

  @Test
  void waitForRejectsNonPositiveTimeout() {
    assertThrows(IllegalArgumentException.class, () -> py.waitFor("x", Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> py.run("1", Duration.ofSeconds(-1)));
  }
}
