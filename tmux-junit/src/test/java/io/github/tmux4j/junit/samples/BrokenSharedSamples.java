package io.github.tmux4j.junit.samples;

import io.github.tmux4j.Session;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.junit.TmuxSession;
import io.github.tmux4j.junit.TmuxTest;
import org.junit.jupiter.api.Test;

/** A shared session that never gets ready: the class fails before any test, after a session started. */
@TmuxTest
public class BrokenSharedSamples {
  @TmuxSession(type = SessionType.PYTHON)
  static Session fine;

  @TmuxSession(type = SessionType.CUSTOM, command = {"cat"}, readyWhen = "never shown", startupTimeoutSeconds = 1)
  static Session neverReady;

  @Test
  void neverRuns() {}
}
