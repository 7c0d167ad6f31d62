package io.github.tmux4j.junit.samples;

import io.github.tmux4j.Session;
import io.github.tmux4j.SessionType;
import io.github.tmux4j.junit.TmuxSession;
import io.github.tmux4j.junit.TmuxTest;
import org.junit.jupiter.api.Test;

/** Declarations the extension must refuse with a message that names them. Every test fails. */
@TmuxTest
public class MisdeclaredSamples {

  @Test
  void customWithoutCommand(@TmuxSession(type = SessionType.CUSTOM) Session session) {}

  @Test
  void commandWithoutCustomType(@TmuxSession(command = {"cat"}) Session session) {}

  @Test
  void notASession(@TmuxSession String session) {}

  @Test
  void badEnvEntry(@TmuxSession(env = "NO_EQUALS_SIGN") Session session) {}

  @Test
  void badReadyWhen(@TmuxSession(readyWhen = "([") Session session) {}

  @Test
  void invalidName(@TmuxSession(name = "a.b") Session session) {}

  @Test
  void sameNameDifferentSessions(@TmuxSession(name = "twin") Session a,
      @TmuxSession(name = "twin", type = SessionType.PYTHON) Session b) {}

  @Test
  void neverReady(@TmuxSession(type = SessionType.CUSTOM, command = {"cat"}, readyWhen = "never-shown",
      startupTimeoutSeconds = 1) Session session) {}
}
