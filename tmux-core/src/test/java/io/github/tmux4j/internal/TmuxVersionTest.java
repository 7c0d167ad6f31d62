package io.github.tmux4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TmuxVersionTest {
  @Test
  void parsesReleasesAndDevelopmentBuilds() {
    assertEquals(new TmuxVersion(3, 3, "tmux 3.3a"), TmuxVersion.parse("tmux 3.3a\n"));
    assertEquals(3, TmuxVersion.parse("tmux next-3.6").major());
    assertEquals(6, TmuxVersion.parse("tmux next-3.6").minor());
    assertEquals(Integer.MAX_VALUE, TmuxVersion.parse("tmux master").major());
  }

  @Test
  void controlModeIsSafeFromTmux33On() {
    assertFalse(TmuxVersion.parse("tmux 3.2a").controlModeSafe());
    assertFalse(TmuxVersion.parse("tmux 2.9").controlModeSafe());
    assertTrue(TmuxVersion.parse("tmux 3.3a").controlModeSafe());
    assertTrue(TmuxVersion.parse("tmux 3.7c").controlModeSafe());
    assertTrue(TmuxVersion.parse("tmux 4.0").controlModeSafe());
    assertTrue(TmuxVersion.parse("tmux master").controlModeSafe());
  }
}
