package io.github.tmux4j.junit.samples;

import static io.github.tmux4j.junit.TmuxAssertions.assertThat;

import io.github.tmux4j.HealthState;
import io.github.tmux4j.Session;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.junit.TmuxSession;
import io.github.tmux4j.junit.TmuxTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Tests that fail in every way that could show a session's last screen more than once: an assertion of
 * {@code TmuxAssertions} (whose message has the screen), a wait that times out, and a test whose
 * {@code @AfterEach} method fails too. Each prints a marker built by the program first.
 */
@TmuxTest
public class ScreenOnceSamples {
  private static final Duration SHORT = Duration.ofMillis(300);

  @TmuxSession(type = SessionType.PYTHON)
  static Session sharedPy;

  @TmuxSession(type = SessionType.PYTHON)
  Session py;

  @AfterEach
  void failsAfterOneTest(TestInfo test) {
    if (test.getTestMethod().orElseThrow().getName().equals("failsAndItsAfterEachFailsToo")) {
      py.run("print('after-' + 'each')");
      throw new IllegalStateException("after-each failure");
    }
  }

  @Test
  void failsInEventuallyShows() {
    py.run("print('once-' + 'marker')");
    assertThat(py).within(SHORT).eventuallyShows("never-there");
  }

  @Test
  void failsInHasState() {
    py.run("print('once-' + 'marker')");
    assertThat(py).hasState(HealthState.DEAD);
  }

  @Test
  void failsInShows() {
    py.run("print('once-' + 'marker')");
    assertThat(py).shows("never-there");
  }

  @Test
  void failsInAndOutputsWithASharedSessionToo() {
    sharedPy.run("print('shared-' + 'marker')");
    assertThat(py).runs("print('once-' + 'marker')").andOutputs("something else");
  }

  @Test
  void failsWithAWaitTimeout() {
    py.run("print('once-' + 'marker')");
    py.waitFor("never-there", SHORT);
  }

  @Test
  void failsAndItsAfterEachFailsToo() {
    py.run("print('once-' + 'marker')");
    throw new AssertionError("test failure");
  }
}
