package io.github.tmux4j.junit.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.tmux4j.Session;
import io.github.tmux4j.junit.TmuxSession;
import io.github.tmux4j.junit.TmuxTest;
import org.junit.jupiter.api.Test;

/** Classes that need tmux, run by DisabledWithoutTmuxIT with and without a tmux that can be run. */
public final class NoTmuxSamples {
  private NoTmuxSamples() {}

  /** Skipped without tmux. */
  @TmuxTest(disabledWithoutTmux = true)
  public static class SkippedWithoutTmux {
    @TmuxSession(shared = true)
    static Session shared;

    @Test
    void runs(@TmuxSession Session sh) {
      assertEquals("ok", sh.run("echo ok").output());
      assertEquals("shared", shared.run("echo shared").output());
    }
  }

  /** The default: fails without tmux. */
  @TmuxTest
  public static class FailsWithoutTmux {
    @Test
    void runs(@TmuxSession Session sh) {
      assertEquals("ok", sh.run("echo ok").output());
    }
  }
}
