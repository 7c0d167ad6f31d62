package io.github.tmux4j.junit.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.tmux4j.Session;
import io.github.tmux4j.SessionDeadException;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.junit.TmuxSession;
import io.github.tmux4j.junit.TmuxTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Tests that fail in different ways after printing markers in their sessions. The markers are built by
 * the programs ({@code 'marker-' + str(6 * 7)}), so they appear on the screen only as output, never in
 * the echo of the input.
 */
@TmuxTest
public class FailureSamples {
  @TmuxSession(type = SessionType.PYTHON)
  static Session sharedPy;

  @TmuxSession(type = SessionType.PYTHON)
  Session py;

  @Test
  void failsWithAssertion() {
    py.run("print('marker-' + str(6 * 7))");
    sharedPy.run("print('shared-' + 'marker')");
    assertEquals("expected-value", "actual-value", "values differ");
  }

  @Test
  void failsWithPlainAssertionError() {
    py.run("print('plain-' + 'marker')");
    throw new AssertionError("plain assertion");
  }

  @Test
  void failsWithException() {
    py.run("print('boom-' + 'marker')");
    throw new IllegalStateException("deliberate exception");
  }

  @Test
  void failsAfterTheProgramExited(@TmuxSession(type = SessionType.SHELL) Session sh) {
    // The output is read before the shell exits: tmux 3.3a closes a pane whose program exited without
    // reading what is still in its pty (it waits for that only while pipe-pane is on), so output printed
    // in the same instant as the exit may never reach the screen.
    sh.run("echo last-$((40 + 2))");
    sh.send("exit 3");
    try {
      sh.waitFor("never printed", Duration.ofSeconds(15));
    } catch (SessionDeadException expected) {
      // the shell is gone; its pane and output are kept
    }
    throw new AssertionError("the shell exited");
  }

  @Test
  void passes() {
    py.run("print('fine')");
  }

  @Test
  void isAborted() {
    py.run("print('aborted-' + 'marker')");
    assumeTrue(false, "not in this environment");
  }
}
