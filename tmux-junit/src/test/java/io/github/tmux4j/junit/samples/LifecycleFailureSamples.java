package io.github.tmux4j.junit.samples;

import io.github.tmux4j.Session;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.junit.TmuxSession;
import io.github.tmux4j.junit.TmuxTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A @BeforeEach method that fails after using the test's session. */
@TmuxTest
public class LifecycleFailureSamples {
  @TmuxSession(type = SessionType.PYTHON)
  Session py;

  @BeforeEach
  void setUp() {
    py.run("print('setup-' + 'marker')");
    throw new AssertionError("setup failed");
  }

  @Test
  void test() {}
}
